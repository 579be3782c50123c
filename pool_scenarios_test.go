package aiomysql_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

func mustAcquire(t *testing.T, ctx context.Context, p *aiomysql.Pool) aiomysql.PoolConn {
	t.Helper()
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatalf("acquire: %v", err)
	}
	return c
}

func queryInt(t *testing.T, ctx context.Context, c aiomysql.PoolConn, q string) int64 {
	t.Helper()
	var n int64
	if err := c.QueryRow(ctx, q).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// twoAtOnce checks both slots of a MaxSize-2 pool can be held together.
func twoAtOnce(t *testing.T, ctx context.Context, p *aiomysql.Pool) {
	t.Helper()
	actx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	conns := make([]aiomysql.PoolConn, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conns[i], errs[i] = p.Acquire(actx)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("concurrent acquire %d of 2: %v (slot leaked? stat %+v)", i, err, p.Stat())
		}
	}
	for _, c := range conns {
		c.Release()
	}
	if s := p.Size(); s > 2 {
		t.Fatalf("size %d > MaxSize 2", s)
	}
}

func TestC6_CancelWhileWaitingToAcquire(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MinSize = 0; c.MaxSize = 2 })
	a, b := mustAcquire(t, ctx, p), mustAcquire(t, ctx, p)
	const n = 100
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wctx, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
			defer cancel()
			c, err := p.Acquire(wctx)
			if err == nil {
				c.Release()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("waiter: %v, want context.DeadlineExceeded", err)
		}
	}
	a.Release()
	b.Release()
	st := p.Stat()
	if st.Waiting != 0 || st.TotalConns > 2 || st.CanceledAcquireCount != n {
		t.Fatalf("stat after cancels: Waiting %d TotalConns %d CanceledAcquireCount %d, want 0, <=2, %d",
			st.Waiting, st.TotalConns, st.CanceledAcquireCount, n)
	}
	c := mustAcquire(t, ctx, p)
	c.Release()
	twoAtOnce(t, ctx, p)

	for _, how := range []string{"Connection", "Slot"} {
		t.Run("GrantReachesCanceledWaiter"+how, func(t *testing.T) { grantReachesCanceledWaiter(t, ctx, how) })
	}
}

// grantReachesCanceledWaiter gives a waiter whose context has just ended,
// and which is still in the queue, what it waited for — the released
// connection, or (after a Hijack) the freed slot — and checks that what it
// no longer wants is not lost: a 1-connection pool serves the next acquire.
func grantReachesCanceledWaiter(t *testing.T, ctx context.Context, how string) {
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MinSize = 0; c.MaxSize = 1 })
	reached, proceed := make(chan struct{}), make(chan struct{})
	var hooked sync.Once
	p.SetAwaitEndedForTest(func() {
		hooked.Do(func() { close(reached); <-proceed })
	})
	held := mustAcquire(t, ctx, p)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	werr := make(chan error, 1)
	go func() {
		c, err := p.Acquire(wctx)
		if err == nil {
			c.Release()
		}
		werr <- err
	}()
	waitStat(t, p, "the waiter queued", func(s aiomysql.PoolStat) bool { return s.Waiting == 1 })
	cancel()
	<-reached // its wait ended; it has not left the queue yet
	if how == "Connection" {
		held.Release()
	} else if c := held.Hijack(); c != nil {
		c.Close()
	}
	close(proceed)
	if err := <-werr; !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled waiter: %v, want context.Canceled", err)
	}
	actx, acancel := context.WithTimeout(ctx, 2*time.Second)
	defer acancel()
	c, err := p.Acquire(actx)
	if err != nil {
		t.Fatalf("acquire after the grant went to a canceled waiter: %v (lost? stat %+v)", err, p.Stat())
	}
	c.Release()
	if st := p.Stat(); st.Waiting != 0 || st.TotalConns > 1 {
		t.Fatalf("stat: Waiting %d TotalConns %d, want 0 and <= 1", st.Waiting, st.TotalConns)
	}
}

func TestP1_ReleaseWithOpenTransaction(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
	if _, err := p.Exec(ctx, "CREATE DATABASE IF NOT EXISTS pool_p1"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Exec(ctx, "CREATE OR REPLACE TABLE pool_p1.t (id INT PRIMARY KEY) ENGINE=InnoDB"); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, tid uint32, id int) {
		t.Helper()
		c := mustAcquire(t, ctx, p)
		defer c.Release()
		if got := c.Conn().ThreadID(); got != tid {
			t.Fatalf("thread id %d, want the same connection %d", got, tid)
		}
		if n := queryInt(t, ctx, c, "SELECT @@in_transaction"); n != 0 {
			t.Fatalf("@@in_transaction = %d after release with a transaction open, want 0", n)
		}
		if n := queryInt(t, ctx, c, "SELECT COUNT(*) FROM pool_p1.t WHERE id = "+strconv.Itoa(id)); n != 0 {
			t.Fatalf("row %d persisted after release without commit", id)
		}
	}
	// releaseInTx begins a transaction with begin, inserts id, releases the
	// connection and checks the row is gone and the pool rolled back or reset.
	releaseInTx := func(t *testing.T, id int, begin func(aiomysql.PoolConn) error) {
		before := p.Stat()
		c := mustAcquire(t, ctx, p)
		tid := c.Conn().ThreadID()
		if err := begin(c); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(ctx, "INSERT INTO pool_p1.t VALUES ("+strconv.Itoa(id)+")"); err != nil {
			t.Fatal(err)
		}
		c.Release()
		check(t, tid, id)
		after := p.Stat()
		if after.RollbackCount+after.ResetCount <= before.RollbackCount+before.ResetCount {
			t.Fatalf("neither RollbackCount nor ResetCount grew: before %+v after %+v", before, after)
		}
	}
	t.Run("PoolConnBegin", func(t *testing.T) {
		releaseInTx(t, 1, func(c aiomysql.PoolConn) error { _, err := c.Begin(ctx); return err })
	})
	t.Run("ConnBegin", func(t *testing.T) {
		releaseInTx(t, 2, func(c aiomysql.PoolConn) error { return c.Conn().Begin(ctx) })
	})
	t.Run("PoolBeginCommit", func(t *testing.T) {
		tx, err := p.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f := p.FreeSize(); f != 0 {
			t.Fatalf("free %d during tx, want 0", f)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO pool_p1.t VALUES (3)"); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
		if f := p.FreeSize(); f != 1 {
			t.Fatalf("free %d after Commit, want 1 (the conn released)", f)
		}
		c := mustAcquire(t, ctx, p)
		defer c.Release()
		if n := queryInt(t, ctx, c, "SELECT COUNT(*) FROM pool_p1.t WHERE id = 3"); n != 1 {
			t.Fatalf("committed row: count %d", n)
		}
	})
}

func dirtySession(t *testing.T, ctx context.Context, c aiomysql.PoolConn) {
	t.Helper()
	for _, q := range []string{
		"SET @x = 1",
		"CREATE TEMPORARY TABLE p2_tmp (a INT)",
		"SET NAMES gbk",
		"SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestP2_SessionStateDoesNotLeak(t *testing.T) {
	ctx := testCtx(t)
	t.Run("ResetChanged", func(t *testing.T) {
		p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
		c := mustAcquire(t, ctx, p)
		tid := c.Conn().ThreadID()
		dirtySession(t, ctx, c)
		c.Release()
		c = mustAcquire(t, ctx, p)
		defer c.Release()
		if got := c.Conn().ThreadID(); got != tid {
			t.Fatalf("thread id %d, want %d", got, tid)
		}
		if n := queryInt(t, ctx, c, "SELECT @x IS NULL"); n != 1 {
			t.Fatal("@x leaked to the next user")
		}
		if _, err := c.Exec(ctx, "SELECT * FROM p2_tmp"); err == nil || !strings.Contains(err.Error(), "1146") {
			t.Fatalf("temporary table p2_tmp: %v, want error 1146 (it leaked to the next user)", err)
		}
		var cs, mode string
		if err := c.QueryRow(ctx, "SELECT @@character_set_client, @@sql_mode").Scan(&cs, &mode); err != nil {
			t.Fatal(err)
		}
		if cs != "utf8mb4" {
			t.Fatalf("@@character_set_client = %q, want utf8mb4", cs)
		}
		if strings.Contains(mode, "NO_BACKSLASH_ESCAPES") {
			t.Fatalf("sql_mode %q leaked", mode)
		}
		c.Release()
		// A read-only user costs no reset.
		before := p.Stat().ResetCount
		c = mustAcquire(t, ctx, p)
		queryInt(t, ctx, c, "SELECT 1")
		c.Release()
		if after := p.Stat().ResetCount; after != before {
			t.Fatalf("ResetCount %d -> %d after a plain SELECT, want unchanged", before, after)
		}
	})
	t.Run("ResetNever", func(t *testing.T) {
		p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1; c.ResetPolicy = aiomysql.ResetNever })
		c := mustAcquire(t, ctx, p)
		if _, err := c.Exec(ctx, "SET @x = 1"); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Begin(ctx); err != nil {
			t.Fatal(err)
		}
		c.Release()
		c = mustAcquire(t, ctx, p)
		defer c.Release()
		if n := queryInt(t, ctx, c, "SELECT @x"); n != 1 {
			t.Fatalf("ResetNever: @x = %d, want 1 kept", n)
		}
		if n := queryInt(t, ctx, c, "SELECT @@in_transaction"); n != 0 {
			t.Fatal("ResetNever: transaction not rolled back")
		}
		if st := p.Stat(); st.RollbackCount == 0 || st.ResetCount != 0 {
			t.Fatalf("ResetNever: RollbackCount %d ResetCount %d, want >0 and 0", st.RollbackCount, st.ResetCount)
		}
	})
	t.Run("ResetAlways", func(t *testing.T) {
		p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1; c.ResetPolicy = aiomysql.ResetAlways })
		before := p.Stat().ResetCount
		c := mustAcquire(t, ctx, p)
		queryInt(t, ctx, c, "SELECT 1")
		c.Release()
		if after := p.Stat().ResetCount; after != before+1 {
			t.Fatalf("ResetAlways: ResetCount %d -> %d after a plain SELECT, want +1", before, after)
		}
	})
}

func TestP3_CloseWhileBusy(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 3 })
	conns := []aiomysql.PoolConn{mustAcquire(t, ctx, p), mustAcquire(t, ctx, p), mustAcquire(t, ctx, p)}
	qerr := make(chan error, 1)
	go func() {
		var n int
		qerr <- conns[0].QueryRow(ctx, "SELECT SLEEP(1)").Scan(&n)
	}()
	waitRunning(t, ctx, "SELECT SLEEP(1)") // Close lands mid-query
	p.Close()
	if _, err := p.Acquire(ctx); !errors.Is(err, aiomysql.ErrPoolClosed) {
		t.Fatalf("acquire after Close: %v, want ErrPoolClosed", err)
	}
	if _, err := p.Exec(ctx, "SELECT 1"); err == nil {
		t.Fatal("pool Exec after Close: no error")
	}
	if err := p.QueryRow(ctx, "SELECT 1").Scan(new(int)); err == nil {
		t.Fatal("pool QueryRow after Close: no error")
	}
	if _, err := p.Begin(ctx); err == nil {
		t.Fatal("pool Begin after Close: no error")
	}
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	err := p.WaitClosed(short)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitClosed with 3 out: %v, want it to block until the deadline", err)
	}
	if err := <-qerr; err != nil && !errors.Is(err, aiomysql.ErrPoolClosed) {
		t.Fatalf("in-flight query: %v", err)
	}
	conns[0].Release()
	conns[1].Release()
	short, cancel = context.WithTimeout(ctx, 50*time.Millisecond)
	err = p.WaitClosed(short)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitClosed with 1 out: %v, want it to block", err)
	}
	conns[2].Release()
	if err := p.WaitClosed(ctx); err != nil {
		t.Fatalf("WaitClosed after the releases: %v", err)
	}
	if st := p.Stat(); st.TotalConns != 0 {
		t.Fatalf("TotalConns %d after WaitClosed", st.TotalConns)
	}

	t.Run("TerminateWhileQuerying", func(t *testing.T) {
		p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
		c := mustAcquire(t, ctx, p)
		qerr := make(chan error, 1)
		go func() {
			var n int
			qerr <- c.QueryRow(ctx, "SELECT SLEEP(5)").Scan(&n)
		}()
		waitRunning(t, ctx, "SELECT SLEEP(5)")
		start := time.Now()
		p.Terminate()
		select {
		case err := <-qerr:
			if err == nil {
				t.Fatal("query on a terminated connection: no error")
			}
			t.Logf("after Terminate: %v in %v", err, time.Since(start))
		case <-time.After(2 * time.Second):
			t.Fatal("query still running 2 s after Terminate")
		}
		c.Release()
		if err := p.WaitClosed(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// waitRunning returns once the server runs query (on some connection): a
// statement whose text holds query, in any case, for the processlist shows
// what the server was sent, and behind vtgate that is vttablet's rewrite
// ("select SLEEP(5) from dual limit 10001"), not the client's text.
func waitRunning(t *testing.T, ctx context.Context, query string) {
	t.Helper()
	probe := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
	const q = "SELECT COUNT(*) FROM information_schema.PROCESSLIST" +
		" WHERE LOWER(INFO) LIKE CONCAT('%', LOWER(?), '%') AND LOWER(INFO) NOT LIKE '%processlist%'"
	for {
		var n int64
		if err := probe.QueryRow(ctx, q, query).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(5 * time.Millisecond) // polling the server: no signal exists
	}
}

func TestP5_RecyclingUnderLoad(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) {
		c.MaxSize = 4
		c.MaxConnLifetime = time.Second
		c.HealthCheckPeriod = 200 * time.Millisecond
	})
	type seen struct{ first, last time.Time }
	var mu sync.Mutex
	ids := map[int64]*seen{}
	const dur = 10 * time.Second
	begin := time.Now()
	deadline := begin.Add(dur)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				c, err := p.Acquire(ctx)
				if err != nil {
					errs <- err
					return
				}
				var id, n int64
				err = c.QueryRow(ctx, "SELECT CONNECTION_ID()").Scan(&id)
				if err == nil {
					err = c.QueryRow(ctx, "SELECT COUNT(*) FROM information_schema.CHARACTER_SETS").Scan(&n)
				}
				c.Release()
				if err != nil {
					errs <- err
					return
				}
				now := time.Now()
				mu.Lock()
				if s := ids[id]; s == nil {
					ids[id] = &seen{now, now}
				} else {
					s.last = now
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("worker: %v", err)
	}
	st := p.Stat()
	t.Logf("%d connection ids, stat: created %d lifetime %d acquires %d", len(ids), st.NewConnsCount, st.DestroyedLifetime, st.AcquireCount)
	if st.DestroyedLifetime == 0 {
		t.Fatal("DestroyedLifetime 0: no connection rotated")
	}
	const margin = 700 * time.Millisecond
	for id, s := range ids {
		if used := s.last.Sub(s.first); used > time.Second+margin {
			t.Errorf("connection %d used for %v after first seen, lifetime 1 s", id, used)
		}
		if s.first.Before(begin.Add(2*time.Second)) && s.last.After(deadline.Add(-2*time.Second)) {
			t.Errorf("connection %d seen in the first and the last 2 s", id)
		}
	}
	if len(ids) < 8 {
		t.Errorf("only %d connection ids in 10 s with a 1 s lifetime", len(ids))
	}
}
