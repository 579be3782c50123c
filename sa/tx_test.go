package sa_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/sa"
)

func TestTxCommitRollback(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !tx.IsActive() || !c.InTransaction() || tx.Conn() != c || tx.XID() != "" {
		t.Fatal("a begun transaction is not active")
	}
	if _, err := c.Begin(ctx); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("Begin inside a transaction: %v, want ErrInvalidRequest", err)
	}
	fill(t, c, tbl, "kept")
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if tx.IsActive() || c.InTransaction() {
		t.Fatal("still active after Commit")
	}
	if err := tx.Commit(ctx); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("second Commit: %v, want ErrInvalidRequest", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatalf("Rollback after Commit: %v, want nil", err)
	}
	tx, err = c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "undone")
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if got := vals(t, e, tbl); len(got) != 1 || got[0] != "kept" {
		t.Fatalf("rows %q, want [kept]", got)
	}
}

func TestNestedSavepoints(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	// Without a transaction BeginNested begins a root one.
	outer, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "outer")
	inner, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "inner rolled back")
	if err := inner.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if inner.IsActive() || !outer.IsActive() {
		t.Fatalf("after the inner rollback: inner %v outer %v, want false true", inner.IsActive(), outer.IsActive())
	}
	inner2, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "inner kept")
	deepest, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "deepest kept")
	// Committing the middle one releases its savepoint and the one inside.
	if err := inner2.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if deepest.IsActive() {
		t.Fatal("the deepest transaction is active after its parent's Commit")
	}
	if err := outer.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	got := vals(t, e, tbl)
	if len(got) != 3 || got[0] != "outer" || got[1] != "inner kept" || got[2] != "deepest kept" {
		t.Fatalf("rows %q, want [outer, inner kept, deepest kept]", got)
	}
}

func TestSavepointNamesUnique(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	if _, err := c.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	a, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "a")
	b, err := c.BeginNested(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, tbl, "b")
	// With one name for both, rolling back to b's savepoint would go to
	// the later one, and rolling back a to its own would undo "a" only
	// if the names differ.
	if err := b.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	res := mustRun(t, c, "SELECT COUNT(*) FROM "+tbl)
	if v, _ := res.Scalar(); v != int64(0) {
		t.Fatalf("%v rows after rolling back to the first savepoint, want 0", v)
	}
}

func TestRunCommitsOrRollsBack(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	err := c.BeginFunc(ctx, func(ctx context.Context, tx *sa.Tx) error {
		fill(t, c, tbl, "committed")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err = c.BeginFunc(ctx, func(ctx context.Context, tx *sa.Tx) error {
		fill(t, c, tbl, "rolled back on error")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("BeginFunc: %v, want boom", err)
	}
	func() {
		defer func() {
			if r := recover(); r != "panic in tx" {
				t.Fatalf("recovered %v, want the panic to go on", r)
			}
		}()
		_ = c.BeginFunc(ctx, func(ctx context.Context, tx *sa.Tx) error {
			fill(t, c, tbl, "rolled back on panic")
			panic("panic in tx")
		})
	}()
	if c.InTransaction() {
		t.Fatal("a transaction is active after the panic")
	}
	// Nested: only the inner work goes.
	err = c.BeginFunc(ctx, func(ctx context.Context, tx *sa.Tx) error {
		fill(t, c, tbl, "outer of nested")
		err := c.BeginNestedFunc(ctx, func(context.Context, *sa.Tx) error {
			fill(t, c, tbl, "inner of nested")
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("BeginNestedFunc: %v, want boom", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := vals(t, e, tbl)
	if len(got) != 2 || got[0] != "committed" || got[1] != "outer of nested" {
		t.Fatalf("rows %q, want [committed, outer of nested]", got)
	}
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Run(ctx, func(context.Context) error { return nil }); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("Run on an ended transaction: %v, want ErrInvalidRequest", err)
	}
}

func TestPrepareOnlyTwoPhase(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	c := acquire(t, e)
	tx, err := c.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Prepare(ctx); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("Prepare of a root transaction: %v, want ErrInvalidRequest", err)
	}
	if _, err := c.BeginTwoPhase(ctx, "x"); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("BeginTwoPhase inside a transaction: %v, want ErrInvalidRequest", err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestTxOnReleasedConn(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MaxSize = 1 })
	c := acquire(t, e)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Begin(ctx); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("Begin on a closed Conn: %v, want ErrResourceClosed", err)
	}
}
