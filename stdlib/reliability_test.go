package stdlib_test

import (
	"database/sql/driver"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// comQuery is COM_QUERY's command byte.
const comQuery = 0x03

// TestR10_InsertReplyLost: the INSERT reaches the server and its reply is
// lost. database/sql must not retry it (the error is not driver.ErrBadConn),
// so exactly one row exists.
func TestR10_InsertReplyLost(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.r10 (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB",
		"DELETE FROM test.r10")
	db, proxy := proxiedDB(t)
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	link, err := proxy.WaitLink(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var cut atomic.Bool
	err = link.SetMode(faultproxy.Upstream, faultproxy.Packets(func(_ faultproxy.Direction, _ byte, p []byte) faultproxy.Action {
		if len(p) > 0 && p[0] == comQuery && strings.HasPrefix(string(p[1:]), "INSERT INTO test.r10") && cut.CompareAndSwap(false, true) {
			return faultproxy.ForwardThen(faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset})
		}
		return faultproxy.ForwardPacket()
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.ExecContext(ctx, "INSERT INTO test.r10 (v) VALUES (1)")
	if n := adminValue(t, "SELECT COUNT(*) FROM test.r10"); n != "1" {
		t.Errorf("rows = %s, want exactly 1 (no automatic retry)", n)
	}
	if !errors.Is(err, aiomysql.ErrConnLost) || errors.Is(err, driver.ErrBadConn) {
		t.Errorf("INSERT = %v; want ErrConnLost, not driver.ErrBadConn", err)
	}
}

// TestR11_IdleConnectionReset: the network resets an idle pooled
// connection; the next Exec goes to a fresh connection without the caller
// seeing an error.
func TestR11_IdleConnectionReset(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.r11 (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB",
		"DELETE FROM test.r11")
	db, proxy := proxiedDB(t)
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "INSERT INTO test.r11 (v) VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	link, err := proxy.WaitLink(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Cut(faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset}); err != nil {
		t.Fatal(err)
	}
	if err := link.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO test.r11 (v) VALUES (2)"); err != nil {
		t.Fatalf("Exec after the idle connection was reset = %v, want success on a fresh connection", err)
	}
	if _, err := proxy.WaitLink(ctx, 1); err != nil {
		t.Fatalf("no second connection: %v", err)
	}
	if n := adminValue(t, "SELECT COUNT(*) FROM test.r11"); n != "2" {
		t.Errorf("rows = %s, want 2", n)
	}
}
