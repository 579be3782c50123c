package auth_test

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// serverHash323 is the server's pre-4.1 hash of a message (here the 8-byte
// scramble), in its 64-bit arithmetic: spaces and tabs are skipped.
func serverHash323(msg []byte) (uint64, uint64) {
	nr, add, nr2 := uint64(1345345333), uint64(7), uint64(0x12345671)
	for _, c := range msg {
		if c == ' ' || c == '\t' {
			continue
		}
		nr ^= ((nr&63)+add)*uint64(c) + nr<<8
		nr2 += nr2<<8 ^ nr
		add += uint64(c)
	}
	return nr & (1<<31 - 1), nr2 & (1<<31 - 1)
}

// verifyOld checks an answer the way the server does, from the stored
// OLD_PASSWORD() hash (16 hex digits) and the 8-byte scramble it sent.
func verifyOld(t *testing.T, answer, scramble []byte, stored string) bool {
	t.Helper()
	p0, err0 := strconv.ParseUint(stored[:8], 16, 32)
	p1, err1 := strconv.ParseUint(stored[8:], 16, 32)
	if err0 != nil || err1 != nil {
		t.Fatalf("bad stored hash %q", stored)
	}
	if len(answer) != 9 || answer[8] != 0 {
		return false
	}
	m0, m1 := serverHash323(scramble)
	const maxValue = 0x3FFFFFFF
	s1, s2 := (p0^m0)%maxValue, (p1^m1)%maxValue
	rnd := func() float64 {
		s1 = (s1*3 + s2) % maxValue
		s2 = (s1 + s2 + 33) % maxValue
		return float64(s1) / maxValue
	}
	var expect [8]byte
	for i := range expect {
		expect[i] = byte(math.Floor(rnd()*31) + 64)
	}
	extra := byte(math.Floor(rnd() * 31))
	for i := range expect {
		if answer[i] != expect[i]^extra {
			return false
		}
	}
	return true
}

func TestOldPassword(t *testing.T) {
	// The stored hashes come from MariaDB 10.11:
	//   mariadb -uroot -e "SELECT OLD_PASSWORD('secret'), OLD_PASSWORD('pass word'),
	//     OLD_PASSWORD('tab\tpw'), OLD_PASSWORD(_utf8mb4'pässwörd'),
	//     OLD_PASSWORD('a-much-longer-password-with-0123456789')"
	tests := []struct {
		password, stored string
		nonce            []byte
	}{
		{"secret", "428567f408994404", []byte("AbCdEfGh\x00")},
		{"secret", "428567f408994404", []byte("abcdefghij0123456789\x00")}, // a 4.1 greeting: first 8 count
		{"pass word", "5d2e19393cc5ef67", []byte("12345678")},
		{"tab\tpw", "0d13c304022f263d", []byte("zyxw vut")},
		{"pässwörd", "4abeaead409936b7", []byte("\x01\x02\x03\x04\x05\x06\x07\x08")},
		{"a-much-longer-password-with-0123456789", "02bcfdb80f4f0c47", []byte("nonce-8b")},
	}
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			resp, err := mustNew(t, auth.OldPassword).Start(tt.nonce, &auth.Options{Password: tt.password, AllowOldPasswords: true})
			if err != nil {
				t.Fatal(err)
			}
			if !verifyOld(t, resp, tt.nonce[:8], tt.stored) {
				t.Fatalf("the server would reject %q", resp)
			}
			if verifyOld(t, resp, []byte("other-8b"), tt.stored) {
				t.Fatal("the answer does not depend on the nonce")
			}
		})
	}
}

func TestOldPasswordRules(t *testing.T) {
	tests := []struct {
		name  string
		nonce []byte
		opts  *auth.Options
		want  []byte
		err   error
	}{
		{"refused without opt-in", []byte("12345678"), &auth.Options{Password: "pw", Secure: true}, nil, auth.ErrOldPasswordRefused},
		{"refused with nil options", []byte("12345678"), nil, nil, auth.ErrOldPasswordRefused},
		{"empty password", []byte("12345678"), &auth.Options{AllowOldPasswords: true}, []byte{}, nil},
		{"short nonce", []byte("1234567"), &auth.Options{Password: "pw", AllowOldPasswords: true}, nil, auth.ErrUnexpectedData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, auth.OldPassword)
			resp, err := p.Start(tt.nonce, tt.opts)
			if !errors.Is(err, tt.err) || string(resp) != string(tt.want) || (tt.want != nil) != (resp != nil) {
				t.Fatalf("got %q, %v; want %q, %v", resp, err, tt.want, tt.err)
			}
			if _, err := p.Continue([]byte{0x01}, tt.opts); !errors.Is(err, auth.ErrUnexpectedData) {
				t.Fatalf("Continue: %v, want ErrUnexpectedData", err)
			}
		})
	}
}
