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

// TestLoadServerPublicKey: ServerPublicKey wins over ServerPublicKeyFile,
// which is read and parsed; a missing or non-RSA file is a *FieldError for
// ServerPublicKeyFile.
func TestLoadServerPublicKey(t *testing.T) {
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
