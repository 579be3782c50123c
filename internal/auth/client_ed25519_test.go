package auth_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"filippo.io/edwards25519"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// ed25519Nonce is a 32-byte nonce like the one MariaDB's plugin sends.
func ed25519Nonce() []byte { return []byte("0123456789abcdef0123456789ABCDEF") }

// mariadbPublicKey derives the key MariaDB stores for a password:
// clamp(SHA-512(pw)[:32])·B.
func mariadbPublicKey(t *testing.T, password string) ed25519.PublicKey {
	t.Helper()
	h := sha512.Sum512([]byte(password))
	s, err := edwards25519.NewScalar().SetBytesWithClamping(h[:32])
	if err != nil {
		t.Fatal(err)
	}
	return new(edwards25519.Point).ScalarBaseMult(s).Bytes()
}

func TestEd25519StoredKeyVectors(t *testing.T) {
	// What MariaDB stores for these passwords (ed25519_password(), base64
	// without padding). The local MariaDB 10.11 has no auth_ed25519 loaded
	// (and the shared server is not to be changed), so these are published
	// outputs: "secret" from MariaDB's documentation of the Ed25519 plugin,
	// the empty password from a MariaDB session quoted in a public test-setup
	// SQL script.
	tests := []struct{ password, stored string }{
		{"secret", "ZIgUREUg5PVgQ6LskhXmO+eZLS0nC8be6HPjYWR4YJY"},
		{"", "4LH+dBF+G5W2CKTyId8xR3SyDqZoQjUNUVNxx8aWbG4"},
	}
	for _, tt := range tests {
		pub, err := base64.RawStdEncoding.DecodeString(tt.stored)
		if err != nil {
			t.Fatal(err)
		}
		if got := mariadbPublicKey(t, tt.password); !bytes.Equal(got, pub) {
			t.Fatalf("%q: derived key %x, MariaDB stores %x", tt.password, got, pub)
		}
		sig, err := mustNew(t, auth.Ed25519).Start(ed25519Nonce(), &auth.Options{Password: tt.password})
		if err != nil {
			t.Fatal(err)
		}
		if !ed25519.Verify(pub, ed25519Nonce(), sig) {
			t.Fatalf("%q: the server would reject the signature", tt.password)
		}
	}
}

func TestEd25519MatchesStandardFor32BytePasswords(t *testing.T) {
	for _, pw := range []string{strings.Repeat("k", 32), "0123456789abcdef0123456789abcdef", "ünïcödé-pässwörd-32-bytes!"} {
		if len(pw) != 32 {
			t.Fatalf("%q has %d bytes", pw, len(pw))
		}
		sig, err := mustNew(t, auth.Ed25519).Start(ed25519Nonce(), &auth.Options{Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		want := ed25519.Sign(ed25519.NewKeyFromSeed([]byte(pw)), ed25519Nonce())
		if !bytes.Equal(sig, want) {
			t.Fatalf("%q: got %x, standard Ed25519 gives %x", pw, sig, want)
		}
	}
}

func TestEd25519OtherLengths(t *testing.T) {
	for _, pw := range []string{"", "a", "secret", strings.Repeat("p", 31), strings.Repeat("p", 33), strings.Repeat("long", 64)} {
		p := mustNew(t, auth.Ed25519)
		nonce := append(ed25519Nonce(), 0) // with a trailing NUL, as a switch might carry it
		sig, err := p.Start(nonce, &auth.Options{Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		pub := mariadbPublicKey(t, pw)
		if len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, ed25519Nonce(), sig) {
			t.Fatalf("%d-byte password: signature %x does not verify", len(pw), sig)
		}
		if ed25519.Verify(pub, []byte("another nonce of 32 bytes, yes!!"), sig) {
			t.Fatal("the signature does not depend on the nonce")
		}
		if _, err := p.Continue([]byte{0x01}, nil); !errors.Is(err, auth.ErrUnexpectedData) {
			t.Fatalf("Continue: %v, want ErrUnexpectedData", err)
		}
	}
}

func TestEd25519BadNonce(t *testing.T) {
	for _, nonce := range [][]byte{nil, ed25519Nonce()[:31], append(ed25519Nonce(), 'x'), append(ed25519Nonce(), 0, 0)} {
		if _, err := mustNew(t, auth.Ed25519).Start(nonce, &auth.Options{Password: "pw"}); !errors.Is(err, auth.ErrUnexpectedData) {
			t.Errorf("%d-byte nonce: %v, want ErrUnexpectedData", len(nonce), err)
		}
	}
}
