package aiomysql_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestParseServerPublicKey(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pkix, err := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecPKIX, err := x509.MarshalPKIXPublicKey(&ecKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	block := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }

	for name, text := range map[string][]byte{
		"PKIX":    block("PUBLIC KEY", pkix),
		"PKCS #1": block("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)),
	} {
		got, err := aiomysql.ParseServerPublicKey(text)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !got.Equal(&rsaKey.PublicKey) {
			t.Errorf("%s: parsed a different key", name)
		}
	}
	bad := map[string][]byte{
		"ECDSA key":       block("PUBLIC KEY", ecPKIX),
		"garbage":         []byte("-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n"),
		"garbage DER":     block("PUBLIC KEY", []byte{0x30, 0x03, 0x01, 0x02, 0x03}),
		"garbage PKCS #1": block("RSA PUBLIC KEY", []byte{0x01}),
		"private key":     block("PRIVATE KEY", []byte{0x30, 0x00}),
		"empty":           nil,
	}
	for name, text := range bad {
		key, err := aiomysql.ParseServerPublicKey(text)
		var ce *aiomysql.ConfigError
		if key != nil || !errors.As(err, &ce) {
			t.Errorf("%s: ParseServerPublicKey = %v, %v; want a *ConfigError", name, key, err)
		}
	}

}
