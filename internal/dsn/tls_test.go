package dsn_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// TestS4_VerifyCA: verify-ca accepts a certificate whose name does not match
// but rejects one from an unknown CA.
func TestS4_VerifyCA(t *testing.T) {
	p := newTestPKI(t)
	cfg := buildTLS(t, config(func(c *dsn.Settings) {
		c.TLSMode, c.SSLCA, c.Host = dsn.TLSVerifyCA, p.caFile, "wrong.name"
	}))
	if err, _ := handshake(t, cfg, p.server, nil); err != nil {
		t.Errorf("verify-ca refused the trusted CA's certificate with another name: %v", err)
	}
	err, _ := handshake(t, cfg, p.strangerServer, nil)
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Errorf("verify-ca with an unknown CA: err = %v, want x509.UnknownAuthorityError", err)
	}
}

// TestS4_VerifyIdentity: verify-identity rejects the wrong name and an
// unknown CA, and accepts the right DNS name, IP address or TLSServerName.
func TestS4_VerifyIdentity(t *testing.T) {
	p := newTestPKI(t)
	build := func(host, serverName string) *tls.Config {
		return buildTLS(t, config(func(c *dsn.Settings) {
			c.TLSMode, c.SSLCA, c.Host, c.TLSServerName = dsn.TLSVerifyIdentity, p.caFile, host, serverName
		}))
	}
	for _, tt := range []struct{ host, serverName string }{{p.serverName, ""}, {p.serverIPAddress, ""}, {"10.9.9.9", p.serverName}} {
		if err, _ := handshake(t, build(tt.host, tt.serverName), p.server, nil); err != nil {
			t.Errorf("verify-identity host %q name %q refused the right certificate: %v", tt.host, tt.serverName, err)
		}
	}
	err, _ := handshake(t, build("wrong.name", ""), p.server, nil)
	var hostErr x509.HostnameError
	if !errors.As(err, &hostErr) {
		t.Errorf("verify-identity with the wrong name: err = %v, want x509.HostnameError", err)
	}
	err, _ = handshake(t, build(p.serverName, ""), p.strangerServer, nil)
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Errorf("verify-identity with an unknown CA: err = %v, want x509.UnknownAuthorityError", err)
	}
}

// TestS4_MinimumVersion: no mode talks to a server limited to TLS 1.1.
func TestS4_MinimumVersion(t *testing.T) {
	p := newTestPKI(t)
	old := func(c *tls.Config) { c.MinVersion, c.MaxVersion = tls.VersionTLS10, tls.VersionTLS11 }
	for _, mode := range []dsn.TLSMode{dsn.TLSPreferred, dsn.TLSRequired, dsn.TLSVerifyCA, dsn.TLSVerifyIdentity} {
		cfg := buildTLS(t, config(func(c *dsn.Settings) {
			c.TLSMode, c.SSLCA, c.Host = mode, p.caFile, p.serverName
			c.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS10}
		}))
		if err, _ := handshake(t, cfg, p.server, old); err == nil {
			t.Errorf("%v: handshake with a TLS 1.1 server succeeded", mode)
		}
		if err, _ := handshake(t, cfg, p.server, nil); err != nil {
			t.Errorf("%v: handshake with a modern server failed: %v", mode, err)
		}
	}
}

func TestBuildTLSConfigModes(t *testing.T) {
	p := newTestPKI(t)
	t.Run("disabled", func(t *testing.T) {
		cfg, err := config(func(c *dsn.Settings) { c.TLSMode = dsn.TLSDisabled }).BuildTLSConfig()
		if cfg != nil || err != nil {
			t.Errorf("BuildTLSConfig() = %v, %v; want nil, nil", cfg, err)
		}
	})
	for _, mode := range []dsn.TLSMode{dsn.TLSPreferred, dsn.TLSRequired} {
		t.Run(mode.String()+" unverified", func(t *testing.T) {
			cfg := buildTLS(t, config(func(c *dsn.Settings) { c.TLSMode = mode }))
			if !cfg.InsecureSkipVerify {
				t.Errorf("InsecureSkipVerify is off")
			}
			if err, _ := handshake(t, cfg, p.strangerServer, nil); err != nil {
				t.Errorf("an unverified mode refused a certificate: %v", err)
			}
		})
		t.Run(mode.String()+" with ssl-ca", func(t *testing.T) {
			cfg := buildTLS(t, config(func(c *dsn.Settings) { c.TLSMode, c.SSLCA, c.Host = mode, p.caFile, "other" }))
			if err, _ := handshake(t, cfg, p.server, nil); err != nil {
				t.Errorf("refused the trusted CA with another name: %v", err)
			}
			if err, _ := handshake(t, cfg, p.strangerServer, nil); err == nil {
				t.Errorf("accepted an unknown CA although SSLCA is set")
			}
		})
	}
	t.Run("custom verifying TLSConfig is kept", func(t *testing.T) {
		pool := x509.NewCertPool()
		pool.AddCert(p.caCert)
		custom := &tls.Config{RootCAs: pool, ServerName: p.serverName}
		cfg := buildTLS(t, config(func(c *dsn.Settings) { c.TLSMode, c.TLSConfig, c.Host = dsn.TLSRequired, custom, "ignored" }))
		if cfg == custom || cfg.InsecureSkipVerify || cfg.ServerName != p.serverName {
			t.Errorf("custom config not cloned as is: same=%v insecure=%v name=%q", cfg == custom, cfg.InsecureSkipVerify, cfg.ServerName)
		}
		if custom.MinVersion != 0 {
			t.Errorf("BuildTLSConfig changed the caller's TLSConfig")
		}
		if err, _ := handshake(t, cfg, p.server, nil); err != nil {
			t.Errorf("refused the right certificate: %v", err)
		}
		if err, _ := handshake(t, cfg, p.strangerServer, nil); err == nil {
			t.Errorf("accepted an unknown CA")
		}
	})
	t.Run("verify-ca runs the custom VerifyConnection after the chain check", func(t *testing.T) {
		calls := 0
		custom := &tls.Config{VerifyConnection: func(tls.ConnectionState) error { calls++; return nil }}
		cfg := buildTLS(t, config(func(c *dsn.Settings) { c.TLSMode, c.SSLCA, c.TLSConfig = dsn.TLSVerifyCA, p.caFile, custom }))
		if err, _ := handshake(t, cfg, p.strangerServer, nil); err == nil || calls != 0 {
			t.Errorf("unknown CA: err=%v calls=%d; want an error before the custom check", err, calls)
		}
		if err, _ := handshake(t, cfg, p.server, nil); err != nil || calls != 1 {
			t.Errorf("trusted CA: err=%v calls=%d; want success and one custom check", err, calls)
		}
	})
	t.Run("client certificate", func(t *testing.T) {
		cfg := buildTLS(t, config(func(c *dsn.Settings) {
			c.TLSMode, c.SSLCA, c.SSLCert, c.SSLKey, c.Host = dsn.TLSVerifyIdentity, p.caFile, p.clientCert, p.clientKey, p.serverName
		}))
		pool := x509.NewCertPool()
		pool.AddCert(p.caCert)
		requireClient := func(c *tls.Config) { c.ClientAuth, c.ClientCAs = tls.RequireAndVerifyClientCert, pool }
		if cerr, serr := handshake(t, cfg, p.server, requireClient); cerr != nil || serr != nil {
			t.Errorf("client certificate refused: client %v, server %v", cerr, serr)
		}
		noCert := buildTLS(t, config(func(c *dsn.Settings) {
			c.TLSMode, c.SSLCA, c.Host = dsn.TLSVerifyIdentity, p.caFile, p.serverName
		}))
		if cerr, serr := handshake(t, noCert, p.server, requireClient); cerr == nil && serr == nil {
			t.Errorf("a server requiring a client certificate accepted none")
		}
	})
}

func TestBuildTLSConfigErrors(t *testing.T) {
	p := newTestPKI(t)
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		field string
		set   func(c *dsn.Settings)
	}{
		{"missing CA", "SSLCA", func(c *dsn.Settings) { c.SSLCA = filepath.Join(dir, "missing.pem") }},
		{"CA without PEM", "SSLCA", func(c *dsn.Settings) { c.SSLCA = notPEM }},
		{"bad key pair", "SSLCert", func(c *dsn.Settings) { c.SSLCert, c.SSLKey = p.clientCert, notPEM }},
		{"cert without key", "SSLCert", func(c *dsn.Settings) { c.SSLCert = p.clientCert }},
		{"insecure custom config", "TLSConfig", func(c *dsn.Settings) {
			c.TLSMode, c.TLSConfig = dsn.TLSVerifyIdentity, &tls.Config{InsecureSkipVerify: true}
		}},
		{"invalid mode", "TLSMode", func(c *dsn.Settings) { c.TLSMode = 17 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config(tt.set).BuildTLSConfig()
			var ce *dsn.FieldError
			if cfg != nil || !errors.As(err, &ce) || ce.Field != tt.field {
				t.Errorf("BuildTLSConfig() = %v, %v; want a *FieldError for %s", cfg, err, tt.field)
			}
		})
	}
}
