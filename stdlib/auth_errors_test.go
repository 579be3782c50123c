package stdlib_test

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// pingErr opens dsn and returns the error of its first Ping.
func pingErr(t *testing.T, dsn string) error {
	t.Helper()
	db, err := sql.Open(stdlib.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return db.PingContext(testCtx(t))
}

// TestAuthRefusalSentinels: go-sql-driver's sentinels for refused
// authentication match what the driver returns, against MariaDB where it
// can refuse (mysql_native_password, mysql_old_password) and against a
// fake server for mysql_clear_password, which MariaDB offers only with PAM.
func TestAuthRefusalSentinels(t *testing.T) {
	srv := shared.Get(t)
	t.Run("ErrNativePassword", func(t *testing.T) {
		err := pingErr(t, srv.DSN(srv.Native)+"?tls=false&allowNativePasswords=false")
		if !errors.Is(err, stdlib.ErrNativePassword) {
			t.Fatalf("Ping = %v, want ErrNativePassword", err)
		}
		if err := pingErr(t, srv.DSN(srv.Native)+"?tls=false"); err != nil {
			t.Fatalf("with the default allowNativePasswords=true: %v", err)
		}
	})
	t.Run("ErrOldPassword", func(t *testing.T) {
		err := pingErr(t, srv.DSN(srv.OldPassword)+"?tls=false")
		if !errors.Is(err, stdlib.ErrOldPassword) {
			t.Fatalf("Ping = %v, want ErrOldPassword", err)
		}
		if err := pingErr(t, srv.DSN(srv.OldPassword)+"?tls=false&allowOldPasswords=true"); err != nil {
			t.Fatalf("with allowOldPasswords=true: %v", err)
		}
	})
	t.Run("ErrCleartextPassword", func(t *testing.T) {
		fake := fakeserver.Start(t, func(c *fakeserver.Conn) error {
			g := fakeserver.MySQL8Greeting()
			g.AuthPluginName = "caching_sha2_password"
			if err := c.Greet(g); err != nil {
				return err
			}
			if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
				return err
			}
			// The client must leave rather than answer.
			if _, err := c.AuthSwitch("mysql_clear_password", nil); err == nil {
				return errors.New("the client answered a switch to mysql_clear_password")
			}
			return nil
		})
		err := pingErr(t, "alice:pw@tcp("+fake.Addr()+")/?tls=false")
		if !errors.Is(err, stdlib.ErrCleartextPassword) {
			t.Fatalf("Ping = %v, want ErrCleartextPassword", err)
		}
	})
}

// TestRegisterDialContextConnects: a network registered with
// RegisterDialContext carries a real connection: database/sql's
// connections to net(addr) go through the dialer, given addr.
func TestRegisterDialContextConnects(t *testing.T) {
	srv := shared.Get(t)
	var dials atomic.Int32
	stdlib.RegisterDialContext("countnet", func(ctx context.Context, addr string) (net.Conn, error) {
		dials.Add(1)
		var d net.Dialer
		return d.DialContext(ctx, "tcp", addr)
	})
	db, err := sql.Open(stdlib.DriverName, "root@countnet("+srv.Addr()+")/test?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(testCtx(t), "SELECT 42").Scan(&v); err != nil || v != 42 {
		t.Fatalf("SELECT 42 = %d, %v", v, err)
	}
	if n := dials.Load(); n != 1 {
		t.Fatalf("the registered dialer ran %d times, want 1", n)
	}
}
