package dsn_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// TestServerPublicKey: ParseServerPublicKey takes an RSA key in PKIX or
// PKCS #1 PEM and nothing else; ServerPublicKey wins over
// ServerPublicKeyFile, which is read and parsed; a missing or non-RSA file is
// a *FieldError for ServerPublicKeyFile.
func TestServerPublicKey(t *testing.T) {
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

	texts := []struct {
		name string
		pem  []byte
		ok   bool
	}{
		{"PKIX", block("PUBLIC KEY", pkix), true},
		{"PKCS #1", block("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&rsaKey.PublicKey)), true},
		{"ECDSA key", block("PUBLIC KEY", ecPKIX), false},
		{"garbage DER", block("PUBLIC KEY", []byte{0x30, 0x03, 0x01, 0x02, 0x03}), false},
		{"garbage PKCS #1", block("RSA PUBLIC KEY", []byte{0x01}), false},
		{"private key", block("PRIVATE KEY", []byte{0x30, 0x00}), false},
		{"empty", nil, false},
	}
	for _, tt := range texts {
		key, err := dsn.ParseServerPublicKey(tt.pem)
		var fe *dsn.FieldError
		switch {
		case tt.ok && (err != nil || !key.Equal(&rsaKey.PublicKey)):
			t.Errorf("%s: ParseServerPublicKey = %v, %v; want the key", tt.name, key, err)
		case !tt.ok && (key != nil || !errors.As(err, &fe) || fe.Field != "ServerPublicKey"):
			t.Errorf("%s: ParseServerPublicKey = %v, %v; want a *FieldError for ServerPublicKey", tt.name, key, err)
		}
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "server.pem")
	if err := os.WriteFile(path, block("PUBLIC KEY", pkix), 0o600); err != nil {
		t.Fatal(err)
	}
	ecPath := filepath.Join(dir, "ec.pem")
	if err := os.WriteFile(ecPath, block("PUBLIC KEY", ecPKIX), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := config(func(c *dsn.Settings) { c.ServerPublicKeyFile = path }).LoadServerPublicKey()
	if err != nil || !got.Equal(&rsaKey.PublicKey) {
		t.Errorf("LoadServerPublicKey from a file = %v, %v", got, err)
	}
	set := &rsa.PublicKey{N: rsaKey.N, E: 3}
	if got, err := config(func(c *dsn.Settings) { c.ServerPublicKey, c.ServerPublicKeyFile = set, ecPath }).LoadServerPublicKey(); got != set || err != nil {
		t.Errorf("ServerPublicKey does not win over the file: %v, %v", got, err)
	}
	if got, err := dsn.New().LoadServerPublicKey(); got != nil || err != nil {
		t.Errorf("no key configured: %v, %v", got, err)
	}
	for _, p := range []string{ecPath, filepath.Join(dir, "missing.pem")} {
		_, err := config(func(c *dsn.Settings) { c.ServerPublicKeyFile = p }).LoadServerPublicKey()
		var ce *dsn.FieldError
		if !errors.As(err, &ce) || ce.Field != "ServerPublicKeyFile" {
			t.Errorf("LoadServerPublicKey(%s) = %v, want a *FieldError for ServerPublicKeyFile", filepath.Base(p), err)
		}
	}
}
