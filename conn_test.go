package aiomysql_test

import (
	"errors"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func TestConnBasics(t *testing.T) {
	srv := testServer(t)
	ctx := testCtx(t)
	cfg := userConfig(t, srv.Root)
	c := connectT(t, cfg)

	if !c.IsMariaDB() || c.ServerVersion() != srv.Version {
		t.Errorf("IsMariaDB %v, ServerVersion %q; want true, %q", c.IsMariaDB(), c.ServerVersion(), srv.Version)
	}
	if c.ThreadID() == 0 {
		t.Error("ThreadID = 0")
	}
	if c.Charset() != "utf8mb4" {
		t.Errorf("Charset = %q", c.Charset())
	}
	if c.Capabilities()&(1<<9) == 0 { // CLIENT_PROTOCOL_41
		t.Errorf("Capabilities %#x lack PROTOCOL_41", c.Capabilities())
	}
	if c.ServerStatus()&2 == 0 { // SERVER_STATUS_AUTOCOMMIT
		t.Errorf("ServerStatus %#x: autocommit off by default", c.ServerStatus())
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}

	t.Run("SelectDB", func(t *testing.T) {
		if err := c.SelectDB(ctx, "mysql"); err != nil {
			t.Fatal(err)
		}
		if got := c.Database(); got != "mysql" {
			t.Errorf("Database() = %q after SelectDB(mysql)", got)
		}
		err := c.SelectDB(ctx, "no_such_db")
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != errcode.BadDBError {
			t.Fatalf("SelectDB(no_such_db) = %v, want error 1049", err)
		}
		if !errors.Is(err, aiomysql.ErrOperational) {
			t.Errorf("1049 is not operational: %v", err)
		}
		// A server error leaves the connection usable.
		if err := c.Ping(ctx); err != nil {
			t.Fatalf("Ping after a server error: %v", err)
		}
		if err := c.SelectDB(ctx, srv.Database); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ResetSession", func(t *testing.T) {
		if _, err := exec(t, c, "SET @x = 42"); err != nil {
			t.Fatal(err)
		}
		if _, err := exec(t, c, "SET autocommit = 0"); err != nil {
			t.Fatal(err)
		}
		if c.ServerStatus()&2 != 0 {
			t.Fatal("autocommit still on after SET autocommit = 0")
		}
		if err := c.ResetSession(ctx); err != nil {
			t.Fatal(err)
		}
		if c.ServerStatus()&2 == 0 {
			t.Error("autocommit off after ResetSession")
		}
		if v := queryValue(t, c, "SELECT COALESCE(@x, 'unset')"); v != "unset" {
			t.Errorf("@x = %q after ResetSession", v)
		}
	})

	t.Run("ChangeUser", func(t *testing.T) {
		c := connectT(t, cfg)
		before := c.ThreadID()
		if err := c.ChangeUser(ctx, srv.Native.Name, srv.Native.Password, srv.Database); err != nil {
			t.Fatal(err)
		}
		if got := queryValue(t, c, "SELECT CURRENT_USER()"); got != srv.Native.Name+"@%" {
			t.Errorf("CURRENT_USER() = %q after ChangeUser", got)
		}
		if c.ThreadID() != before {
			t.Errorf("thread id changed: %d → %d", before, c.ThreadID())
		}
		err := c.ChangeUser(ctx, srv.Native.Name, "wrong", "")
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != errcode.AccessDeniedError {
			t.Fatalf("ChangeUser with a wrong password = %v, want 1045", err)
		}
		if !c.IsClosed() {
			t.Error("connection still open after a refused ChangeUser")
		}
		if err := c.Ping(ctx); !errors.Is(err, aiomysql.ErrClosed) {
			t.Errorf("Ping after refused ChangeUser = %v, want ErrClosed", err)
		}
	})

	t.Run("Kill", func(t *testing.T) {
		victim := connectT(t, cfg)
		if err := c.Kill(ctx, victim.ThreadID()); err != nil {
			t.Fatal(err)
		}
		err := victim.Ping(ctx)
		if err == nil {
			t.Fatal("Ping on a killed connection succeeded")
		}
		if !victim.IsClosed() {
			t.Error("a connection that failed I/O is not closed")
		}
		if err := victim.Ping(ctx); !errors.Is(err, aiomysql.ErrClosed) {
			t.Errorf("second Ping = %v, want ErrClosed", err)
		}
		err = c.Kill(ctx, 4000000000)
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != errcode.NoSuchThread {
			t.Errorf("Kill(unknown id) = %v, want 1094", err)
		}
	})

	t.Run("Close", func(t *testing.T) {
		c := connectT(t, cfg)
		id := c.ThreadID()
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
		if err := c.Close(); err != nil {
			t.Errorf("second Close = %v", err)
		}
		if err := c.Ping(ctx); !errors.Is(err, aiomysql.ErrClosed) {
			t.Errorf("Ping after Close = %v, want ErrClosed", err)
		}
		// COM_QUIT ends the server thread promptly.
		waitGone(t, srv, id)
	})
}

// exec runs a statement through the admin path of the connection.
func exec(t *testing.T, c *aiomysql.Conn, q string) (int64, error) {
	t.Helper()
	return aiomysql.ExecForTest(testCtx(t), c, q)
}

func queryValue(t *testing.T, c *aiomysql.Conn, q string) string {
	t.Helper()
	v, err := aiomysql.QueryValueForTest(testCtx(t), c, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// waitGone waits until the server no longer lists thread id.
func waitGone(t *testing.T, srv *mysqltest.Server, id uint32) {
	t.Helper()
	ctx := testCtx(t)
	for {
		n, err := srv.QueryValue(ctx, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "+strconv.FormatUint(uint64(id), 10))
		if err != nil {
			t.Fatal(err)
		}
		if n == "0" {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("thread %d still listed", id)
		}
	}
}
