package auth_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/pem"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// testNonce returns a 20-byte scramble followed by the NUL the greeting
// carries, in a fresh slice.
func testNonce() []byte { return []byte("abcdefghij0123456789\x00") }

// newKey generates a fresh RSA key for one test.
func newKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// pkixPEM encodes a public key the way MySQL servers send theirs.
func pkixPEM(t testing.TB, pub any) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// ecdsaPEM is a valid PEM public key that is not RSA.
func ecdsaPEM(t testing.TB) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pkixPEM(t, &k.PublicKey)
}

// moreData wraps data in a MySQL AuthMoreData payload.
func moreData(data []byte) []byte { return append([]byte{0x01}, data...) }

// checkEncrypted decrypts an RSA-encrypted password the way the server does
// and checks it is (password + NUL) XOR the 20-byte scramble, repeated.
func checkEncrypted(t *testing.T, priv *rsa.PrivateKey, ciphertext []byte, password string, nonce []byte) {
	t.Helper()
	if len(ciphertext) != priv.Size() {
		t.Fatalf("ciphertext has %d bytes, want %d", len(ciphertext), priv.Size())
	}
	plain, err := rsa.DecryptOAEP(sha1.New(), nil, priv, ciphertext, nil)
	if err != nil {
		t.Fatalf("the server's key cannot decrypt the answer: %v", err)
	}
	for i := range plain {
		plain[i] ^= nonce[i%20]
	}
	if want := append([]byte(password), 0); !bytes.Equal(plain, want) {
		t.Fatalf("decrypted password %q, want %q", plain, want)
	}
}

// mustNew returns the named plugin or stops the test.
func mustNew(t testing.TB, name string) auth.Plugin {
	t.Helper()
	p, err := auth.New(name)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != name {
		t.Fatalf("New(%q).Name() = %q", name, p.Name())
	}
	return p
}

// pkcs1PEM encodes a public key as PKCS #1 "RSA PUBLIC KEY".
func pkcs1PEM(pub *rsa.PublicKey) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(pub)})
}
