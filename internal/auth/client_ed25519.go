package auth

import (
	"crypto/sha512"

	"filippo.io/edwards25519"
)

// ed25519NonceLen is the length of the nonce MariaDB's ed25519 plugin sends.
const ed25519NonceLen = 32

// ed25519Password is MariaDB's client_ed25519: an Ed25519 signature of the
// 32-byte nonce, with the secret derived from the password the way MariaDB's
// ref10-based code does it:
//
//	h = SHA-512(password); s = clamp(h[:32]); A = s·B
//	r = SHA-512(h[32:] || nonce) mod L; R = r·B
//	k = SHA-512(R || A || nonce) mod L; S = k·s + r mod L
//
// The answer is R || S (64 bytes). For a 32-byte password this is standard
// Ed25519 with the password as the seed; for other lengths the signature
// still verifies against A, the key the server stores (base64 without
// padding).
type ed25519Password struct{}

func (*ed25519Password) Name() string { return Ed25519 }

func (*ed25519Password) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	switch {
	case len(nonce) == ed25519NonceLen:
	case len(nonce) == ed25519NonceLen+1 && nonce[ed25519NonceLen] == 0:
		nonce = nonce[:ed25519NonceLen] // a trailing NUL added by the switch
	default:
		return nil, unexpected(Ed25519, "the nonce has %d bytes, want %d", len(nonce), ed25519NonceLen)
	}
	return ed25519Sign(o.Password, nonce)
}

func (*ed25519Password) Continue(payload []byte, _ *Options) ([]byte, error) {
	return nil, unexpected(Ed25519, "%s after the signature", describe(payload))
}

// ed25519Sign signs msg with the key derived from password.
func ed25519Sign(password string, msg []byte) ([]byte, error) {
	pw := []byte(password)
	defer clear(pw)
	h := sha512.Sum512(pw)
	defer clear(h[:])

	s, err := edwards25519.NewScalar().SetBytesWithClamping(h[:32])
	if err != nil {
		return nil, err
	}
	pub := new(edwards25519.Point).ScalarBaseMult(s).Bytes()

	d := sha512.New()
	d.Write(h[32:])
	d.Write(msg)
	var digest [sha512.Size]byte
	r, err := edwards25519.NewScalar().SetUniformBytes(d.Sum(digest[:0]))
	if err != nil {
		return nil, err
	}
	sig := new(edwards25519.Point).ScalarBaseMult(r).Bytes() // R

	d.Reset()
	d.Write(sig)
	d.Write(pub)
	d.Write(msg)
	k, err := edwards25519.NewScalar().SetUniformBytes(d.Sum(digest[:0]))
	if err != nil {
		return nil, err
	}
	sig = append(sig, edwards25519.NewScalar().MultiplyAdd(k, s, r).Bytes()...)
	// s and r are the secret and the per-signature nonce: wipe them.
	s.Set(edwards25519.NewScalar())
	r.Set(edwards25519.NewScalar())
	clear(digest[:])
	return sig, nil
}
