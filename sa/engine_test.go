package sa_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/sa"
)

func TestEngineSizes(t *testing.T) {
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MinSize, pc.MaxSize = 2, 5 })
	if e.MinSize() != 2 || e.MaxSize() != 5 {
		t.Fatalf("MinSize %d MaxSize %d, want 2 and 5", e.MinSize(), e.MaxSize())
	}
	if e.Size() != 2 || e.FreeSize() != 2 {
		t.Fatalf("after CreateEngine: Size %d FreeSize %d, want 2 and 2", e.Size(), e.FreeSize())
	}
	c := acquire(t, e)
	if e.FreeSize() != 1 {
		t.Fatalf("one acquired: FreeSize %d, want 1", e.FreeSize())
	}
	if err := e.Release(c); err != nil {
		t.Fatal(err)
	}
	if e.FreeSize() != 2 || !c.Closed() {
		t.Fatalf("released: FreeSize %d Closed %v, want 2 and true", e.FreeSize(), c.Closed())
	}
	if err := e.Release(c); err != nil {
		t.Fatalf("second Release: %v, want nil", err)
	}
	if _, err := c.Execute(testCtx(t), "SELECT 1"); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("Execute after Release: %v, want ErrResourceClosed", err)
	}
}

func TestEngineCloseWaitClosed(t *testing.T) {
	ctx := testCtx(t)
	e, err := sa.CreateEngineDSN(ctx, shared.Get(t).DSN(shared.Get(t).Root)+"?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	c := acquire(t, e)
	e.Close()
	if !e.Closed() {
		t.Fatal("Closed is false after Close")
	}
	if _, err := e.Acquire(ctx); !errors.Is(err, sa.ErrResourceClosed) || !errors.Is(err, aiomysql.ErrPoolClosed) {
		t.Fatalf("Acquire after Close: %v, want ErrResourceClosed wrapping ErrPoolClosed", err)
	}
	// The connection in use still works until it is given back.
	if v, err := c.Scalar(ctx, "SELECT 42"); err != nil || v != int64(42) {
		t.Fatalf("Scalar on a Conn of a closed engine: %v %v, want 42", v, err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
	if e.Size() != 0 {
		t.Fatalf("Size %d after WaitClosed, want 0", e.Size())
	}
}

func TestEngineTerminate(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	c := acquire(t, e)
	e.Terminate()
	if err := e.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Execute(ctx, "SELECT 1"); err == nil {
		t.Fatal("Execute on a Conn of a terminated engine succeeded")
	}
}

func TestEngineExecuteReadsTheResultFirst(t *testing.T) {
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MinSize, pc.MaxSize = 1, 1 })
	res := mustExec(t, e, "SELECT 1 AS a UNION ALL SELECT 2 UNION ALL SELECT 3")
	// The one connection is back in the pool, the rows with the Result.
	if e.FreeSize() != 1 {
		t.Fatalf("FreeSize %d after Engine.Execute, want 1", e.FreeSize())
	}
	if res.RowCount() != 3 {
		t.Fatalf("RowCount %d, want 3", res.RowCount())
	}
	rows, err := res.FetchAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("FetchAll: %d rows, %v; want 3", len(rows), err)
	}
	if v, _ := rows[2].At(0); v != int64(3) {
		t.Fatalf("third row %v, want 3", v)
	}
}

func TestReleaseWithTransactionOpen(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MinSize, pc.MaxSize = 1, 1 })
	tbl := testTable(t, e)
	c := acquire(t, e)
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, c, "INSERT INTO "+tbl+" (val) VALUES ('in tx')")
	if err := e.Release(c); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("Release with a transaction open: %v, want ErrInvalidRequest", err)
	}
	// Still acquired, still in the transaction.
	if c.Closed() || !c.InTransaction() || e.FreeSize() != 0 {
		t.Fatalf("after the refused Release: Closed %v InTransaction %v FreeSize %d", c.Closed(), c.InTransaction(), e.FreeSize())
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.Release(c); err != nil {
		t.Fatalf("Release after Commit: %v", err)
	}
	if got := vals(t, e, tbl); len(got) != 1 || got[0] != "in tx" {
		t.Fatalf("rows %q, want [in tx]", got)
	}
}

func TestReleaseOtherEnginesConn(t *testing.T) {
	e1, e2 := testEngine(t, nil), testEngine(t, nil)
	c := acquire(t, e1)
	if err := e2.Release(c); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("Release on another engine: %v, want ErrArgument", err)
	}
}

func TestCloseRollsBack(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRun(t, c, "INSERT INTO "+tbl+" (val) VALUES ('gone')")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if tx.IsActive() || c.InTransaction() {
		t.Fatal("transaction still active after Close")
	}
	if got := vals(t, e, tbl); len(got) != 0 {
		t.Fatalf("rows %q after Close rolled back, want none", got)
	}
}

func TestNewEngineOverAPool(t *testing.T) {
	ctx := testCtx(t)
	pool, err := aiomysql.CreatePool(ctx, poolConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	e := sa.NewEngine(pool)
	t.Cleanup(e.Terminate)
	if e.Pool() != pool {
		t.Fatal("Pool is not the pool given")
	}
	c := acquire(t, e)
	if v, err := c.Scalar(ctx, "SELECT 'over a pool'"); v != "over a pool" || err != nil {
		t.Fatalf("Scalar %v %v", v, err)
	}
	// Closing the engine closes the pool; WaitClosed waits for c.
	e.Close()
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := e.WaitClosed(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("WaitClosed with a Conn in use: %v, want the context's deadline", err)
	}
	if !pool.Closed() {
		t.Fatal("the pool is open after the engine's Close")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
}
