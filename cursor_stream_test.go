package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestCursorScrollBuffered(t *testing.T) {
	for _, kind := range cursorKinds()[:2] {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			want := cursorTable(t, c)
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, "SELECT id, d, s FROM cur_t ORDER BY id"); err != nil {
				t.Fatal(err)
			}
			steps := []struct {
				value   int
				mode    aiomysql.ScrollMode
				wantPos int // -1: an ErrScroll, the position unchanged
			}{
				{3, aiomysql.ScrollAbsolute, 3},
				{-2, aiomysql.ScrollRelative, 1},
				{1, aiomysql.ScrollRelative, 2},
				{0, aiomysql.ScrollAbsolute, 0},
				{5, aiomysql.ScrollAbsolute, -1},
				{-1, aiomysql.ScrollAbsolute, -1},
				{4, aiomysql.ScrollAbsolute, 4},
				{1, aiomysql.ScrollRelative, -1},
				{-5, aiomysql.ScrollRelative, -1},
				{-4, aiomysql.ScrollRelative, 0},
			}
			for _, s := range steps {
				before := cur.rowNumber()
				err := cur.scroll(ctx, s.value, s.mode)
				if s.wantPos < 0 {
					if !errors.Is(err, aiomysql.ErrScroll) {
						t.Errorf("Scroll(%d, %d) from %d: error %v, want ErrScroll", s.value, s.mode, before, err)
					}
					if cur.rowNumber() != before {
						t.Errorf("a failed Scroll moved from %d to %d", before, cur.rowNumber())
					}
					continue
				}
				if err != nil || cur.rowNumber() != s.wantPos {
					t.Fatalf("Scroll(%d, %d) from %d: %v, at %d, want %d", s.value, s.mode, before, err, cur.rowNumber(), s.wantPos)
				}
				row, err := cur.fetchOne(ctx)
				if err != nil || !sameRows([][]any{row}, want[s.wantPos:s.wantPos+1]) {
					t.Errorf("after Scroll to %d FetchOne = %#v, %v", s.wantPos, row, err)
				}
				if err := cur.scroll(ctx, -1, aiomysql.ScrollRelative); err != nil {
					t.Fatal(err)
				}
			}
			if err := cur.scroll(ctx, 0, aiomysql.ScrollMode(9)); err == nil {
				t.Error("an unknown scroll mode was accepted")
			}
		})
	}
}

func TestCursorScrollStreaming(t *testing.T) {
	for _, kind := range cursorKinds()[2:] {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			want := cursorTable(t, c)
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, "SELECT id, d, s FROM cur_t ORDER BY id"); err != nil {
				t.Fatal(err)
			}
			if err := cur.scroll(ctx, 1, aiomysql.ScrollRelative); err != nil || cur.rowNumber() != 1 {
				t.Fatalf("Scroll(1, relative): %v, at %d", err, cur.rowNumber())
			}
			if err := cur.scroll(ctx, 3, aiomysql.ScrollAbsolute); err != nil || cur.rowNumber() != 3 {
				t.Fatalf("Scroll(3, absolute): %v, at %d", err, cur.rowNumber())
			}
			if err := cur.scroll(ctx, 3, aiomysql.ScrollAbsolute); err != nil || cur.rowNumber() != 3 {
				t.Fatalf("Scroll to where it is: %v, at %d", err, cur.rowNumber())
			}
			for _, back := range []struct {
				value int
				mode  aiomysql.ScrollMode
			}{{-1, aiomysql.ScrollRelative}, {2, aiomysql.ScrollAbsolute}, {0, aiomysql.ScrollAbsolute}} {
				if err := cur.scroll(ctx, back.value, back.mode); !errors.Is(err, aiomysql.ErrScroll) {
					t.Errorf("Scroll(%d, %d) backwards: %v, want ErrScroll", back.value, back.mode, err)
				}
			}
			row, err := cur.fetchOne(ctx)
			if err != nil || !sameRows([][]any{row}, want[3:4]) {
				t.Fatalf("FetchOne after scrolling = %#v, %v", row, err)
			}
			if err := cur.scroll(ctx, 5, aiomysql.ScrollRelative); !errors.Is(err, aiomysql.ErrScroll) {
				t.Errorf("Scroll past the end: %v, want ErrScroll", err)
			}
			if row, err := cur.fetchOne(ctx); row != nil || err != nil {
				t.Errorf("FetchOne after scrolling past the end = %#v, %v", row, err)
			}
			if v := queryScalar[int](t, c, "SELECT 8"); v != 8 {
				t.Errorf("SELECT 8 = %d", v)
			}
		})
	}
}

// seqQuery returns n rows, 1 to n, in a BIGINT column n. It uses MariaDB's
// sequence engine: a recursive CTE stops at cte_max_recursion_depth (1,001
// rows), whatever n says.
func seqQuery(n int) string {
	return fmt.Sprintf("SELECT CAST(seq AS SIGNED) AS n FROM seq_1_to_%d", n)
}

// bigSeqQuery returns n rows of n (1 to n) and pad, 100 bytes. Streaming
// tests read bigSeqQuery(bigSeqRows): 22 MB, far more than the socket
// buffers hold, so that fetches read from the socket as they go instead of
// finding the whole result already received.
func bigSeqQuery(n int) string {
	return fmt.Sprintf("SELECT CAST(seq AS SIGNED) AS n, REPEAT('x', 100) AS pad FROM seq_1_to_%d", n)
}

// bigSeqRows is the row count of the streaming tests' results.
const bigSeqRows = 200_000

func TestCursorStreamingReexecute(t *testing.T) {
	for _, kind := range cursorKinds()[2:] {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, bigSeqQuery(bigSeqRows)); err != nil {
				t.Fatal(err)
			}
			rows, err := cur.fetchMany(ctx, 10)
			if err != nil || len(rows) != 10 || rows[9][0] != int64(10) {
				t.Fatalf("FetchMany(10) = %v, %v", rows, err)
			}
			// The connection is busy until the rows are read.
			if _, err := c.Query(ctx, "SELECT 1"); !errors.Is(err, aiomysql.ErrBusy) {
				t.Fatalf("Query while a streaming cursor is open: %v, want ErrBusy", err)
			}
			// Execute again: the rest of the first result is drained.
			if _, err := cur.execute(ctx, "SELECT 42, 'x'"); err != nil {
				t.Fatal(err)
			}
			rows, err = cur.fetchAll(ctx)
			if err != nil || !sameRows(rows, [][]any{{int64(42), "x"}}) {
				t.Fatalf("second Execute read %#v, %v", rows, err)
			}
			if v := queryScalar[string](t, c, "SELECT 'answer'"); v != "answer" {
				t.Errorf("the connection answers %q", v)
			}
		})
	}
}

func TestCursorClose(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			cur := kind.open(t, c)
			q := seqQuery(3000)
			if cur.streaming {
				q = bigSeqQuery(bigSeqRows)
			}
			if _, err := cur.execute(ctx, q); err != nil {
				t.Fatal(err)
			}
			if _, err := cur.fetchMany(ctx, 5); err != nil {
				t.Fatal(err)
			}
			if err := cur.close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := cur.close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if v := queryScalar[int64](t, c, "SELECT COUNT(*) FROM information_schema.COLLATIONS WHERE 1 = 1"); v <= 0 {
				t.Errorf("query after Close: %d", v)
			}
			if _, err := cur.execute(ctx, "SELECT 1"); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("Execute after Close: %v", err)
			}
			if _, err := cur.fetchOne(ctx); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("FetchOne after Close: %v", err)
			}
			if _, err := cur.fetchMany(ctx, 2); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("FetchMany after Close: %v", err)
			}
			if _, err := cur.fetchAll(ctx); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("FetchAll after Close: %v", err)
			}
			if err := cur.scroll(ctx, 0, aiomysql.ScrollAbsolute); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("Scroll after Close: %v", err)
			}
			if _, err := cur.nextSet(ctx); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("NextSet after Close: %v", err)
			}
			if _, err := cur.callProc(ctx, "p"); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("CallProc after Close: %v", err)
			}
			if _, err := cur.executeMany(ctx, "DO %s", []any{1}); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("ExecuteMany after Close: %v", err)
			}
			if _, err := cur.warnings(ctx); !errors.Is(err, aiomysql.ErrCursorClosed) {
				t.Errorf("ShowWarnings after Close: %v", err)
			}
		})
	}
}

// TestCursorStreamingFetchContext: each fetch of a streaming cursor runs
// under its own context, which governs that fetch only. The next Execute
// drains the rest under its context, even when an earlier fetch's context
// has ended; Close, which has none, ends the rest in bounded time and does
// not report the fetch's context, which governed nothing it did.
func TestCursorStreamingFetchContext(t *testing.T) {
	for _, then := range []string{"execute", "close"} {
		t.Run(then, func(t *testing.T) {
			c := rootConn(t)
			cur := c.SSCursor()
			defer cur.Close()
			fetchCtx, cancel := context.WithCancel(testCtx(t))
			if _, err := cur.Execute(fetchCtx, bigSeqQuery(bigSeqRows)); err != nil {
				t.Fatal(err)
			}
			if row, err := cur.FetchOne(fetchCtx); err != nil || row[0] != int64(1) {
				t.Fatalf("FetchOne = %v, %v", row, err)
			}
			cancel()
			if then == "execute" {
				if _, err := cur.Execute(testCtx(t), "SELECT 5"); err != nil {
					t.Fatalf("Execute after the fetch's context ended: %v", err)
				}
				rows, err := cur.FetchAll(testCtx(t))
				if err != nil || !sameRows(rows, [][]any{{int64(5)}}) {
					t.Fatalf("FetchAll = %v, %v", rows, err)
				}
			} else if err := cur.Close(); err != nil {
				t.Fatalf("Close after the fetch's context ended: %v, want nil", err)
			}
			if c.IsClosed() {
				t.Fatal("the connection was closed")
			}
			if v := queryScalar[int](t, c, "SELECT 6"); v != 6 {
				t.Errorf("SELECT 6 = %d", v)
			}
		})
	}
}
