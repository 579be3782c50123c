package aiomysql_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// anyCursor drives a cursor of either row type through one interface, its
// rows as tuples in column order (a dict row is turned into a tuple by its
// keys, which also checks that it has exactly one key per column).
type anyCursor struct {
	name      string
	streaming bool
	dict      bool

	execute     func(ctx context.Context, q string, args ...any) (int64, error)
	executeMany func(ctx context.Context, q string, argsList []any) (int64, error)
	callProc    func(ctx context.Context, name string, args ...any) ([]any, error)
	callProcOut func(ctx context.Context, name string, n int) ([]any, error)
	fetchOne    func(ctx context.Context) ([]any, error)
	fetchMany   func(ctx context.Context, n int) ([][]any, error)
	fetchAll    func(ctx context.Context) ([][]any, error)
	scroll      func(ctx context.Context, v int, mode aiomysql.ScrollMode) error
	nextSet     func(ctx context.Context) (bool, error)
	warnings    func(ctx context.Context) ([]aiomysql.Warning, error)
	mogrify     func(q string, args ...any) (string, error)
	close       func() error
	rowCount    func() int64
	rowNumber   func() int
	lastRowID   func() int64
	warnCount   func() int
	desc        func() []aiomysql.ColumnType
	setArray    func(n int)
	keys        func() []string // the dict keys of the current result set (nil for tuples)
}

// cursorKinds lists the four cursor classes, each as a constructor of an
// anyCursor on c.
func cursorKinds() []struct {
	name string
	open func(t *testing.T, c *aiomysql.Conn) *anyCursor
} {
	return []struct {
		name string
		open func(t *testing.T, c *aiomysql.Conn) *anyCursor
	}{
		{"Cursor", func(t *testing.T, c *aiomysql.Conn) *anyCursor { return wrapCursor(t, "Cursor", false, c.Cursor()) }},
		{"DictCursor", func(t *testing.T, c *aiomysql.Conn) *anyCursor {
			return wrapCursor(t, "DictCursor", false, c.DictCursor())
		}},
		{"SSCursor", func(t *testing.T, c *aiomysql.Conn) *anyCursor { return wrapCursor(t, "SSCursor", true, c.SSCursor()) }},
		{"SSDictCursor", func(t *testing.T, c *aiomysql.Conn) *anyCursor {
			return wrapCursor(t, "SSDictCursor", true, c.SSDictCursor())
		}},
	}
}

func wrapCursor[R aiomysql.CursorRow](t *testing.T, name string, streaming bool, cur *aiomysql.Cursor[R]) *anyCursor {
	t.Helper()
	a := &anyCursor{name: name, streaming: streaming}
	_, a.dict = any(*new(R)).(map[string]any)
	a.keys = func() []string {
		if !a.dict {
			return nil
		}
		return dictKeys(cur.Description())
	}
	tuple := func(r R) []any {
		t.Helper()
		switch row := any(r).(type) {
		case []any:
			return row
		case map[string]any:
			if row == nil {
				return nil
			}
			keys := a.keys()
			if len(row) != len(keys) {
				t.Errorf("%s: dict row %v has %d keys for columns %v", name, row, len(row), keys)
			}
			out := make([]any, len(keys))
			for i, k := range keys {
				v, ok := row[k]
				if !ok {
					t.Errorf("%s: dict row %v has no key %q", name, row, k)
				}
				out[i] = v
			}
			return out
		}
		return nil
	}
	tuples := func(rs []R) [][]any {
		if rs == nil {
			return nil
		}
		out := make([][]any, len(rs))
		for i, r := range rs {
			out[i] = tuple(r)
		}
		return out
	}
	a.execute = cur.Execute
	a.executeMany = cur.ExecuteMany
	a.callProc = cur.CallProc
	a.callProcOut = cur.CallProcOut
	a.fetchOne = func(ctx context.Context) ([]any, error) { r, err := cur.FetchOne(ctx); return tuple(r), err }
	a.fetchMany = func(ctx context.Context, n int) ([][]any, error) {
		rs, err := cur.FetchMany(ctx, n)
		return tuples(rs), err
	}
	a.fetchAll = func(ctx context.Context) ([][]any, error) { rs, err := cur.FetchAll(ctx); return tuples(rs), err }
	a.scroll = cur.Scroll
	a.nextSet = cur.NextSet
	a.warnings = cur.ShowWarnings
	a.mogrify = cur.Mogrify
	a.close = cur.Close
	a.rowCount = cur.RowCount
	a.rowNumber = cur.RowNumber
	a.lastRowID = cur.LastRowID
	a.warnCount = cur.Warnings
	a.desc = cur.Description
	a.setArray = func(n int) { cur.ArraySize = n }
	return a
}

// dictKeys is what a DictCursor keys its rows by: the column's name, or
// table.name when an earlier column took the name.
func dictKeys(desc []aiomysql.ColumnType) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range desc {
		k := d.Name
		if seen[k] {
			k = d.Table + "." + d.Name
		}
		seen[k] = true
		out = append(out, k)
	}
	return out
}

// mustExecAll runs each statement on c and fails the test on an error.
func mustExecAll(t *testing.T, c *aiomysql.Conn, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := c.Exec(testCtx(t), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// queryScalar returns the one value of a one-row, one-column query.
func queryScalar[T any](t *testing.T, c *aiomysql.Conn, q string, args ...any) T {
	t.Helper()
	var v T
	if err := c.QueryRow(testCtx(t), q, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}

// sameRows compares rows by their printed form, which tells int64(1) from
// "1" and nil from "".
func sameRows(got, want [][]any) bool {
	return fmt.Sprintf("%#v", got) == fmt.Sprintf("%#v", want) || (len(got) == 0 && len(want) == 0)
}
