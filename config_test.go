package aiomysql_test

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"errors"
	"math/big"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func TestNewConfigDefaults(t *testing.T) {
	c := aiomysql.NewConfig()
	checks := []struct {
		field string
		ok    bool
	}{
		{"Net", c.Net == ""},
		{"Host", c.Host == "127.0.0.1"},
		{"Port", c.Port == 3306},
		{"ConnectTimeout", c.ConnectTimeout == 10*time.Second},
		{"ReadTimeout", c.ReadTimeout == 0},
		{"Charset", c.Charset == "utf8mb4"},
		{"Collation", c.Collation == ""},
		{"Location", c.Location == time.UTC},
		{"ParseTime", !c.ParseTime},
		{"TinyInt1IsBool", c.TinyInt1IsBool},
		{"Autocommit", c.Autocommit == nil},
		{"TLSMode", c.TLSMode == aiomysql.TLSPreferred},
		{"AuthPlugins", c.AuthPlugins == nil},
		{"AllowNativePasswords", c.AllowNativePasswords},
		{"AllowCleartextPasswords", !c.AllowCleartextPasswords},
		{"AllowOldPasswords", !c.AllowOldPasswords},
		{"AllowPublicKeyRetrieval", !c.AllowPublicKeyRetrieval},
		{"MaxAllowedPacket", c.MaxAllowedPacket == 64<<20},
		{"InterpolateParams", c.InterpolateParams},
		{"CheckConnLiveness", c.CheckConnLiveness},
		{"MultiStatements", !c.MultiStatements},
		{"LocalInfile", !c.LocalInfile},
		{"KillOnCancel", c.KillOnCancel},
		{"KillDelay", c.KillDelay == 0},
		{"DefaultCursor", c.DefaultCursor == aiomysql.CursorBuffered},
		{"Logger", c.Logger == nil},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("NewConfig().%s does not have its documented default", ch.field)
		}
	}
	if err := c.Validate(); err != nil {
		t.Errorf("NewConfig() does not validate: %v", err)
	}
	if err := (&aiomysql.Config{}).Validate(); err != nil {
		t.Errorf("a zero Config does not validate: %v", err)
	}
}

func TestCloneIsIndependent(t *testing.T) {
	orig := config(func(c *aiomysql.Config) {
		c.Password = "pw"
		c.InitCommands = []string{"SET @a=1"}
		c.AuthPlugins = []string{"client_ed25519"}
		c.LocalInfileAllow = []string{"/data"}
		c.Params = map[string]string{"wait_timeout": "60"}
		c.ConnectAttributes = map[string]string{"app": "x"}
		c.Autocommit = ptr(true)
		c.ServerPublicKey = &rsa.PublicKey{N: big.NewInt(12345), E: 65537}
		c.TLSConfig = &tls.Config{ServerName: "orig"}
		c.Dialer = func(context.Context, string, string) (net.Conn, error) { return nil, errors.New("no") }
	})
	snapshot := orig.FormatDSN()
	cp := orig.Clone()
	cp.InitCommands[0] = "changed"
	cp.AuthPlugins[0] = "changed"
	cp.LocalInfileAllow[0] = "/changed"
	cp.Params["wait_timeout"] = "1"
	cp.ConnectAttributes["app"] = "changed"
	*cp.Autocommit = false
	cp.ServerPublicKey.N.SetInt64(1)
	cp.ServerPublicKey.E = 3
	cp.TLSConfig.ServerName = "changed"

	if got := orig.FormatDSN(); got != snapshot {
		t.Errorf("changing the clone changed the original:\n before %s\n after  %s", snapshot, got)
	}
	if orig.ServerPublicKey.N.Int64() != 12345 || orig.ServerPublicKey.E != 65537 {
		t.Errorf("changing the clone's key changed the original's")
	}
	if orig.TLSConfig.ServerName != "orig" {
		t.Errorf("changing the clone's TLSConfig changed the original's")
	}
	if cp.Dialer == nil {
		t.Errorf("Clone dropped the Dialer")
	}
	if (*aiomysql.Config)(nil).Clone() != nil {
		t.Errorf("Clone of nil is not nil")
	}
}

func TestNetworkAndAddr(t *testing.T) {
	tests := []struct {
		name          string
		set           func(c *aiomysql.Config)
		network, addr string
	}{
		{"defaults", nil, "tcp", "127.0.0.1:3306"},
		{"zero host and port", func(c *aiomysql.Config) { c.Host, c.Port = "", 0 }, "tcp", "127.0.0.1:3306"},
		{"host and port", func(c *aiomysql.Config) { c.Host, c.Port = "db.example", 3307 }, "tcp", "db.example:3307"},
		{"ipv6", func(c *aiomysql.Config) { c.Host = "::1" }, "tcp", "[::1]:3306"},
		{"tcp6", func(c *aiomysql.Config) { c.Net, c.Host = "tcp6", "fe80::1%eth0" }, "tcp6", "[fe80::1%eth0]:3306"},
		{"socket", func(c *aiomysql.Config) { c.UnixSocket = "/run/mysqld/mysqld.sock" }, "unix", "/run/mysqld/mysqld.sock"},
		{"unix without socket", func(c *aiomysql.Config) { c.Net = "unix" }, "unix", aiomysql.DefaultSocket},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := config(tt.set)
			if got := c.Network(); got != tt.network {
				t.Errorf("Network() = %q, want %q", got, tt.network)
			}
			if got := c.Addr(); got != tt.addr {
				t.Errorf("Addr() = %q, want %q", got, tt.addr)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	dialer := func(context.Context, string, string) (net.Conn, error) { return nil, errors.New("no") }
	tests := []struct {
		field string
		set   func(c *aiomysql.Config)
	}{
		{"Net", func(c *aiomysql.Config) { c.Net = "udp" }},
		{"UnixSocket", func(c *aiomysql.Config) { c.Net, c.UnixSocket = "tcp", "/s" }},
		{"Host", func(c *aiomysql.Config) { c.Host = "a b" }},
		{"Host", func(c *aiomysql.Config) { c.Host = "fe80::1%a/b" }},
		{"Port", func(c *aiomysql.Config) { c.Port = 65536 }},
		{"Port", func(c *aiomysql.Config) { c.Port = -1 }},
		{"ConnectTimeout", func(c *aiomysql.Config) { c.ConnectTimeout = -time.Second }},
		{"KillDelay", func(c *aiomysql.Config) { c.KillDelay = -1 }},
		{"Charset", func(c *aiomysql.Config) { c.Charset = "utf8'; DROP" }},
		{"Collation", func(c *aiomysql.Config) { c.Collation = "x y" }},
		{"InitCommands", func(c *aiomysql.Config) { c.InitCommands = []string{" "} }},
		{"Params", func(c *aiomysql.Config) { c.Params = map[string]string{"a=b": "1"} }},
		{"Params", func(c *aiomysql.Config) { c.Params = map[string]string{"sql_mode": "ANSI"} }},
		{"ConnectAttributes", func(c *aiomysql.Config) { c.ConnectAttributes = map[string]string{"": "x"} }},
		{"ConnectAttributes", func(c *aiomysql.Config) { c.ConnectAttributes = map[string]string{"_os": "x"} }},
		{"ConnectAttributes", func(c *aiomysql.Config) { c.ConnectAttributes = map[string]string{"a:b": "x"} }},
		{"ConnectAttributes", func(c *aiomysql.Config) { c.ConnectAttributes = map[string]string{"a": "x,y"} }},
		{"TLSMode", func(c *aiomysql.Config) { c.TLSMode = 9 }},
		{"SSLCert", func(c *aiomysql.Config) { c.SSLKey = "/k.pem" }},
		{"TLSConfig", func(c *aiomysql.Config) {
			c.TLSMode, c.TLSConfig = aiomysql.TLSVerifyIdentity, &tls.Config{InsecureSkipVerify: true}
		}},
		{"AuthPlugins", func(c *aiomysql.Config) { c.AuthPlugins = []string{} }},
		{"AuthPlugins", func(c *aiomysql.Config) { c.AuthPlugins = []string{"bad name"} }},
		{"AuthPlugin", func(c *aiomysql.Config) { c.AuthPlugin = "mysql_clear_password" }},
		{"AuthPlugin", func(c *aiomysql.Config) {
			c.AuthPlugins, c.AuthPlugin = []string{"client_ed25519"}, "mysql_native_password"
		}},
		{"MaxAllowedPacket", func(c *aiomysql.Config) { c.MaxAllowedPacket = 1000 }},
		{"MaxAllowedPacket", func(c *aiomysql.Config) { c.MaxAllowedPacket = 1<<30 + 1 }},
		{"DefaultCursor", func(c *aiomysql.Config) { c.DefaultCursor = 7 }},
		{"LocalInfileAllow", func(c *aiomysql.Config) { c.LocalInfileAllow = []string{"rel/path"} }},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			err := config(tt.set).Validate()
			var ce *aiomysql.ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Validate() = %v, want a *ConfigError", err)
			}
			if ce.Field != tt.field {
				t.Errorf("Field = %q, want %q (%v)", ce.Field, tt.field, err)
			}
			if !strings.HasPrefix(err.Error(), "aiomysql: config "+tt.field+": ") {
				t.Errorf("message %q does not start with the field", err)
			}
		})
	}
	ok := []func(c *aiomysql.Config){
		func(c *aiomysql.Config) { c.Net, c.Dialer = "cloudsql", dialer },
		func(c *aiomysql.Config) { c.Net, c.UnixSocket = "unix", "/s" },
		func(c *aiomysql.Config) { c.Host = "fe80::1%eth0" },
		func(c *aiomysql.Config) { c.Params = map[string]string{"@@session.wait_timeout": "1"} },
		func(c *aiomysql.Config) { c.AllowCleartextPasswords, c.AuthPlugin = true, "mysql_clear_password" },
		func(c *aiomysql.Config) { c.MaxAllowedPacket = 0 },
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
		set  func(c *aiomysql.Config)
		want []string
	}{
		{"defaults", nil, []string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password"}},
		{"no native", func(c *aiomysql.Config) { c.AllowNativePasswords = false },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password"}},
		{"cleartext opt-in", func(c *aiomysql.Config) { c.AllowCleartextPasswords = true },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password", "mysql_clear_password", "dialog"}},
		{"old opt-in", func(c *aiomysql.Config) { c.AllowOldPasswords = true },
			[]string{"caching_sha2_password", "client_ed25519", "sha256_password", "mysql_native_password", "mysql_old_password"}},
		{"list without opt-ins", func(c *aiomysql.Config) {
			c.AuthPlugins = []string{"mysql_clear_password", "client_ed25519", "mysql_old_password", "dialog"}
		}, []string{"client_ed25519"}},
		{"list with opt-in", func(c *aiomysql.Config) {
			c.AuthPlugins = []string{"mysql_clear_password", "client_ed25519", "client_ed25519"}
			c.AllowCleartextPasswords = true
		}, []string{"mysql_clear_password", "client_ed25519"}},
		{"list without the plugin opted in", func(c *aiomysql.Config) {
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
