package aiomysql_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// waitThreadGone waits until the server no longer lists thread id.
func waitThreadGone(t *testing.T, id uint32) {
	t.Helper()
	srv := testServer(t)
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := srv.QueryValue(context.Background(), "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = "+strconv.FormatUint(uint64(id), 10))
		if err != nil {
			t.Fatal(err)
		}
		if n == "0" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("thread %d still listed", id)
		}
	}
}

func TestR2_WaitTimeoutInsideTransaction(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	if _, err := admin.Exec(ctx, "CREATE TABLE IF NOT EXISTS r2 (id INT PRIMARY KEY) ENGINE=InnoDB"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "DELETE FROM r2"); err != nil {
		t.Fatal(err)
	}
	cfg := plainConfig(t)
	cfg.Params = map[string]string{"wait_timeout": "1"}
	c := connectT(t, cfg)
	if err := c.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO r2 VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	waitThreadGone(t, c.ThreadID()) // the server times the idle session out
	err := c.Commit(ctx)
	if !errors.Is(err, aiomysql.ErrConnLost) {
		t.Fatalf("Commit after wait_timeout = %v, want ErrConnLost", err)
	}
	if !c.IsClosed() {
		t.Error("connection not discarded")
	}
	var n int
	if err := admin.QueryRow(ctx, "SELECT COUNT(*) FROM r2").Scan(&n); err != nil || n != 0 {
		t.Errorf("rows after the lost transaction = %d, %v; want 0", n, err)
	}
}

func TestR4_KillConnectionDuringQuery(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	c := connectT(t, plainConfig(t))
	var killedAt time.Time
	done := make(chan struct{})
	time.AfterFunc(300*time.Millisecond, func() {
		defer close(done)
		killedAt = time.Now()
		if err := admin.Kill(context.Background(), c.ThreadID()); err != nil {
			t.Error(err)
		}
	})
	_, err := c.Exec(ctx, "SELECT SLEEP(5)")
	returned := time.Now()
	<-done
	if late := returned.Sub(killedAt); late > 100*time.Millisecond {
		t.Errorf("returned %v after the KILL", late)
	}
	if err == nil || errors.Is(err, aiomysql.ErrNotSent) {
		t.Fatalf("Exec = %v: want an error that does not claim nothing was sent", err)
	}
	if !c.IsClosed() {
		t.Error("a killed connection is still open")
	}
}

func TestR5_KillQueryDuringQuery(t *testing.T) {
	for _, q := range []string{
		"SELECT SLEEP(5)",
		"SELECT SUM(a.seq * b.seq) FROM seq_1_to_100000 a, seq_1_to_1000 b",
	} {
		t.Run(q, func(t *testing.T) {
			ctx := testCtx(t)
			admin := rootConn(t)
			c := connectT(t, plainConfig(t))
			killed := make(chan error, 1)
			time.AfterFunc(300*time.Millisecond, func() {
				killed <- admin.KillQuery(context.Background(), c.ThreadID())
			})
			start := time.Now()
			_, err := c.Exec(ctx, q)
			if err := <-killed; err != nil {
				t.Error(err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("returned after %v, want <1s", d)
			}
			var se *aiomysql.Error
			if err != nil && (!errors.As(err, &se) || se.Number != errcode.QueryInterrupted) {
				t.Errorf("Exec = %v, want nil (SLEEP returns early) or error 1317", err)
			}
			var one int
			if err := c.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
				t.Fatalf("SELECT 1 on the same connection = %d, %v", one, err)
			}
		})
	}
}

// farewell4031 is MySQL 8's goodbye to an idle connection: ERR 4031 with
// sequence 0, then the end of the stream; with racing, after the client's
// next command came. sent is closed once the ERR is out.
func farewell4031(racing bool, sent chan struct{}) fakeserver.Handler {
	return loggedIn(func(c *fakeserver.Conn) error {
		if racing {
			// The client's query is already on its way.
			if _, err := c.ReadCommand(); err != nil {
				return err
			}
		}
		c.SetSequence(0)
		if err := c.WriteErr(errcode.ClientInteractionTimeout, "HY000",
			"The client was disconnected by the server because of inactivity."); err != nil {
			return err
		}
		close(sent)
		return c.Close()
	})
}

func TestR8_IdleErr4031(t *testing.T) {
	for _, racing := range []bool{false, true} {
		t.Run("racing="+strconv.FormatBool(racing), func(t *testing.T) {
			sent := make(chan struct{})
			cfg := hostileServer(t, farewell4031(racing, sent))
			conn := connectT(t, cfg)
			if !racing {
				<-sent
			}
			err := conn.Ping(testCtx(t))
			var se *aiomysql.Error
			if !errors.As(err, &se) || se.Number != errcode.ClientInteractionTimeout {
				t.Fatalf("Ping = %v, want the server's ERR 4031", err)
			}
			if !errors.Is(err, aiomysql.ErrConnLost) && !errors.Is(err, aiomysql.ErrNotSent) {
				t.Errorf("error %v is not a connection-lost error", err)
			}
			if !conn.IsClosed() {
				t.Error("connection not discarded")
			}
			next := connectT(t, cfg)
			if err := next.Ping(testCtx(t)); err != nil {
				t.Fatalf("next connection: %v", err)
			}
		})
	}
}

func TestR9_CommitReplyLost(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	if _, err := admin.Exec(ctx, "CREATE TABLE IF NOT EXISTS r9 (id INT PRIMARY KEY) ENGINE=InnoDB"); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "DELETE FROM r9"); err != nil {
		t.Fatal(err)
	}
	cfg, proxy := proxiedConfig(t)
	c := connectT(t, cfg)
	link, err := proxy.WaitLink(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO r9 VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	// Forward COMMIT upstream, then reset the client side: the reply is lost.
	err = link.SetMode(faultproxy.Upstream, faultproxy.Packets(func(dir faultproxy.Direction, seq byte, p []byte) faultproxy.Action {
		if len(p) > 0 && wire.Command(p[0]) == wire.CommandQuery && string(p[1:]) == "COMMIT" {
			return faultproxy.ForwardThen(faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset})
		}
		return faultproxy.ForwardPacket()
	}))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Commit(ctx)
	if !errors.Is(err, aiomysql.ErrCommitUnknown) {
		t.Fatalf("Commit = %v, want ErrCommitUnknown", err)
	}
	if !c.IsClosed() {
		t.Error("connection not discarded")
	}
	var n int
	if err := admin.QueryRow(ctx, "SELECT COUNT(*) FROM r9").Scan(&n); err != nil || n > 1 {
		t.Errorf("rows = %d, %v; want 0 or 1, never more", n, err)
	}
}
