package dsn_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// TestDefaultsValidate: New's defaults and a zero Settings both pass.
func TestDefaultsValidate(t *testing.T) {
	if err := dsn.New().Validate(); err != nil {
		t.Errorf("New() does not validate: %v", err)
	}
	if err := (&dsn.Settings{}).Validate(); err != nil {
		t.Errorf("a zero Settings does not validate: %v", err)
	}
}

func TestValidate(t *testing.T) {
	dialer := func(context.Context, string, string) (net.Conn, error) { return nil, errors.New("no") }
	tests := []struct {
		field string
		set   func(c *dsn.Settings)
	}{
		{"Net", func(c *dsn.Settings) { c.Net = "udp" }},
		{"UnixSocket", func(c *dsn.Settings) { c.Net, c.UnixSocket = "tcp", "/s" }},
		{"Host", func(c *dsn.Settings) { c.Host = "a b" }},
		{"Host", func(c *dsn.Settings) { c.Host = "fe80::1%a/b" }},
		{"Port", func(c *dsn.Settings) { c.Port = 65536 }},
		{"Port", func(c *dsn.Settings) { c.Port = -1 }},
		{"ConnectTimeout", func(c *dsn.Settings) { c.ConnectTimeout = -time.Second }},
		{"KillDelay", func(c *dsn.Settings) { c.KillDelay = -1 }},
		{"Charset", func(c *dsn.Settings) { c.Charset = "utf8'; DROP" }},
		{"Collation", func(c *dsn.Settings) { c.Collation = "x y" }},
		{"InitCommands", func(c *dsn.Settings) { c.InitCommands = []string{" "} }},
		{"Params", func(c *dsn.Settings) { c.Params = map[string]string{"a=b": "1"} }},
		{"Params", func(c *dsn.Settings) { c.Params = map[string]string{"sql_mode": "ANSI"} }},
		{"ConnectAttributes", func(c *dsn.Settings) { c.ConnectAttributes = map[string]string{"": "x"} }},
		{"ConnectAttributes", func(c *dsn.Settings) { c.ConnectAttributes = map[string]string{"_os": "x"} }},
		{"ConnectAttributes", func(c *dsn.Settings) { c.ConnectAttributes = map[string]string{"a:b": "x"} }},
		{"ConnectAttributes", func(c *dsn.Settings) { c.ConnectAttributes = map[string]string{"a": "x,y"} }},
		{"TLSMode", func(c *dsn.Settings) { c.TLSMode = 9 }},
		{"SSLCert", func(c *dsn.Settings) { c.SSLKey = "/k.pem" }},
		{"TLSConfig", func(c *dsn.Settings) {
			c.TLSMode, c.TLSConfig = dsn.TLSVerifyIdentity, &tls.Config{InsecureSkipVerify: true}
		}},
		{"AuthPlugins", func(c *dsn.Settings) { c.AuthPlugins = []string{} }},
		{"AuthPlugins", func(c *dsn.Settings) { c.AuthPlugins = []string{"bad name"} }},
		{"AuthPlugin", func(c *dsn.Settings) { c.AuthPlugin = "mysql_clear_password" }},
		{"AuthPlugin", func(c *dsn.Settings) {
			c.AuthPlugins, c.AuthPlugin = []string{"client_ed25519"}, "mysql_native_password"
		}},
		{"MaxAllowedPacket", func(c *dsn.Settings) { c.MaxAllowedPacket = 1000 }},
		{"MaxAllowedPacket", func(c *dsn.Settings) { c.MaxAllowedPacket = 1<<30 + 1 }},
		{"DefaultCursor", func(c *dsn.Settings) { c.DefaultCursor = 7 }},
		{"LocalInfileAllow", func(c *dsn.Settings) { c.LocalInfileAllow = []string{"rel/path"} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			err := config(tt.set).Validate()
			var ce *dsn.FieldError
			if !errors.As(err, &ce) {
				t.Fatalf("Validate() = %v, want a *FieldError", err)
			}
			if ce.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", ce.Field, tt.field, err)
			}
			if !strings.HasPrefix(err.Error(), "aiomysql: config "+tt.field+": ") {
				t.Errorf("message %q does not start with the field", err)
			}
		})
	}
	ok := []func(c *dsn.Settings){
		func(c *dsn.Settings) { c.Net, c.Dialer = "cloudsql", dialer },
		func(c *dsn.Settings) { c.Net, c.UnixSocket = "unix", "/s" },
		func(c *dsn.Settings) { c.Host = "fe80::1%eth0" },
		func(c *dsn.Settings) { c.Params = map[string]string{"@@session.wait_timeout": "1"} },
		func(c *dsn.Settings) { c.AllowCleartextPasswords, c.AuthPlugin = true, "mysql_clear_password" },
		func(c *dsn.Settings) { c.MaxAllowedPacket = 0 },
	}
	for i, set := range ok {
		if err := config(set).Validate(); err != nil {
			t.Errorf("case %d: Validate() = %v, want nil", i, err)
		}
	}
}

func TestAllowedAuthPlugins(t *testing.T) {
	tests := []struct {
		name string
		set  func(c *dsn.Settings)
		want []string
	}{
		{"defaults", nil, []string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password"}},
		{"no native", func(c *dsn.Settings) { c.AllowNativePasswords = false },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password"}},
		{"cleartext opt-in", func(c *dsn.Settings) { c.AllowCleartextPasswords = true },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password", "mysql_clear_password", "dialog"}},
		{"old opt-in", func(c *dsn.Settings) { c.AllowOldPasswords = true },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password", "mysql_old_password"}},
		{"list without opt-ins", func(c *dsn.Settings) {
			c.AuthPlugins = []string{"mysql_clear_password", "client_ed25519", "mysql_old_password", "dialog"}
		}, []string{"client_ed25519"}},
		{"list with opt-in", func(c *dsn.Settings) {
			c.AuthPlugins = []string{"mysql_clear_password", "client_ed25519", "client_ed25519"}
			c.AllowCleartextPasswords = true
		}, []string{"mysql_clear_password", "client_ed25519"}},
		{"list without the plugin opted in", func(c *dsn.Settings) {
			c.AuthPlugins = []string{"client_ed25519"}
			c.AllowOldPasswords = true
		}, []string{"client_ed25519"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := config(tt.set).AllowedAuthPlugins(); !slices.Equal(got, tt.want) {
				t.Errorf("AllowedAuthPlugins() = %v, want %v", got, tt.want)
			}
		})
	}
}
