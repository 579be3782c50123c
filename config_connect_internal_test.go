package aiomysql

import (
	"crypto/tls"
	"errors"
	"path/filepath"
	"slices"
	"testing"
)

// TestTLSConfigForMode checks the root-side tlsConfig that Connect hands to
// the protocol layer: nil with TLSDisabled, else TLS 1.2 or later with the
// server name defaulted, and the mode's verification.
func TestTLSConfigForMode(t *testing.T) {
	tests := []struct {
		name       string
		set        func(c *Config)
		serverName string
		skipVerify bool // InsecureSkipVerify: TLSPreferred and TLSRequired set it without SSLCA or a verifying TLSConfig
	}{
		{"preferred takes Host", func(c *Config) { c.Host = "db.example" }, "db.example", true},
		{"zero Host is the default host", func(c *Config) { c.Host, c.TLSMode = "", TLSRequired }, "127.0.0.1", true},
		{"TLSServerName wins over Host", func(c *Config) { c.Host, c.TLSServerName = "10.0.0.1", "db.internal" }, "db.internal", true},
		{"TLSConfig's own name wins", func(c *Config) {
			c.Host, c.TLSServerName, c.TLSConfig = "h", "n", &tls.Config{ServerName: "custom", MinVersion: tls.VersionTLS13}
		}, "custom", false}, // a verifying TLSConfig is kept
		{"verify-identity verifies", func(c *Config) { c.Host, c.TLSMode = "db.example", TLSVerifyIdentity }, "db.example", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewConfig()
			tt.set(c)
			got, err := c.tlsConfig()
			if err != nil || got == nil {
				t.Fatalf("tlsConfig() = %v, %v", got, err)
			}
			if got.ServerName != tt.serverName || got.InsecureSkipVerify != tt.skipVerify || got.MinVersion < tls.VersionTLS12 {
				t.Errorf("ServerName %q, InsecureSkipVerify %v, MinVersion %x; want %q, %v, TLS 1.2 or later",
					got.ServerName, got.InsecureSkipVerify, got.MinVersion, tt.serverName, tt.skipVerify)
			}
			if c.TLSConfig != nil && (got == c.TLSConfig || c.TLSConfig.InsecureSkipVerify) {
				t.Errorf("tlsConfig changed or returned the caller's TLSConfig")
			}
		})
	}
	off := NewConfig()
	off.TLSMode, off.TLSConfig = TLSDisabled, &tls.Config{}
	if got, err := off.tlsConfig(); got != nil || err != nil {
		t.Errorf("TLSDisabled: tlsConfig() = %v, %v; want nil, nil", got, err)
	}
}

// TestConnectDerivationErrors checks that what Connect derives from a Config
// fails with the root's *ConfigError, naming the field.
func TestConnectDerivationErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.pem")
	tests := []struct {
		field string
		run   func(c *Config) error
	}{
		{"Port", func(c *Config) error { c.Port = -1; return c.validate() }},
		{"TLSMode", func(c *Config) error { c.TLSMode = 9; return c.validate() }},
		{"SSLCA", func(c *Config) error { c.SSLCA = missing; _, err := c.tlsConfig(); return err }},
		{"ServerPublicKeyFile", func(c *Config) error { c.ServerPublicKeyFile = missing; _, err := c.serverPublicKey(); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			err := tt.run(NewConfig())
			var ce *ConfigError
			if !errors.As(err, &ce) || ce.Field != tt.field {
				t.Errorf("err = %v, want a *ConfigError for %s", err, tt.field)
			}
		})
	}
	if key, err := NewConfig().serverPublicKey(); key != nil || err != nil {
		t.Errorf("no key configured: %v, %v", key, err)
	}
	c := NewConfig()
	c.AllowNativePasswords, c.AllowCleartextPasswords = false, true
	want := []string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_clear_password", "dialog"}
	if got := c.allowedAuthPlugins(); !slices.Equal(got, want) {
		t.Errorf("allowedAuthPlugins() = %v, want %v", got, want)
	}
}
