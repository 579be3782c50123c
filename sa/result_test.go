package sa_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/sa"
)

// fill inserts the values into tbl through c.
func fill(t *testing.T, c *sa.Conn, tbl string, vals ...string) {
	t.Helper()
	rows := make([][]any, len(vals))
	for i, v := range vals {
		rows[i] = []any{v}
	}
	mustRun(t, c, "INSERT INTO "+tbl+" (val) VALUES (?)", rows)
}

func TestResultWithoutRows(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	res := mustRun(t, c, "INSERT INTO "+tbl+" (val) VALUES (?), (?)", "a", "b")
	if res.ReturnsRows() || res.Keys() != nil || !res.Closed() {
		t.Fatalf("ReturnsRows %v Keys %v Closed %v, want false, nil, true", res.ReturnsRows(), res.Keys(), res.Closed())
	}
	if res.RowCount() != 2 || res.LastRowID() != 1 {
		t.Fatalf("RowCount %d LastRowID %d, want 2 and 1", res.RowCount(), res.LastRowID())
	}
	if _, err := res.FetchOne(); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("FetchOne of an INSERT: %v, want ErrResourceClosed", err)
	}
	res = mustRun(t, c, "UPDATE "+tbl+" SET val = 'c' WHERE val = ?", "a")
	if res.RowCount() != 1 {
		t.Fatalf("UPDATE RowCount %d, want 1", res.RowCount())
	}
}

func TestResultFetch(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	fill(t, c, tbl, "a", "b", "c", "d", "e")
	res := mustRun(t, c, "SELECT id, val FROM "+tbl+" ORDER BY id")
	if !res.ReturnsRows() || res.Closed() {
		t.Fatalf("ReturnsRows %v Closed %v, want true and false", res.ReturnsRows(), res.Closed())
	}
	if k := res.Keys(); len(k) != 2 || k[0] != "id" || k[1] != "val" {
		t.Fatalf("Keys %q, want [id val]", k)
	}
	if res.RowCount() != -1 {
		t.Fatalf("RowCount before the end %d, want -1", res.RowCount())
	}
	one, err := res.FetchOne()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := one.Get("val"); v != "a" {
		t.Fatalf("FetchOne val %v, want a", v)
	}
	two, err := res.FetchMany(2)
	if err != nil || len(two) != 2 {
		t.Fatalf("FetchMany(2): %d rows, %v", len(two), err)
	}
	if v, _ := two[1].Get("val"); v != "c" {
		t.Fatalf("FetchMany's second val %v, want c", v)
	}
	if _, err := res.FetchMany(0); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("FetchMany(0): %v, want ErrArgument", err)
	}
	rest, err := res.FetchAll()
	if err != nil || len(rest) != 2 {
		t.Fatalf("FetchAll: %d rows, %v; want 2", len(rest), err)
	}
	if res.RowCount() != 5 {
		t.Fatalf("RowCount at the end %d, want 5", res.RowCount())
	}
	if row, err := res.FetchOne(); row != nil || err != nil {
		t.Fatalf("FetchOne past the end: %v %v, want nil nil", row, err)
	}
	if more, err := res.FetchMany(3); len(more) != 0 || err != nil {
		t.Fatalf("FetchMany past the end: %v %v", more, err)
	}
}

func TestResultFirstScalarClose(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	fill(t, c, tbl, "a", "b")
	res := mustRun(t, c, "SELECT val FROM "+tbl+" ORDER BY id")
	first, err := res.First()
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := first.At(0); v != "a" {
		t.Fatalf("First %v, want a", v)
	}
	if !res.Closed() {
		t.Fatal("First left the result open")
	}
	if _, err := res.FetchOne(); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("FetchOne after First: %v, want ErrResourceClosed", err)
	}
	v, err := mustRun(t, c, "SELECT COUNT(*) FROM "+tbl).Scalar()
	if err != nil || v != int64(2) {
		t.Fatalf("Scalar %v %v, want 2", v, err)
	}
	if v, err := mustRun(t, c, "SELECT val FROM "+tbl+" WHERE id < 0").Scalar(); v != nil || err != nil {
		t.Fatalf("Scalar of no rows: %v %v, want nil nil", v, err)
	}
	if row, err := mustRun(t, c, "SELECT val FROM "+tbl+" WHERE id < 0").First(); row != nil || err != nil {
		t.Fatalf("First of no rows: %v %v, want nil nil", row, err)
	}
	if v, err := c.Scalar(testCtx(t), "SELECT val FROM "+tbl+" WHERE id = ?", 2); v != "b" || err != nil {
		t.Fatalf("Conn.Scalar %v %v, want b", v, err)
	}
	res = mustRun(t, c, "SELECT val FROM "+tbl)
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}
	if err := res.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if _, err := res.FetchAll(); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("FetchAll after Close: %v, want ErrResourceClosed", err)
	}
	// The connection is free again.
	if v, err := c.Scalar(testCtx(t), "SELECT 7"); v != int64(7) || err != nil {
		t.Fatalf("after Close: %v %v", v, err)
	}
}

func TestResultAll(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	fill(t, c, tbl, "a", "b", "c")
	res := mustRun(t, c, "SELECT val FROM "+tbl+" ORDER BY id")
	var got []any
	for row := range res.All() {
		v, _ := row.Get("val")
		got = append(got, v)
		if len(got) == 1 {
			break // the rest stays for later
		}
	}
	for row := range res.All() {
		v, _ := row.Get("val")
		got = append(got, v)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0] != "a" || got[2] != "c" {
		t.Fatalf("All gave %v, want [a b c]", got)
	}
	// An error ends the loop and Err says it.
	res = mustRun(t, c, "SELECT val FROM "+tbl)
	_ = res.Close()
	for range res.All() {
		t.Fatal("All of a closed result yielded a row")
	}
	if err := res.Err(); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("Err after All of a closed result: %v, want ErrResourceClosed", err)
	}
}

func TestResultsSideBySide(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	fill(t, c, tbl, "a", "b", "c")
	r1 := mustRun(t, c, "SELECT val FROM "+tbl+" ORDER BY id")
	if _, err := r1.FetchOne(); err != nil {
		t.Fatal(err)
	}
	// A second statement reads the rest of r1 into memory first.
	r2 := mustRun(t, c, "SELECT COUNT(*) FROM "+tbl)
	if r1.RowCount() != 3 {
		t.Fatalf("r1's RowCount %d once read ahead, want 3", r1.RowCount())
	}
	if v, err := r2.Scalar(); v != int64(3) || err != nil {
		t.Fatalf("r2: %v %v", v, err)
	}
	rest, err := r1.FetchAll()
	if err != nil || len(rest) != 2 {
		t.Fatalf("rest of r1: %d rows, %v; want 2", len(rest), err)
	}
	if v, _ := rest[1].At(0); v != "c" {
		t.Fatalf("r1's last %v, want c", v)
	}
}

// TestResultAfterRelease is aiomysql's issue #371: a result read after its
// connection went back to the pool must fail cleanly, not read the next
// user's replies, and the pooled connection must stay usable.
func TestResultAfterRelease(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MinSize, pc.MaxSize = 1, 1 })
	tbl := testTable(t, e)
	for _, end := range []string{"Release", "Close"} {
		t.Run(end, func(t *testing.T) {
			c := acquire(t, e)
			fill(t, c, tbl, "x", "y", "z")
			unread := mustRun(t, c, "SELECT val FROM "+tbl+" ORDER BY id")
			read := mustRun(t, c, "SELECT val FROM "+tbl+" ORDER BY id")
			if _, err := read.FetchOne(); err != nil {
				t.Fatal(err)
			}
			if end == "Release" {
				if err := e.Release(c); err != nil {
					t.Fatal(err)
				}
			} else if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			for _, r := range []*sa.Result{unread, read} {
				if row, err := r.FetchOne(); !errors.Is(err, sa.ErrResourceClosed) || row != nil {
					t.Fatalf("FetchOne after %s: %v %v, want ErrResourceClosed", end, row, err)
				}
				if !r.Closed() {
					t.Fatalf("Closed is false after %s", end)
				}
			}
			// The pool's one connection serves the next user.
			c2 := acquire(t, e)
			if v, err := c2.Scalar(ctx, "SELECT COUNT(*) FROM "+tbl); err != nil || v == nil {
				t.Fatalf("next user: %v %v", v, err)
			}
			if _, err := read.FetchOne(); !errors.Is(err, sa.ErrResourceClosed) {
				t.Fatalf("old result while the connection serves another: %v", err)
			}
			if err := c2.Close(); err != nil {
				t.Fatal(err)
			}
			if st := e.Pool().Stat(); st.DestroyedBusy != 0 || st.DestroyedBroken != 0 {
				t.Fatalf("pool closed connections: busy %d broken %d, want none", st.DestroyedBusy, st.DestroyedBroken)
			}
			mustExec(t, e, "DELETE FROM "+tbl)
		})
	}
}

func TestExecuteErrors(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	c := acquire(t, e)
	_, err := c.Execute(ctx, "SELEC 1")
	var me *aiomysql.Error
	if !errors.As(err, &me) || !errors.Is(err, aiomysql.ErrProgramming) {
		t.Fatalf("syntax error: %v, want the driver's *aiomysql.Error", err)
	}
	if _, err := c.Execute(ctx, 42); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("Execute(42): %v, want ErrArgument", err)
	}
	if _, err := c.Execute(ctx, nil); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("Execute(nil): %v, want ErrArgument", err)
	}
	// The connection goes on after both.
	if v, err := c.Scalar(ctx, "SELECT 1"); v != int64(1) || err != nil {
		t.Fatalf("after errors: %v %v", v, err)
	}
}

func TestResultAfterRawRelease(t *testing.T) {
	e := testEngine(t, nil)
	c := acquire(t, e)
	res := mustRun(t, c, "SELECT 1 UNION ALL SELECT 2")
	if _, err := res.FetchOne(); err != nil {
		t.Fatal(err)
	}
	// The driver's connection given back behind the Conn's back.
	c.Connection().Release()
	if _, err := res.FetchOne(); !errors.Is(err, sa.ErrResourceClosed) {
		t.Fatalf("FetchOne after the PoolConn's Release: %v, want ErrResourceClosed", err)
	}
	if _, err := c.Execute(testCtx(t), "SELECT 1"); !errors.Is(err, sa.ErrResourceClosed) || !errors.Is(err, aiomysql.ErrConnReleased) {
		t.Fatalf("Execute after the PoolConn's Release: %v, want ErrResourceClosed wrapping ErrConnReleased", err)
	}
	if err := e.Release(nil); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("Release(nil): %v, want ErrArgument", err)
	}
}
