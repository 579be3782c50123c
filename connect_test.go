package aiomysql_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// userConfig is a Config for u over TCP to the test srv.
func userConfig(t *testing.T, u mysqltest.User) *aiomysql.Config {
	t.Helper()
	cfg, err := aiomysql.ParseDSN(testServer(t).DSN(u))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Compress = compressAll()
	return cfg
}

// compressAll makes the connections of userConfig ask for the compressed
// protocol, so that the suite runs over it too (make test runs it so
// once): AIOMYSQL_TEST_COMPRESS=1.
func compressAll() bool { return os.Getenv("AIOMYSQL_TEST_COMPRESS") == "1" }

func connectT(t *testing.T, cfg *aiomysql.Config) *aiomysql.Conn {
	t.Helper()
	c, err := aiomysql.Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestConnectUsers(t *testing.T) {
	srv := testServer(t)
	srv.RequireProcess(t) // the per-plugin users and TLS files exist on private servers only
	tlsCfg, err := srv.TLS.ClientConfig("127.0.0.1", false)
	if err != nil {
		t.Fatal(err)
	}
	x509Cfg, err := srv.TLS.ClientConfig("127.0.0.1", true)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		user       mysqltest.User
		socket     bool
		configure  func(*aiomysql.Config)
		wantPlugin string
		wantTLS    bool
		wantErr    error // nil: must connect
		wantNumber uint16
	}{
		{name: "native tcp", user: srv.Native, configure: noTLS, wantPlugin: "mysql_native_password"},
		{name: "native unix", user: srv.Native, socket: true, configure: noTLS, wantPlugin: "mysql_native_password"},
		{name: "ed25519", user: srv.Ed25519, configure: noTLS, wantPlugin: "client_ed25519"},
		{name: "ed25519 unix", user: srv.Ed25519, socket: true, configure: noTLS, wantPlugin: "client_ed25519"},
		{name: "old password opted in", user: srv.OldPassword,
			configure: func(c *aiomysql.Config) { noTLS(c); c.AllowOldPasswords = true }, wantPlugin: "mysql_old_password"},
		{name: "old password refused", user: srv.OldPassword, configure: noTLS, wantErr: aiomysql.ErrInsecureAuth},
		{name: "tls-only over TLS", user: srv.TLSOnly,
			configure:  func(c *aiomysql.Config) { c.TLSMode = aiomysql.TLSVerifyIdentity; c.TLSConfig = tlsCfg },
			wantPlugin: "mysql_native_password", wantTLS: true},
		{name: "tls-only with preferred TLS", user: srv.TLSOnly, wantPlugin: "mysql_native_password", wantTLS: true},
		{name: "tls-only in clear", user: srv.TLSOnly, configure: noTLS, wantNumber: errcode.AccessDeniedError},
		{name: "x509 with client cert", user: srv.X509,
			configure:  func(c *aiomysql.Config) { c.TLSMode = aiomysql.TLSVerifyIdentity; c.TLSConfig = x509Cfg },
			wantPlugin: "mysql_native_password", wantTLS: true},
		{name: "x509 with cert files from the DSN", user: srv.X509,
			configure: func(c *aiomysql.Config) {
				c.TLSMode = aiomysql.TLSVerifyCA
				c.SSLCA, c.SSLCert, c.SSLKey = srv.TLS.CAFile, srv.TLS.ClientCertFile, srv.TLS.ClientKeyFile
			},
			wantPlugin: "mysql_native_password", wantTLS: true},
		{name: "x509 without client cert", user: srv.X509,
			configure:  func(c *aiomysql.Config) { c.TLSMode = aiomysql.TLSVerifyIdentity; c.TLSConfig = tlsCfg },
			wantNumber: errcode.AccessDeniedError},
		{name: "wrong password", user: mysqltest.User{Name: srv.Native.Name, Password: "wrong"},
			configure: noTLS, wantNumber: errcode.AccessDeniedError},
		{name: "unknown database", user: srv.Native,
			configure: func(c *aiomysql.Config) { noTLS(c); c.Database = "no_such_db" }, wantNumber: errcode.DbaccessDeniedError},
		{name: "unknown database as root", user: srv.Root,
			configure: func(c *aiomysql.Config) { noTLS(c); c.Database = "no_such_db" }, wantNumber: errcode.BadDBError},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dsn := srv.DSN(tc.user)
			if tc.socket {
				dsn = srv.SocketDSN(tc.user)
			}
			cfg, err := aiomysql.ParseDSN(dsn)
			if err != nil {
				t.Fatal(err)
			}
			if tc.configure != nil {
				tc.configure(cfg)
			}
			c, err := aiomysql.Connect(testCtx(t), cfg)
			if tc.wantErr != nil || tc.wantNumber != 0 {
				if err == nil {
					c.Close()
					t.Fatal("connected, want an error")
				}
				var ce *aiomysql.ConnectError
				if !errors.As(err, &ce) || ce.User != tc.user.Name {
					t.Errorf("error %v is not a *ConnectError naming the user", err)
				}
				if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
					t.Errorf("error %v, want %v", err, tc.wantErr)
				}
				var se *aiomysql.Error
				if tc.wantNumber != 0 && (!errors.As(err, &se) || se.Number != tc.wantNumber) {
					t.Errorf("error %v, want server error %d", err, tc.wantNumber)
				}
				return
			}
			if err != nil {
				t.Fatalf("Connect: %v", err)
			}
			defer c.Close()
			if got := c.AuthPlugin(); got != tc.wantPlugin {
				t.Errorf("AuthPlugin = %q, want %q", got, tc.wantPlugin)
			}
			if c.TLS() != tc.wantTLS {
				t.Errorf("TLS = %v, want %v", c.TLS(), tc.wantTLS)
			}
			if err := c.Ping(testCtx(t)); err != nil {
				t.Errorf("Ping: %v", err)
			}
		})
	}
}

func noTLS(c *aiomysql.Config) { c.TLSMode = aiomysql.TLSDisabled }
