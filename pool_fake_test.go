package aiomysql_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestR8_PoolFarewellErr4031: MySQL 8 says goodbye to an idle connection
// with ERR 4031 (sequence 0) and closes it. Idle in a pool, the connection
// is found at checkout and replaced, with no user error; when the farewell
// races a query, that query fails with the server's text, and the pool's
// next query is clean.
func TestR8_PoolFarewellErr4031(t *testing.T) {
	for _, racing := range []bool{false, true} {
		t.Run("racing="+strconv.FormatBool(racing), func(t *testing.T) {
			sent := make(chan struct{})
			cfg := hostileServer(t, farewell4031(racing, sent))
			pc := aiomysql.NewPoolConfig(cfg)
			pc.MaxSize = 1
			ctx := testCtx(t)
			p, err := aiomysql.CreatePool(ctx, pc) // MinSize 1: the scripted connection
			if err != nil {
				t.Fatal(err)
			}
			defer p.Terminate()
			if !racing {
				<-sent
				if _, err := p.Exec(ctx, "DO 1"); err != nil {
					t.Fatalf("query after the farewell: %v, want the connection replaced", err)
				}
				if st := p.Stat(); st.DestroyedDead != 1 || st.NewConnsCount != 2 {
					t.Fatalf("stat %+v: want 1 dead connection replaced", st)
				}
				return
			}
			_, err = p.Exec(ctx, "DO 1")
			var se *aiomysql.Error
			if !errors.As(err, &se) || se.Number != errcode.ClientInteractionTimeout {
				t.Fatalf("racing query: %v, want the server's ERR 4031", err)
			}
			if _, err := p.Exec(ctx, "DO 1"); err != nil {
				t.Fatalf("next pool query: %v", err)
			}
			if st := p.Stat(); st.DestroyedBroken != 1 || st.TotalConns != 1 {
				t.Fatalf("stat %+v: want the broken connection closed and one open", st)
			}
		})
	}
}

// pingCounter is a fake server's first connection: it counts the client's
// COM_PINGs and answers every command with OK, until failPing, when a ping
// gets the connection closed instead (a connection the network lost).
type pingCounter struct {
	pings    atomic.Int32
	failPing atomic.Bool
}

func (pc *pingCounter) serve(c *fakeserver.Conn) error {
	return answerOK(c, func(cmd wire.Command) (bool, error) {
		if cmd != wire.CommandPing {
			return false, nil
		}
		pc.pings.Add(1)
		if pc.failPing.Load() {
			return true, c.Close()
		}
		return false, nil
	})
}

// TestPoolPingAfterIdle: a connection idle for longer than PingAfterIdle
// is pinged at checkout, and replaced when the ping fails; with 0, a
// checkout sends nothing.
func TestPoolPingAfterIdle(t *testing.T) {
	for _, after := range []time.Duration{0, time.Nanosecond} {
		t.Run("after="+after.String(), func(t *testing.T) {
			counter := &pingCounter{}
			cfg := hostileServer(t, loggedIn(counter.serve))
			pc := aiomysql.NewPoolConfig(cfg)
			pc.MaxSize = 1
			pc.PingAfterIdle = after
			ctx := testCtx(t)
			p, err := aiomysql.CreatePool(ctx, pc)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Terminate()
			for range 2 {
				if err := p.AcquireFunc(ctx, func(aiomysql.PoolConn) error { return nil }); err != nil {
					t.Fatal(err)
				}
			}
			want := int32(0)
			if after > 0 {
				want = 2
			}
			if got := counter.pings.Load(); got != want {
				t.Fatalf("%d pings for 2 checkouts, want %d", got, want)
			}
			if after == 0 {
				return
			}
			counter.failPing.Store(true)
			if _, err := p.Exec(ctx, "DO 1"); err != nil {
				t.Fatalf("the connection whose ping failed was not replaced: %v", err)
			}
			if st := p.Stat(); st.DestroyedDead != 1 || st.NewConnsCount != 2 {
				t.Fatalf("stat %+v, want 1 dead connection replaced", st)
			}
		})
	}
}

// TestPoolPeekAfterIdle: a connection the server said goodbye on is found
// at checkout by the peek, unless it was idle for no longer than
// PeekAfterIdle: then it is handed out and its first statement gets the
// server's farewell.
func TestPoolPeekAfterIdle(t *testing.T) {
	for _, after := range []time.Duration{0, time.Hour} {
		t.Run("after="+after.String(), func(t *testing.T) {
			sent := make(chan struct{})
			cfg := hostileServer(t, farewell4031(false, sent))
			pc := aiomysql.NewPoolConfig(cfg)
			pc.MaxSize = 1
			pc.PeekAfterIdle = after
			ctx := testCtx(t)
			p, err := aiomysql.CreatePool(ctx, pc)
			if err != nil {
				t.Fatal(err)
			}
			defer p.Terminate()
			<-sent
			c, err := p.Acquire(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Release()
			st := p.Stat()
			if after == 0 {
				if st.DestroyedDead != 1 || st.NewConnsCount != 2 {
					t.Fatalf("stat %+v: want the dead connection found by the peek and replaced", st)
				}
				return
			}
			if st.DestroyedDead != 0 || st.NewConnsCount != 1 {
				t.Fatalf("stat %+v: want the connection handed out unpeeked", st)
			}
			var se *aiomysql.Error
			if _, err := c.Exec(ctx, "DO 1"); !errors.As(err, &se) || se.Number != errcode.ClientInteractionTimeout {
				t.Fatalf("statement on the unpeeked connection: %v, want the server's ERR 4031", err)
			}
		})
	}
}

// TestPoolMaintainerBackoff: while connects fail, the maintainer tries to
// reopen MinSize with backoff, not in a loop; once the server is back, the
// pool is full again.
func TestPoolMaintainerBackoff(t *testing.T) {
	var accepts atomic.Int32
	var up atomic.Bool
	die := make(chan struct{})
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
		n := accepts.Add(1)
		switch {
		case n == 1:
			if err := fakeLogin(c); err != nil {
				return err
			}
			<-die
			return c.Close() // the server goes away
		case up.Load():
			return serveClean(c)
		}
		return c.Close() // refused: closed before the greeting
	})
	pc := aiomysql.NewPoolConfig(fakeConfig(t, srv))
	pc.MaxSize = 2
	ctx := testCtx(t)
	p, err := aiomysql.CreatePool(ctx, pc)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Terminate()
	close(die)
	// The acquire finds the connection dead, and its own connect fails.
	waitFor(t, "the server's close seen", func() bool {
		c, err := p.Acquire(ctx)
		if err == nil {
			c.Release()
		}
		return err != nil
	})
	start := accepts.Load()
	time.Sleep(time.Second) // the time over which attempts are counted
	tries := accepts.Load() - start
	if tries < 2 || tries > 8 {
		t.Fatalf("%d connect attempts in 1 s while the server refused; want a few (backoff from 50 ms)", tries)
	}
	up.Store(true)
	waitStat(t, p, "MinSize reopened once the server is back", func(s aiomysql.PoolStat) bool {
		return s.TotalConns == 1 && s.IdleConns == 1
	})
}

// waitFor polls ok until it is true, for up to 5 s.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPoolRetriesNotSent: a connection that dies after the checkout's peek
// fails the call with ErrNotSent, having sent nothing; the Pool's own Exec
// then runs the call on another connection, with no user error.
func TestPoolRetriesNotSent(t *testing.T) {
	kill, gone := make(chan struct{}), make(chan struct{})
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		<-kill
		// A reset: the client's write fails, so nothing is sent (on
		// loopback, the reset has arrived once this returns).
		err := c.Reset()
		close(gone)
		return err
	}))
	pc := aiomysql.NewPoolConfig(cfg)
	pc.MaxSize = 1
	var first atomic.Bool
	pc.BeforeAcquire = func(context.Context, *aiomysql.Conn) bool {
		if !first.Swap(true) {
			close(kill) // dies after the checkout's peek, before the call
			<-gone
		}
		return true
	}
	ctx := testCtx(t)
	p, err := aiomysql.CreatePool(ctx, pc)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Terminate()
	if _, err := p.Exec(ctx, "DO 1"); err != nil {
		t.Fatalf("Exec on a connection that died unseen: %v, want it run on another", err)
	}
	if st := p.Stat(); st.DestroyedBroken != 1 || st.NewConnsCount != 2 {
		t.Fatalf("stat %+v, want the dead connection closed and one made", st)
	}
}

// TestCreatePoolFails: when MinSize connections cannot be opened,
// CreatePool fails with the connect error and leaves nothing running.
func TestCreatePoolFails(t *testing.T) {
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error { return c.Close() })
	pc := aiomysql.NewPoolConfig(fakeConfig(t, srv))
	pc.MinSize = 2
	p, err := aiomysql.CreatePool(testCtx(t), pc)
	var ce *aiomysql.ConnectError
	if p != nil || !errors.As(err, &ce) {
		t.Fatalf("CreatePool = %v, %v; want nil and a *ConnectError", p, err)
	}
	if _, err := aiomysql.CreatePool(testCtx(t), &aiomysql.PoolConfig{ConnConfig: pc.ConnConfig, MinSize: 3, MaxSize: 2}); err == nil {
		t.Fatal("CreatePool accepted MinSize above MaxSize")
	}
}
