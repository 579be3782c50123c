package dsn_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// testPKI is a CA with a server and a client certificate, a second CA that
// the client does not trust with its own server certificate, and the PEM
// files of both CAs and the client pair.
type testPKI struct {
	server, strangerServer      tls.Certificate
	caFile, otherCAFile         string
	clientCert, clientKey       string
	caCert                      *x509.Certificate
	serverName, serverIPAddress string
}

func newTestPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	p := &testPKI{serverName: "db.test", serverIPAddress: "127.0.0.1"}
	caCert, caKey := makeCA(t, "test CA")
	otherCert, otherKey := makeCA(t, "stranger CA")
	p.caCert = caCert
	server := &x509.Certificate{
		Subject:     pkix.Name{CommonName: p.serverName},
		DNSNames:    []string{p.serverName},
		IPAddresses: []net.IP{net.ParseIP(p.serverIPAddress)},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	p.server = makeLeaf(t, server, caCert, caKey)
	p.strangerServer = makeLeaf(t, server, otherCert, otherKey)
	client := &x509.Certificate{Subject: pkix.Name{CommonName: "app"}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}}
	clientPair := makeLeaf(t, client, caCert, caKey)

	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", caCert.Raw)
	p.otherCAFile = writePEM(t, dir, "other-ca.pem", "CERTIFICATE", otherCert.Raw)
	p.clientCert = writePEM(t, dir, "client.pem", "CERTIFICATE", clientPair.Certificate[0])
	keyDER, err := x509.MarshalPKCS8PrivateKey(clientPair.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	p.clientKey = writePEM(t, dir, "client-key.pem", "PRIVATE KEY", keyDER)
	return p
}

func makeCA(t *testing.T, name string) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func makeLeaf(t *testing.T, tmpl, ca *x509.Certificate, caKey *ecdsa.PrivateKey) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl.SerialNumber = big.NewInt(time.Now().UnixNano())
	tmpl.NotBefore, tmpl.NotAfter = time.Now().Add(-time.Hour), time.Now().Add(time.Hour)
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func writePEM(t *testing.T, dir, name, blockType string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// handshake runs a TLS handshake between a client using clientCfg and a
// server presenting cert over loopback TCP (whose buffers let either side
// fail without blocking the other), and returns both sides' errors.
func handshake(t *testing.T, clientCfg *tls.Config, cert tls.Certificate, server func(*tls.Config)) (clientErr, serverErr error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	srvCfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	if server != nil {
		server(srvCfg)
	}
	done := make(chan error, 1)
	go func() {
		raw, err := ln.Accept()
		if err != nil {
			done <- err
			return
		}
		defer func() { _ = raw.Close() }()
		s := tls.Server(raw, srvCfg)
		err = s.HandshakeContext(ctx)
		if err == nil {
			// With TLS 1.3 a refused client certificate shows on the first
			// read; the client closes without sending anything.
			if _, rerr := s.Read(make([]byte, 1)); rerr != nil && !errors.Is(rerr, io.EOF) {
				err = rerr
			}
		}
		done <- err
	}()
	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c := tls.Client(raw, clientCfg)
	clientErr = c.HandshakeContext(ctx)
	_ = raw.Close()
	serverErr = <-done
	return clientErr, serverErr
}

func buildTLS(t *testing.T, c *dsn.Settings) *tls.Config {
	t.Helper()
	cfg, err := c.BuildTLSConfig()
	if err != nil {
		t.Fatalf("BuildTLSConfig: %v", err)
	}
	if cfg == nil {
		t.Fatalf("BuildTLSConfig gave nil for mode %v", c.TLSMode)
	}
	if cfg.MinVersion < tls.VersionTLS12 {
		t.Errorf("MinVersion = %x, want at least TLS 1.2", cfg.MinVersion)
	}
	return cfg
}
