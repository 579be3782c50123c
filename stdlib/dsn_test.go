package stdlib_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

const base = "u:pw@tcp(db.example:3307)/shop"

// TestParseDSNParams checks each go-sql-driver/mysql parameter: its
// default (absent) and a value set, with go-sql-driver's meaning.
func TestParseDSNParams(t *testing.T) {
	utc := time.UTC
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		param string
		check func(*aiomysql.Config) bool
	}{
		{"", func(c *aiomysql.Config) bool {
			return c.User == "u" && c.Password == "pw" && c.Host == "db.example" && c.Port == 3307 && c.Database == "shop" &&
				!c.AllowCleartextPasswords && c.AllowNativePasswords && !c.AllowOldPasswords && c.CheckConnLiveness &&
				!c.ClientFoundRows && !c.ColumnsWithAlias && !c.InterpolateParams && c.Location == utc &&
				c.MaxAllowedPacket == 64<<20 && !c.MultiStatements && !c.ParseTime && c.ReadTimeout == 0 &&
				c.WriteTimeout == 0 && !c.RejectReadOnly && c.TimeTruncate == 0 && !c.LocalInfile
		}},
		{"allowAllFiles=false", func(c *aiomysql.Config) bool { return !c.LocalInfile }},
		{"allowCleartextPasswords=true", func(c *aiomysql.Config) bool { return c.AllowCleartextPasswords }},
		{"allowFallbackToPlaintext=true&tls=skip-verify", func(c *aiomysql.Config) bool { return c.TLSMode == aiomysql.TLSPreferred }},
		{"allowNativePasswords=false", func(c *aiomysql.Config) bool { return !c.AllowNativePasswords }},
		{"allowOldPasswords=1", func(c *aiomysql.Config) bool { return c.AllowOldPasswords }},
		{"charset=latin1", func(c *aiomysql.Config) bool { return c.Charset == "latin1" }},
		{"charset=utf8mb4,utf8", func(c *aiomysql.Config) bool {
			return c.Charset == "utf8mb4" && len(c.CharsetFallbacks) == 1 && c.CharsetFallbacks[0] == "utf8"
		}},
		{"checkConnLiveness=false", func(c *aiomysql.Config) bool { return !c.CheckConnLiveness }},
		{"collation=utf8mb4_bin", func(c *aiomysql.Config) bool { return c.Collation == "utf8mb4_bin" }},
		{"clientFoundRows=true", func(c *aiomysql.Config) bool { return c.ClientFoundRows }},
		{"columnsWithAlias=true", func(c *aiomysql.Config) bool { return c.ColumnsWithAlias }},
		{"compress=false", func(c *aiomysql.Config) bool { return !c.Compress }},
		{"compress=true", func(c *aiomysql.Config) bool { return c.Compress }},
		{"interpolateParams=true", func(c *aiomysql.Config) bool { return c.InterpolateParams }},
		{"loc=Europe%2FParis", func(c *aiomysql.Config) bool { return c.Location.String() == paris.String() }},
		{"loc=Local", func(c *aiomysql.Config) bool { return c.Location == time.Local }},
		{"timeTruncate=1s", func(c *aiomysql.Config) bool { return c.TimeTruncate == time.Second }},
		{"maxAllowedPacket=0", func(c *aiomysql.Config) bool { return c.MaxAllowedPacket == 0 }},
		{"maxAllowedPacket=1048576", func(c *aiomysql.Config) bool { return c.MaxAllowedPacket == 1<<20 }},
		{"multiStatements=true", func(c *aiomysql.Config) bool { return c.MultiStatements }},
		{"parseTime=true", func(c *aiomysql.Config) bool { return c.ParseTime }},
		{"readTimeout=3s", func(c *aiomysql.Config) bool { return c.ReadTimeout == 3*time.Second }},
		{"writeTimeout=4s", func(c *aiomysql.Config) bool { return c.WriteTimeout == 4*time.Second }},
		{"timeout=5s", func(c *aiomysql.Config) bool { return c.ConnectTimeout == 5*time.Second }},
		{"rejectReadOnly=true", func(c *aiomysql.Config) bool { return c.RejectReadOnly }},
		{"tls=true", func(c *aiomysql.Config) bool { return c.TLSMode == aiomysql.TLSVerifyIdentity }},
		{"tls=false", func(c *aiomysql.Config) bool { return c.TLSMode == aiomysql.TLSDisabled }},
		{"tls=skip-verify", func(c *aiomysql.Config) bool { return c.TLSMode == aiomysql.TLSRequired }},
		{"tls=preferred", func(c *aiomysql.Config) bool { return c.TLSMode == aiomysql.TLSPreferred }},
		{"connectionAttributes=app:shop,team:db", func(c *aiomysql.Config) bool {
			return c.ConnectAttributes["app"] == "shop" && c.ConnectAttributes["team"] == "db"
		}},
		{"wait_timeout=30&sql_notes=0", func(c *aiomysql.Config) bool {
			return c.Params["wait_timeout"] == "30" && c.Params["sql_notes"] == "0"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.param, func(t *testing.T) {
			dsn := base
			if tc.param != "" {
				dsn += "?" + tc.param
			}
			cfg, err := stdlib.ParseDSN(dsn)
			if err != nil {
				t.Fatalf("ParseDSN: %v", err)
			}
			if !tc.check(cfg) {
				t.Errorf("ParseDSN(%q) = %+v", dsn, cfg)
			}
		})
	}
}

// TestParseDSNRefusals: what go-sql-driver/mysql allows unsafely is an
// error that says why, and never shows the password.
func TestParseDSNRefusals(t *testing.T) {
	for _, tc := range []struct{ param, want string }{
		{"allowAllFiles=true", "local_infile_allow"},
		{"charset=gbk&interpolateParams=true", "0x5c"},
		{"collation=sjis_japanese_ci&interpolateParams=true", "0x5c"},
		{"tls=nosuchname", "RegisterTLSConfig"},
		{"serverPubKey=nosuchkey", "RegisterServerPubKey"},
	} {
		t.Run(tc.param, func(t *testing.T) {
			_, err := stdlib.ParseDSN("u:SECRETPW@tcp(h)/d?" + tc.param)
			var de *aiomysql.DSNError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDSN = %v, want a *aiomysql.DSNError", err)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "SECRETPW") {
				t.Errorf("error %q: want it to mention %q and not the password", err, tc.want)
			}
		})
	}
}

// TestRegistries: tls=<name>, serverPubKey=<name> and a registered network
// resolve from the registries.
func TestRegistries(t *testing.T) {
	tc := &tls.Config{ServerName: "db.internal", MinVersion: tls.VersionTLS12}
	if err := stdlib.RegisterTLSConfig("custom", tc); err != nil {
		t.Fatal(err)
	}
	defer stdlib.DeregisterTLSConfig("custom")
	if err := stdlib.RegisterTLSConfig("true", tc); err == nil {
		t.Error("RegisterTLSConfig(\"true\") accepted a reserved name")
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	stdlib.RegisterServerPubKey("k1", &key.PublicKey)
	defer stdlib.DeregisterServerPubKey("k1")
	dialed := make(chan string, 1)
	stdlib.RegisterDialContext("mynet", func(_ context.Context, addr string) (net.Conn, error) {
		dialed <- addr
		return nil, errors.New("test dialer")
	})
	cfg, err := stdlib.ParseDSN("u:p@mynet(db:3308)/d?tls=custom&serverPubKey=k1")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.TLSConfig == nil || cfg.TLSConfig.ServerName != "db.internal" || cfg.TLSMode != aiomysql.TLSVerifyIdentity {
		t.Errorf("TLS = %v %v", cfg.TLSConfig, cfg.TLSMode)
	}
	if cfg.ServerPublicKey == nil || !cfg.ServerPublicKey.Equal(&key.PublicKey) {
		t.Error("server key not resolved")
	}
	if cfg.Net != "mynet" || cfg.Dialer == nil {
		t.Fatalf("Net %q, Dialer %v", cfg.Net, cfg.Dialer != nil)
	}
	if _, err := cfg.Dialer(context.Background(), "mynet", "db:3308"); err == nil {
		t.Error("test dialer not called")
	}
	if got := <-dialed; got != "db:3308" {
		t.Errorf("dialed %q", got)
	}
	stdlib.DeregisterTLSConfig("custom")
	if _, err := stdlib.ParseDSN("u:p@tcp(db)/d?tls=custom"); err == nil {
		t.Error("deregistered TLS config still resolved")
	}
}
