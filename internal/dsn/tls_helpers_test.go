package dsn_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
	"github.com/aiomysql-go/aiomysql/internal/testcert"
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
	ca, stranger := newCA(t, "test CA"), newCA(t, "stranger CA")
	p.caCert = ca.Cert
	p.server = testcert.Must(t)(ca.Server(p.serverName, p.serverIPAddress))
	p.strangerServer = testcert.Must(t)(stranger.Server(p.serverName, p.serverIPAddress))
	clientCert, clientKey, err := testcert.PEM(testcert.Must(t)(ca.Client("app")))
	if err != nil {
		t.Fatal(err)
	}
	p.caFile = writeFile(t, dir, "ca.pem", ca.PEM())
	p.otherCAFile = writeFile(t, dir, "other-ca.pem", stranger.PEM())
	p.clientCert = writeFile(t, dir, "client.pem", clientCert)
	p.clientKey = writeFile(t, dir, "client-key.pem", clientKey)
	return p
}

func newCA(t *testing.T, name string) *testcert.CA {
	t.Helper()
	ca, err := testcert.NewCA(name)
	if err != nil {
		t.Fatal(err)
	}
	return ca
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
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
