package auth_test

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// verifyNative checks an answer the way the server does, from the stored
// hash SHA1(SHA1(pw)) alone: SHA1(answer XOR SHA1(nonce + stored)) == stored.
func verifyNative(answer, nonce, stored []byte) bool {
	h := sha1.New()
	h.Write(nonce[:20])
	h.Write(stored)
	candidate := h.Sum(nil)
	if len(answer) != len(candidate) {
		return false
	}
	for i := range candidate {
		candidate[i] ^= answer[i]
	}
	sum := sha1.Sum(candidate)
	return bytes.Equal(sum[:], stored)
}

func TestNativePassword(t *testing.T) {
	tests := []struct {
		name     string
		password string
		// stored is the server's hash without the '*': for "secret" and
		// "pässwörd" it comes from MariaDB 10.11, `SELECT PASSWORD('secret')`
		// and `SELECT PASSWORD(_utf8mb4'pässwörd')`; empty means compute
		// SHA1(SHA1(pw)) here.
		stored string
		nonce  []byte
	}{
		{"server vector", "secret", "14E65567ABDB5135D0CFD9A70B3032C179A49EE7", testNonce()},
		{"server vector utf8", "pässwörd", "0225EC5004ABB0B8CB557541FE53DE1A5D8CC825", testNonce()},
		{"nonce without NUL", "secret", "14E65567ABDB5135D0CFD9A70B3032C179A49EE7", testNonce()[:20]},
		{"long password", strings.Repeat("x", 300), "", testNonce()},
		{"binary nonce", "pw", "", bytes.Repeat([]byte{0xff, 0x00}, 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stored, err := hex.DecodeString(tt.stored)
			if err != nil {
				t.Fatal(err)
			}
			if tt.stored == "" {
				s1 := sha1.Sum([]byte(tt.password))
				s2 := sha1.Sum(s1[:])
				stored = s2[:]
			}
			resp, err := mustNew(t, auth.NativePassword).Start(tt.nonce, &auth.Options{Password: tt.password})
			if err != nil {
				t.Fatal(err)
			}
			if !verifyNative(resp, tt.nonce, stored) {
				t.Fatalf("the server would reject %x", resp)
			}
			other := append([]byte(nil), tt.nonce...)
			other[0] ^= 1
			if verifyNative(resp, other, stored) {
				t.Fatal("the answer does not depend on the nonce")
			}
		})
	}
}

func TestNativePasswordEmpty(t *testing.T) {
	resp, err := mustNew(t, auth.NativePassword).Start(testNonce(), &auth.Options{})
	if err != nil || resp == nil || len(resp) != 0 {
		t.Fatalf("Start = %x, %v; want an empty, non-nil answer", resp, err)
	}
}

func TestNativePasswordBadData(t *testing.T) {
	p := mustNew(t, auth.NativePassword)
	if _, err := p.Start(testNonce()[:19], &auth.Options{Password: "pw"}); !errors.Is(err, auth.ErrUnexpectedData) {
		t.Fatalf("short nonce: %v, want ErrUnexpectedData", err)
	}
	if _, err := p.Start(testNonce(), &auth.Options{Password: "pw"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Continue([]byte{1, 4}, &auth.Options{Password: "pw"}); !errors.Is(err, auth.ErrUnexpectedData) {
		t.Fatalf("Continue: %v, want ErrUnexpectedData", err)
	}
}
