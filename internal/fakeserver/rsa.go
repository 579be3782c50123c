package fakeserver

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"testing"
)

// NewRSAKey returns a 2048-bit RSA key, the size MySQL generates for
// sha256_password and caching_sha2_password. An error fails t.
func NewRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("fakeserver: %v", err)
	}
	return key
}

// PublicKeyPEM returns the public half of key as a PKIX "PUBLIC KEY" PEM
// block, the form a MySQL server sends when the client asks for its key.
func PublicKeyPEM(t testing.TB, key *rsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatalf("fakeserver: %v", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// DecryptPassword undoes what a client sends for sha256_password and
// caching_sha2_password on a channel without TLS: RSA-OAEP with SHA-1 of the
// password and a NUL, XORed with the nonce repeated over its length. It
// returns the password, without the NUL, as the server would check it.
func DecryptPassword(key *rsa.PrivateKey, nonce, ciphertext []byte) (string, error) {
	if len(nonce) == 0 {
		return "", errors.New("fakeserver: empty nonce")
	}
	msg, err := rsa.DecryptOAEP(sha1.New(), nil, key, ciphertext, nil)
	if err != nil {
		return "", err
	}
	for i := range msg {
		msg[i] ^= nonce[i%len(nonce)]
	}
	pw, ok := bytes.CutSuffix(msg, []byte{0})
	if !ok {
		return "", errors.New("fakeserver: the decrypted password does not end in NUL")
	}
	return string(pw), nil
}
