package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// ParsePublicKey parses the first PEM block of pemBytes as an RSA public key:
// PKIX ("PUBLIC KEY", what MySQL servers send) or PKCS #1 ("RSA PUBLIC KEY").
// Anything else (no PEM, another block type, another key type) gives an error
// wrapping ErrBadPublicKey.
func ParsePublicKey(pemBytes []byte) (*rsa.PublicKey, error) {
	return parsePublicKey(pemBytes, "")
}

// parsePublicKey is ParsePublicKey with a prefix for its error messages.
func parsePublicKey(pemBytes []byte, prefix string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, fmt.Errorf("%w: %sno PEM block", ErrBadPublicKey, prefix)
	}
	switch block.Type {
	case "PUBLIC KEY":
		key, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %s%w", ErrBadPublicKey, prefix, err)
		}
		rsaKey, ok := key.(*rsa.PublicKey)
		if !ok {
			return nil, fmt.Errorf("%w: %sthe key is a %T, not RSA", ErrBadPublicKey, prefix, key)
		}
		return rsaKey, nil
	case "RSA PUBLIC KEY":
		key, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %s%w", ErrBadPublicKey, prefix, err)
		}
		return key, nil
	}
	return nil, fmt.Errorf("%w: %sa PEM block of type %q, want PUBLIC KEY or RSA PUBLIC KEY",
		ErrBadPublicKey, prefix, truncate(block.Type))
}

// maxKeyBits bounds the RSA keys the plugins encrypt with.
const maxKeyBits = 16384

// encryptPassword returns RSA-OAEP (SHA-1) of (password + NUL) XOR scramble,
// the scramble repeated over the whole length: the form sha256_password and
// caching_sha2_password send on a channel that is not secure.
func encryptPassword(plugin string, key *rsa.PublicKey, password string, scramble []byte) ([]byte, error) {
	if key == nil || key.N == nil {
		return nil, fmt.Errorf("%w: %s: the key has no modulus", ErrBadPublicKey, plugin)
	}
	if bits := key.N.BitLen(); bits > maxKeyBits {
		// A server could send a huge key to burn the client's CPU.
		return nil, fmt.Errorf("%w: %s: a %d-bit key, the limit is %d", ErrBadPublicKey, plugin, bits, maxKeyBits)
	}
	msg := passwordNUL(password)
	defer clear(msg)
	for i := range msg {
		msg[i] ^= scramble[i%len(scramble)]
	}
	out, err := rsa.EncryptOAEP(sha1.New(), rand.Reader, key, msg, nil)
	switch {
	case errors.Is(err, rsa.ErrMessageTooLong):
		return nil, fmt.Errorf("%w: %s: a %d-bit key takes at most %d bytes, the NUL included",
			ErrPasswordTooLong, plugin, key.N.BitLen(), key.Size()-2*sha1.Size-2)
	case err != nil:
		return nil, fmt.Errorf("%w: %s: %w", ErrBadPublicKey, plugin, err)
	}
	return out, nil
}
