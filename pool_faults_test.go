package aiomysql_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// The pool's fault scenarios of reliability.md: R1 (wait_timeout kills idle
// pooled connections), R3 (an admin kills an idle one), R6 (SIGKILL of the
// server with connections idle and in flight, then a restart) and R7 (a
// graceful shutdown, then a restart).

// idList is ids as SQL: "1,2,3".
func idList(ids []uint32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatUint(uint64(id), 10)
	}
	return strings.Join(s, ",")
}

// waitThreadsGone polls srv's PROCESSLIST until none of ids is listed, for
// up to limit, and returns how long it waited.
func waitThreadsGone(t *testing.T, srv *mysqltest.Server, ids []uint32, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	q := "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID IN (" + idList(ids) + ")"
	for {
		n, err := srv.QueryValue(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if n == "0" {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("threads %v: %s of them still listed after %v", ids, n, limit)
		}
		time.Sleep(20 * time.Millisecond) // poll interval
	}
}

// waitSleeping polls srv's PROCESSLIST until n threads run SELECT SLEEP.
func waitSleeping(t *testing.T, srv *mysqltest.Server, n int, limit time.Duration) {
	t.Helper()
	start := time.Now()
	want := strconv.Itoa(n)
	for {
		got, err := srv.QueryValue(context.Background(),
			"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND INFO LIKE 'SELECT SLEEP(%'")
		if err != nil {
			t.Fatal(err)
		}
		if got == want {
			return
		}
		if time.Since(start) > limit {
			t.Fatalf("%s threads run SELECT SLEEP after %v, want %d", got, limit, n)
		}
		time.Sleep(10 * time.Millisecond) // poll interval
	}
}

// openFDs counts this process's open file descriptors (-1 where /proc is
// missing).
func openFDs(t *testing.T) int {
	t.Helper()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

// checkNoLeak closes p, waits for it, and checks that no connection, no
// goroutine (beyond those running at start, and the test server's process
// waiter) and no file descriptor is left.
func checkNoLeak(t *testing.T, p *aiomysql.Pool, goroutines goleak.Option, fds int) {
	t.Helper()
	p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := p.WaitClosed(ctx); err != nil {
		t.Fatalf("WaitClosed: %v", err)
	}
	if st := p.Stat(); st.TotalConns != 0 || st.IdleConns != 0 || st.AcquiredConns != 0 {
		t.Errorf("after Close and WaitClosed: %d connections (%d idle, %d acquired), want 0",
			st.TotalConns, st.IdleConns, st.AcquiredConns)
	}
	goleak.VerifyNone(t, goroutines,
		// A server started (again) during the test has a goroutine waiting
		// for its process, until the test's cleanup stops it.
		goleak.IgnoreAnyFunction("github.com/aiomysql-go/aiomysql/mysqltest.(*Server).launch.func1"))
	if fds >= 0 {
		// Sockets closed by the pool go at once; allow the runtime a moment.
		deadline := time.Now().Add(2 * time.Second)
		for n := openFDs(t); n != fds; n = openFDs(t) {
			if time.Now().After(deadline) {
				t.Errorf("%d file descriptors open after Close, %d before the pool", n, fds)
				break
			}
			time.Sleep(10 * time.Millisecond) // poll interval
		}
	}
}

// TestR1_WaitTimeoutKillsIdlePooled: four idle pooled connections the server
// timed out (wait_timeout=1) are found dead at checkout and replaced: 100
// pool calls after that see no error, and at most 4 connections are dialed.
func TestR1_WaitTimeoutKillsIdlePooled(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(pc *aiomysql.PoolConfig) {
		pc.MinSize, pc.MaxSize = 4, 4
		pc.ConnConfig.InitCommands = []string{"SET SESSION wait_timeout=1"}
	})
	var held []aiomysql.PoolConn
	var ids []uint32
	for range 4 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var wt int
		if err := c.QueryRow(ctx, "SELECT @@SESSION.wait_timeout").Scan(&wt); err != nil || wt != 1 {
			t.Fatalf("wait_timeout = %d, %v; want 1 (InitCommands)", wt, err)
		}
		held = append(held, c)
		ids = append(ids, c.Conn().ThreadID())
	}
	for _, c := range held {
		c.Release()
	}
	if st := p.Stat(); st.IdleConns != 4 {
		t.Fatalf("%d idle connections after releasing 4, want 4", st.IdleConns)
	}
	waited := waitThreadsGone(t, testServer(t), ids, 10*time.Second)
	t.Logf("the server timed out threads %v after %v", ids, waited)
	before := p.Stat()
	var errs []error
	start := time.Now()
	for i := range 100 {
		if i%2 == 0 {
			var n int
			if err := p.QueryRow(ctx, "SELECT ?", i).Scan(&n); err != nil {
				errs = append(errs, err)
			} else if n != i {
				errs = append(errs, errors.New("SELECT "+strconv.Itoa(i)+" returned "+strconv.Itoa(n)))
			}
		} else if _, err := p.Exec(ctx, "DO ?", i); err != nil {
			errs = append(errs, err)
		}
	}
	took := time.Since(start)
	after := p.Stat()
	redials := after.NewConnsCount - before.NewConnsCount
	dead := after.DestroyedDead - before.DestroyedDead
	t.Logf("100 calls in %v: %d errors, %d redials, %d found dead at checkout", took, len(errs), redials, dead)
	if len(errs) > 0 {
		t.Errorf("%d of 100 pool calls failed after wait_timeout closed the idle connections; first: %v", len(errs), errs[0])
	}
	if redials > 4 {
		t.Errorf("%d connections dialed for 100 calls, want at most 4", redials)
	}
	if dead < 1 {
		t.Errorf("DestroyedDead grew by %d, want at least 1: the timed-out connections were not found at checkout", dead)
	}
}

// TestR3_KilledIdleConnReplaced: an idle pooled connection an admin killed
// is found dead at the next acquire and replaced with no error.
func TestR3_KilledIdleConnReplaced(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(*aiomysql.PoolConfig) {})
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	victim := c.Conn().ThreadID()
	c.Release()
	admin := rootConn(t)
	if err := admin.Kill(ctx, victim); err != nil {
		t.Fatal(err)
	}
	waitThreadsGone(t, testServer(t), []uint32{victim}, 10*time.Second)
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatalf("Acquire after KILL CONNECTION of the idle connection: %v", err)
	}
	defer c.Release()
	var id uint32
	if err := c.QueryRow(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatalf("query on the connection acquired after the KILL: %v", err)
	}
	if id == victim || id != c.Conn().ThreadID() {
		t.Errorf("acquired thread %d (CONNECTION_ID() %d), want a new one, not the killed %d", c.Conn().ThreadID(), id, victim)
	}
	if st := p.Stat(); st.DestroyedDead != 1 {
		t.Errorf("DestroyedDead = %d, want 1 (the killed connection, found at checkout)", st.DestroyedDead)
	}
}

// privatePool starts a private server and a pool of size connections on
// it, and returns them with the goroutines and file descriptors there were
// before the pool, for checkNoLeak.
func privatePool(t *testing.T, ctx context.Context, size int) (*mysqltest.Server, *aiomysql.Pool, goleak.Option, int) {
	t.Helper()
	srv := mysqltest.New(t, &mysqltest.Options{IgnoreEnv: true})
	goroutines := goleak.IgnoreCurrent()
	fds := openFDs(t)
	pcfg := aiomysql.NewPoolConfig(serverConfig(t, srv))
	pcfg.MinSize, pcfg.MaxSize = size, size
	p, err := aiomysql.CreatePool(ctx, pcfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Terminate)
	return srv, p, goroutines, fds
}

// TestR6_ServerSIGKILLAndRestart: with 8 connections idle and 4 running
// SELECT SLEEP(5), the server is killed with SIGKILL: the calls in flight
// fail within 100 ms; an acquire while it is down fails within its
// context; 2 s later the server restarts on the same port and datadir, and
// the pool serves within 500 ms; closing the pool leaves nothing behind.
func TestR6_ServerSIGKILLAndRestart(t *testing.T) {
	ctx := testCtx(t)
	srv, p, goroutines, fds := privatePool(t, ctx, 12)

	type result struct {
		err error
		at  time.Time
	}
	results := make(chan result, 4)
	for range 4 {
		go func() {
			var n int
			err := p.QueryRow(ctx, "SELECT SLEEP(5)").Scan(&n)
			results <- result{err, time.Now()}
		}()
	}
	waitSleeping(t, srv, 4, 10*time.Second)
	if st := p.Stat(); st.IdleConns != 8 || st.AcquiredConns != 4 {
		t.Fatalf("before the kill: %d idle, %d acquired; want 8 and 4", st.IdleConns, st.AcquiredConns)
	}

	killStart := time.Now()
	if err := srv.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	t.Logf("Kill (SIGKILL and wait for exit) took %v", killed.Sub(killStart))
	var worst time.Duration
	for i := range 4 {
		select {
		case r := <-results:
			late := max(r.at.Sub(killed), 0)
			worst = max(worst, late)
			t.Logf("in-flight call %d failed %v after Kill returned: %v", i, late, r.err)
			if r.err == nil {
				t.Errorf("in-flight SELECT SLEEP(5) succeeded across a SIGKILL of the server")
			} else if !errors.Is(r.err, aiomysql.ErrConnLost) || errors.Is(r.err, aiomysql.ErrNotSent) {
				t.Errorf("in-flight call: %v, want ErrConnLost (and not ErrNotSent)", r.err)
			}
			if late > 100*time.Millisecond {
				t.Errorf("in-flight call failed %v after the kill, want ≤100ms", late)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("%d of the 4 in-flight calls still running 2 s after the kill", 4-i)
		}
	}
	t.Logf("in flight: worst %v after Kill returned", worst)

	// While the server is down.
	down := func(what string, call func(context.Context) error) {
		t.Helper()
		cctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := call(cctx)
		took := time.Since(start)
		t.Logf("%s while down: %v after %v", what, err, took)
		if err == nil {
			t.Errorf("%s succeeded while the server is down", what)
		}
		if took > 400*time.Millisecond {
			t.Errorf("%s while down took %v, want it to end within its 300 ms context", what, took)
		}
	}
	down("Acquire", func(ctx context.Context) error {
		c, err := p.Acquire(ctx)
		if err == nil {
			c.Release()
		}
		return err
	})
	down("Exec", func(ctx context.Context) error {
		_, err := p.Exec(ctx, "DO 1")
		return err
	})
	if st := p.Stat(); st.DestroyedDead != 8 || st.DestroyedBroken != 4 {
		t.Errorf("while down: DestroyedDead %d, DestroyedBroken %d; want 8 (the idle ones, at checkout) and 4 (the in-flight ones, at release)",
			st.DestroyedDead, st.DestroyedBroken)
	}

	time.Sleep(time.Until(killed.Add(2 * time.Second))) // the scenario: down for 2 s
	if err := srv.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	tries := 0
	for {
		tries++
		cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		_, err := p.Exec(cctx, "DO 1")
		cancel()
		if err == nil {
			break
		}
		if time.Since(restarted) > 5*time.Second {
			t.Fatalf("the pool does not serve 5 s after the restart: %v", err)
		}
		t.Logf("try %d after restart: %v", tries, err)
	}
	serving := time.Since(restarted)
	t.Logf("serving %v after Restart returned (%d tries)", serving, tries)
	if serving > 500*time.Millisecond {
		t.Errorf("the pool served %v after the restart, want ≤500ms", serving)
	}
	checkNoLeak(t, p, goroutines, fds)
}

// TestR7_GracefulShutdownRestart: the server shuts down gracefully and
// starts again; the pool's 4 idle connections, dead, are caught at acquire
// (none reaches a user) and closing the pool leaves nothing behind.
func TestR7_GracefulShutdownRestart(t *testing.T) {
	ctx := testCtx(t)
	srv, p, goroutines, fds := privatePool(t, ctx, 4)
	if st := p.Stat(); st.IdleConns != 4 {
		t.Fatalf("%d idle connections, want 4", st.IdleConns)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := srv.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	var held []aiomysql.PoolConn
	for i := range 4 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatalf("Acquire %d after the restart: %v", i, err)
		}
		held = append(held, c)
		var n int
		if err := c.QueryRow(ctx, "SELECT ?", i).Scan(&n); err != nil || n != i {
			t.Errorf("query on connection %d acquired after the restart: %d, %v", i, n, err)
		}
	}
	for _, c := range held {
		c.Release()
	}
	if st := p.Stat(); st.DestroyedDead != 4 {
		t.Errorf("DestroyedDead = %d after 4 acquires, want 4 (every connection the shutdown closed, caught at checkout)", st.DestroyedDead)
	}
	checkNoLeak(t, p, goroutines, fds)
}
