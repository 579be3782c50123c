package auth

import "math"

// oldScrambleLen is the part of the nonce the pre-4.1 scheme uses. MariaDB
// sends 8 bytes and a NUL when it switches to mysql_old_password; a 4.1+
// greeting carries 20, of which the first 8 count.
const oldScrambleLen = 8

// oldPassword is mysql_old_password, the pre-4.1 ("323") scheme: 8 bytes
// derived from the hashes of the password and of the first 8 bytes of the
// nonce, then a NUL. An empty password is an empty answer. The scheme is
// weak (the stored hash is password-equivalent), so it runs only with
// AllowOldPasswords.
type oldPassword struct{}

func (*oldPassword) Name() string { return OldPassword }

func (*oldPassword) Start(nonce []byte, o *Options) ([]byte, error) {
	o = options(o)
	if !o.AllowOldPasswords {
		return nil, ErrOldPasswordRefused
	}
	if len(nonce) < oldScrambleLen {
		return nil, unexpected(OldPassword, "the nonce has %d bytes, want %d", len(nonce), oldScrambleLen)
	}
	if o.Password == "" {
		return []byte{}, nil
	}
	return scramble323(o.Password, nonce[:oldScrambleLen]), nil
}

func (*oldPassword) Continue(payload []byte, _ *Options) ([]byte, error) {
	return nil, unexpected(OldPassword, "%s after the answer", describe(payload))
}

// hash323 is the pre-4.1 password hash: two 31-bit numbers (the 16 hex
// digits of OLD_PASSWORD()). Spaces and tabs are skipped. The server computes
// it in 64-bit longs; only carries move upward in these operations, so 32
// bits give the same low 31 bits.
func hash323[T string | []byte](b T) (uint32, uint32) {
	nr, add, nr2 := uint32(1345345333), uint32(7), uint32(0x12345671)
	for i := range len(b) {
		c := b[i]
		if c == ' ' || c == '\t' {
			continue
		}
		t := uint32(c)
		nr ^= ((nr&63)+add)*t + nr<<8
		nr2 += nr2<<8 ^ nr
		add += t
	}
	return nr & 0x7fffffff, nr2 & 0x7fffffff
}

// scramble323 answers the 8-byte message with the password: a pseudo-random
// sequence seeded by both hashes, 8 printable bytes XOR a final extra byte,
// then a NUL.
func scramble323(password string, message []byte) []byte {
	p0, p1 := hash323(password)
	m0, m1 := hash323(message)
	const maxValue = 0x3FFFFFFF
	seed1, seed2 := uint64(p0^m0)%maxValue, uint64(p1^m1)%maxValue
	next := func() float64 {
		seed1 = (seed1*3 + seed2) % maxValue
		seed2 = (seed1 + seed2 + 33) % maxValue
		return float64(seed1) / maxValue
	}
	out := make([]byte, len(message)+1)
	for i := range message {
		out[i] = byte(math.Floor(next()*31) + 64)
	}
	extra := byte(math.Floor(next() * 31))
	for i := range message {
		out[i] ^= extra
	}
	return out
}
