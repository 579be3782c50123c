package aiomysql_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestParsePoolConfig reads the pool's DSN parameters, leaves the session
// variables alone, and refuses bad values naming the parameter.
func TestParsePoolConfig(t *testing.T) {
	pc, err := aiomysql.ParsePoolConfig("root@tcp(127.0.0.1:3306)/test?minsize=2&MaxSize=20&pool_recycle=3600" +
		"&maxConnLifetime=10m&max_conn_lifetime_jitter=30s&maxConnIdleTime=5m&health_check_period=10s" +
		"&ping_after_idle=0&peek_after_idle=1s&acquire_timeout=250ms&reset_policy=always&release_timeout=2s&wait_timeout=60")
	if err != nil {
		t.Fatal(err)
	}
	want := aiomysql.PoolConfig{MinSize: 2, MaxSize: 20, PoolRecycle: time.Hour, MaxConnLifetime: 10 * time.Minute,
		MaxConnLifetimeJitter: 30 * time.Second, MaxConnIdleTime: 5 * time.Minute, HealthCheckPeriod: 10 * time.Second,
		PeekAfterIdle: time.Second, AcquireTimeout: 250 * time.Millisecond, ResetPolicy: aiomysql.ResetAlways, ReleaseTimeout: 2 * time.Second}
	got := *pc
	got.ConnConfig = nil
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if len(pc.ConnConfig.Params) != 1 || pc.ConnConfig.Params["wait_timeout"] != "60" {
		t.Fatalf("session variables %v, want only wait_timeout", pc.ConnConfig.Params)
	}
	def, err := aiomysql.ParsePoolConfig("root@tcp(127.0.0.1:3306)/test?pool_recycle=-1")
	if err != nil {
		t.Fatal(err)
	}
	if def.MinSize != 1 || def.MaxSize != 10 || def.PoolRecycle != -1 || def.MaxConnLifetime != time.Hour ||
		def.MaxConnIdleTime != 30*time.Minute || def.HealthCheckPeriod != time.Minute || def.PingAfterIdle != time.Minute ||
		def.ResetPolicy != aiomysql.ResetChanged || def.ConnConfig.Params != nil {
		t.Fatalf("defaults: %+v", def)
	}
	for _, bad := range []string{"maxsize=x", "reset_policy=sometimes", "minsize=5&maxsize=2", "acquire_timeout=-1s"} {
		_, err := aiomysql.ParsePoolConfig("root:secret@tcp(127.0.0.1:3306)/test?" + bad)
		var de *aiomysql.DSNError
		if !errors.As(err, &de) {
			t.Fatalf("%s: %v, want a *DSNError", bad, err)
		}
		if msg := err.Error(); strings.Contains(msg, "secret") {
			t.Fatalf("%s: the error shows the password: %s", bad, msg)
		}
	}
}

// TestPoolCalls: the Pool's own calls give their connection back when
// their result ends, so a pool of one serves them one after the other.
func TestPoolCalls(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
	mustPoolExec(t, p, "CREATE DATABASE IF NOT EXISTS pool_calls")
	mustPoolExec(t, p, "CREATE OR REPLACE TABLE pool_calls.t (id INT PRIMARY KEY, v VARCHAR(10))")
	free := func(what string) {
		t.Helper()
		if p.FreeSize() != 1 {
			t.Fatalf("after %s: FreeSize %d, want 1 (the connection given back)", what, p.FreeSize())
		}
	}
	if _, err := p.CopyFrom(ctx, "pool_calls.t", []string{"id", "v"}, aiomysql.CopyFromRows([][]any{{1, "a"}, {2, "b"}})); err != nil {
		t.Fatal(err)
	}
	free("CopyFrom")
	rows, err := p.Query(ctx, "SELECT id FROM pool_calls.t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if p.FreeSize() != 0 {
		t.Fatal("the Rows' connection is idle while the rows are open")
	}
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Err() != nil || n != 2 {
		t.Fatalf("%d rows, %v", n, rows.Err())
	}
	free("Query read to the end")
	tx, err := p.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, "INSERT INTO pool_calls.t VALUES (3, 'c')"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	free("Tx.Commit")
	if err := tx.Rollback(ctx); !errors.Is(err, aiomysql.ErrTxDone) {
		t.Fatalf("Rollback after Commit: %v", err)
	}
	cur, err := p.Cursor(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cur.Execute(ctx, "SELECT COUNT(*) FROM pool_calls.t"); err != nil {
		t.Fatal(err)
	}
	row, err := cur.FetchOne(ctx)
	if err != nil || row[0] != int64(3) {
		t.Fatalf("count %v, %v", row, err)
	}
	_ = cur.Close()
	free("Cursor.Close")
	b := &aiomysql.Batch{}
	b.Queue("SELECT 1")
	b.Queue("UPDATE pool_calls.t SET v = 'z' WHERE id = ?", 1)
	br := p.SendBatch(ctx, b)
	if _, err := br.Exec(); err != nil {
		t.Fatal(err)
	}
	if err := br.Close(); err != nil {
		t.Fatal(err)
	}
	free("BatchResults.Close")
	var v string
	if err := p.QueryRow(ctx, "SELECT v FROM pool_calls.t WHERE id = 1").Scan(&v); err != nil || v != "z" {
		t.Fatalf("v %q, %v", v, err)
	}
	free("Row.Scan")
	mustPoolExec(t, p, "DROP DATABASE pool_calls")
}

func mustPoolExec(t *testing.T, p *aiomysql.Pool, q string) {
	t.Helper()
	if _, err := p.Exec(testCtx(t), q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestPoolLeaseEnds: a Tx, Stmt or Cursor made on a pool connection
// cannot run anything once the connection was given back, even when the
// next user holds the same connection.
func TestPoolLeaseEnds(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
	c1, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := c1.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := c1.Prepare(ctx, "SELECT ?")
	if err != nil {
		t.Fatal(err)
	}
	cur, err := c1.Cursor()
	if err != nil {
		t.Fatal(err)
	}
	id := c1.Conn().ThreadID()
	c1.Release()
	c2, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Release()
	if c2.Conn().ThreadID() != id {
		t.Fatal("a pool of one gave another connection")
	}
	if err := tx.Commit(ctx); !errors.Is(err, aiomysql.ErrConnReleased) {
		t.Fatalf("Tx.Commit after release: %v", err)
	}
	if _, err := st.Exec(ctx, 1); !errors.Is(err, aiomysql.ErrConnReleased) {
		t.Fatalf("Stmt.Exec after release: %v", err)
	}
	if _, err := cur.Execute(ctx, "SELECT 1"); !errors.Is(err, aiomysql.ErrConnReleased) {
		t.Fatalf("Cursor.Execute after release: %v", err)
	}
	if !errors.Is(aiomysql.ErrConnReleased, aiomysql.ErrNotSent) {
		t.Fatal("ErrConnReleased does not say nothing was sent")
	}
	var inTx int
	if err := c2.QueryRow(ctx, "SELECT @@in_transaction").Scan(&inTx); err != nil || inTx != 0 {
		t.Fatalf("the next user's session: in_transaction %d, %v", inTx, err)
	}
	if got := p.Stat().ResetCount; got != 1 {
		t.Fatalf("ResetCount %d, want 1 (a transaction and a statement were open)", got)
	}
}

// hookTracer counts the pool's tracer events.
type hookTracer struct {
	acquires, acquireEnds, releases atomic.Int64
}

func (h *hookTracer) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, _ aiomysql.TraceQueryStartData) context.Context {
	return ctx
}
func (h *hookTracer) TraceQueryEnd(context.Context, *aiomysql.Conn, aiomysql.TraceQueryEndData) {}
func (h *hookTracer) TraceAcquireStart(ctx context.Context, _ *aiomysql.Pool, _ aiomysql.TraceAcquireStartData) context.Context {
	h.acquires.Add(1)
	return ctx
}
func (h *hookTracer) TraceAcquireEnd(_ context.Context, _ *aiomysql.Pool, d aiomysql.TraceAcquireEndData) {
	if d.Err == nil && d.Conn != nil {
		h.acquireEnds.Add(1)
	}
}
func (h *hookTracer) TraceRelease(*aiomysql.Pool, aiomysql.TraceReleaseData) { h.releases.Add(1) }

// TestPoolHooks: the hooks run where PoolConfig says, and can refuse.
func TestPoolHooks(t *testing.T) {
	ctx := testCtx(t)
	var before, after, beforeAcq, afterRel, beforeClose atomic.Int64
	var reject atomic.Bool
	tr := &hookTracer{}
	p := testPool(t, func(c *aiomysql.PoolConfig) {
		c.MinSize, c.MaxSize = 1, 2
		c.ConnConfig.Tracer = tr
		c.BeforeConnect = func(_ context.Context, cfg *aiomysql.Config) error {
			before.Add(1)
			cfg.InitCommands = append(cfg.InitCommands, "SET @hook = 'connected'")
			return nil
		}
		c.AfterConnect = func(ctx context.Context, conn *aiomysql.Conn) error {
			after.Add(1)
			_, err := conn.Exec(ctx, "SET @after = 1")
			return err
		}
		c.BeforeAcquire = func(context.Context, *aiomysql.Conn) bool { beforeAcq.Add(1); return !reject.Swap(false) }
		c.AfterRelease = func(*aiomysql.Conn) bool { afterRel.Add(1); return true }
		c.BeforeClose = func(*aiomysql.Conn) { beforeClose.Add(1) }
	})
	c, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var hook string
	var afterV int
	if err := c.QueryRow(ctx, "SELECT @hook, @after").Scan(&hook, &afterV); err != nil || hook != "connected" || afterV != 1 {
		t.Fatalf("session set by the hooks: %q %d %v", hook, afterV, err)
	}
	c.Release()
	if got := p.Stat().ResetCount; got != 0 {
		t.Fatalf("AfterConnect's session state was reset away: ResetCount %d", got)
	}
	// A reset at release undoes AfterConnect's state: it runs again.
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "SET @after = 2, @mine = 3"); err != nil {
		t.Fatal(err)
	}
	c.Release()
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var mine *int
	if err := c.QueryRow(ctx, "SELECT @after, @mine").Scan(&afterV, &mine); err != nil || afterV != 1 || mine != nil {
		t.Fatalf("after a reset: @after %d @mine %v (%v), want 1 and NULL", afterV, mine, err)
	}
	c.Release()
	if got := p.Stat().ResetCount; got != 1 {
		t.Fatalf("ResetCount %d, want 1", got)
	}
	reject.Store(true) // BeforeAcquire refuses the idle one: closed, another made
	c, err = p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.Release()
	p.Close()
	if err := p.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
	st := p.Stat()
	switch {
	// The rejected connection's replacement may be opened twice over: by
	// the acquire and by the maintainer (MinSize).
	// A connect the Close interrupted may have begun.
	case before.Load()+1 < after.Load() || after.Load() < st.NewConnsCount+1 || st.NewConnsCount < 2:
		t.Fatalf("BeforeConnect %d AfterConnect %d connections made %d, want BeforeConnect ≥ AfterConnect-1 (it also ran after the reset) ≥ made, and at least 2 made", before.Load(), after.Load(), st.NewConnsCount)
	case beforeAcq.Load() != 4 || afterRel.Load() != 4 || beforeClose.Load() != st.DestroyedCount:
		t.Fatalf("BeforeAcquire %d AfterRelease %d BeforeClose %d, want 4, 4, %d", beforeAcq.Load(), afterRel.Load(), beforeClose.Load(), st.DestroyedCount)
	case st.DestroyedRejected != 1 || st.DestroyedClosed != st.NewConnsCount-1 || st.TotalConns != 0:
		t.Fatalf("stat %+v", st)
	case tr.acquires.Load() != 4 || tr.acquireEnds.Load() != 4 || tr.releases.Load() != 4:
		t.Fatalf("tracer: acquire %d/%d release %d, want 4/4 and 4", tr.acquires.Load(), tr.acquireEnds.Load(), tr.releases.Load())
	}
}

// TestPoolMaintainer: idle connections beyond MinSize close after
// MaxConnIdleTime, and the maintainer opens MinSize again after Clear.
func TestPoolMaintainer(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) {
		c.MinSize, c.MaxSize = 2, 4
		c.HealthCheckPeriod = 20 * time.Millisecond
		c.MaxConnIdleTime = 100 * time.Millisecond
	})
	var held []aiomysql.PoolConn
	for range 4 {
		c, err := p.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Release()
	}
	waitStat(t, p, "idle connections beyond MinSize closed", func(s aiomysql.PoolStat) bool {
		return s.TotalConns == 2 && s.DestroyedIdle == 2
	})
	p.Clear()
	waitStat(t, p, "MinSize opened again after Clear", func(s aiomysql.PoolStat) bool {
		return s.TotalConns == 2 && s.IdleConns == 2 && s.DestroyedClosed == 2
	})
	if s := p.Stat(); s.NewConnsCount != 6 {
		t.Fatalf("%d connections made, want 6 (2 at create, 2 on demand, 2 after Clear)", s.NewConnsCount)
	}
}

// waitStat polls the pool's Stat until ok, for up to 5 s.
func waitStat(t *testing.T, p *aiomysql.Pool, what string, ok func(aiomysql.PoolStat) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s := p.Stat()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s: %+v", what, s)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestPoolFIFO: waiters get connections in the order they came.
func TestPoolFIFO(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(c *aiomysql.PoolConfig) { c.MaxSize = 1 })
	held, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	order := make(chan int, n)
	done := make(chan error, n)
	for i := range n {
		go func() {
			c, err := p.Acquire(ctx)
			if err == nil {
				order <- i
				c.Release()
			}
			done <- err
		}()
		// The next waiter starts once this one is in line.
		waitStat(t, p, "waiter in line", func(s aiomysql.PoolStat) bool { return s.Waiting == i+1 })
	}
	held.Release()
	for range n {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for want := range n {
		if got := <-order; got != want {
			t.Fatalf("waiter %d served in place %d", got, want)
		}
	}
}
