package aiomysql_test

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"errors"
	"math/big"
	"net"
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
		{"TinyInt1IsBool", !c.TinyInt1IsBool},
		{"Autocommit", c.Autocommit == nil},
		{"TLSMode", c.TLSMode == aiomysql.TLSPreferred},
		{"AuthPlugins", c.AuthPlugins == nil},
		{"AllowNativePasswords", c.AllowNativePasswords},
		{"AllowCleartextPasswords", !c.AllowCleartextPasswords},
		{"AllowOldPasswords", !c.AllowOldPasswords},
		{"AllowPublicKeyRetrieval", !c.AllowPublicKeyRetrieval},
		{"MaxAllowedPacket", c.MaxAllowedPacket == 64<<20},
		{"InterpolateParams", !c.InterpolateParams},
		{"CheckConnLiveness", c.CheckConnLiveness},
		{"MultiStatements", !c.MultiStatements},
		{"LocalInfile", !c.LocalInfile},
		{"KillOnCancel", c.KillOnCancel},
		{"KillDelay", c.KillDelay == 0},
		{"DefaultCursor", c.DefaultCursor == aiomysql.CursorBuffered},
		{"DefaultQueryExecMode", c.DefaultQueryExecMode == aiomysql.QueryExecModeDefault},
		{"StatementCacheCapacity", c.StatementCacheCapacity == 64},
		{"LongDataThreshold", c.LongDataThreshold == 1<<20},
		{"Logger", c.Logger == nil},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("NewConfig().%s does not have its documented default", ch.field)
		}
	}
	if _, err := aiomysql.ParseDSN(c.FormatDSN()); err != nil {
		t.Errorf("NewConfig() does not read back: %v", err)
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
		{"unix without socket", func(c *aiomysql.Config) { c.Net = "unix" }, "unix", "/tmp/mysql.sock"},
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
