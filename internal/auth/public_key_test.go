package auth_test

import (
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"math/big"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

func TestParsePublicKey(t *testing.T) {
	key := newKey(t)
	good := []struct {
		name string
		pem  []byte
	}{
		{"PKIX", pkixPEM(t, &key.PublicKey)},
		{"PKCS1", pkcs1PEM(&key.PublicKey)},
		{"leading text and trailing NUL", append(append([]byte("junk\n"), pkixPEM(t, &key.PublicKey)...), 0)},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.ParsePublicKey(tt.pem)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(&key.PublicKey) {
				t.Fatal("parsed a different key")
			}
		})
	}

	bad := []struct {
		name string
		pem  []byte
	}{
		{"empty", nil},
		{"garbage", []byte("not a key at all")},
		{"ECDSA", ecdsaPEM(t)},
		{"private key block", pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: []byte{1, 2, 3}})},
		{"bad PKIX body", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: []byte{0x30, 0x03, 1, 2, 3}})},
		{"bad PKCS1 body", pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: []byte{0x30}})},
		{"truncated", pkixPEM(t, &key.PublicKey)[:100]},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			got, err := auth.ParsePublicKey(tt.pem)
			if !errors.Is(err, auth.ErrBadPublicKey) || got != nil {
				t.Fatalf("got %v, %v; want ErrBadPublicKey", got, err)
			}
		})
	}
}

func TestUnusableConfiguredKey(t *testing.T) {
	small := new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 511), big.NewInt(1))
	for _, tt := range []struct {
		name string
		key  *rsa.PublicKey
	}{
		{"no modulus", &rsa.PublicKey{}},
		{"512 bits", &rsa.PublicKey{N: small, E: 65537}},
		{"exponent 0", &rsa.PublicKey{N: newKey(t).N, E: 0}},
		{"too big", &rsa.PublicKey{N: new(big.Int).Lsh(small, 20000), E: 65537}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := &auth.Options{Password: "pw", ServerPublicKey: tt.key}
			resp, err := mustNew(t, auth.SHA256Password).Start(testNonce(), o)
			if !errors.Is(err, auth.ErrBadPublicKey) || resp != nil {
				t.Fatalf("got %x, %v; want ErrBadPublicKey", resp, err)
			}
		})
	}
}
