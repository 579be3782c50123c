package aiomysql_test

import (
	"context"
	"errors"
	"iter"
	"math"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// copyPaths are the two ways CopyFrom sends rows, by Config.LocalInfile.
var copyPaths = []struct {
	name  string
	local bool
}{{"LOAD DATA", true}, {"INSERT", false}}

// copyConn connects as root with LocalInfile as given and makes an empty
// table cf_src (id INT PRIMARY KEY, name VARCHAR(40)).
func copyConn(t *testing.T, local bool, configure ...func(*aiomysql.Config)) *aiomysql.Conn {
	t.Helper()
	c := rootConnWith(t, func(cfg *aiomysql.Config) {
		cfg.LocalInfile = local
		for _, f := range configure {
			f(cfg)
		}
	})
	mustExecAll(t, c, "DROP TABLE IF EXISTS cf_src", "CREATE TABLE cf_src (id INT PRIMARY KEY, name VARCHAR(40))")
	t.Cleanup(func() { _, _ = rootConn(t).Exec(context.Background(), "DROP TABLE IF EXISTS cf_src") })
	return c
}

// srcRow is row i of the sources' rows.
func srcRow(i int) []any { return []any{i, "row " + strconv.Itoa(i)} }

// TestCopyFromSources: each kind of source gives its rows, in order, and
// nothing else.
func TestCopyFromSources(t *testing.T) {
	const n = 5
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = srcRow(i)
	}
	sources := map[string]func() aiomysql.CopyFromSource{
		"Rows": func() aiomysql.CopyFromSource { return aiomysql.CopyFromRows(rows) },
		"Slice": func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromSlice(n, func(i int) ([]any, error) { return srcRow(i), nil })
		},
		"Func": func() aiomysql.CopyFromSource {
			i := 0
			return aiomysql.CopyFromFunc(func() ([]any, error) {
				if i == n {
					return nil, nil
				}
				i++
				return srcRow(i - 1), nil
			})
		},
		"Seq": func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromSeq(func(yield func([]any) bool) {
				for i := range n {
					if !yield(srcRow(i)) {
						return
					}
				}
			})
		},
		"Seq2": func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromSeq2(func(yield func([]any, error) bool) {
				for i := range n {
					if !yield(srcRow(i), nil) {
						return
					}
				}
			})
		},
	}
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			for name, src := range sources {
				mustExec(t, c, "DELETE FROM cf_src")
				res, err := c.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, src())
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if res.Rows != n || res.Sent != n || res.LocalInfile != p.local {
					t.Errorf("%s: %+v, want %d rows by LOCAL INFILE %v", name, res, n, p.local)
				}
				checkRows(t, c, "SELECT COUNT(*) FROM cf_src WHERE name = CONCAT('row ', id) AND id BETWEEN 0 AND 4", n)
			}
		})
	}
}

// TestCopyFromSourceErrors: a source's error, a row of the wrong length and
// a value with no SQL form each end the copy with a *CopyFromError naming
// the row, no row lands, and the connection (nothing having gone out)
// stays usable.
func TestCopyFromSourceErrors(t *testing.T) {
	type notAValue struct{}
	tests := []struct {
		name   string
		src    func() aiomysql.CopyFromSource
		row    int64
		column string
		is     error
	}{
		{name: "Slice", row: 2, is: errSource, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromSlice(5, func(i int) ([]any, error) {
				if i == 2 {
					return nil, errSource
				}
				return srcRow(i), nil
			})
		}},
		{name: "Func", row: 3, is: errSource, src: func() aiomysql.CopyFromSource {
			i := 0
			return aiomysql.CopyFromFunc(func() ([]any, error) {
				if i == 3 {
					return nil, errSource
				}
				i++
				return srcRow(i - 1), nil
			})
		}},
		{name: "Seq2", row: 1, is: errSource, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromSeq2(func(yield func([]any, error) bool) {
				if yield(srcRow(0), nil) {
					yield(nil, errSource)
				}
			})
		}},
		{name: "too few values", row: 1, is: aiomysql.ErrProgramming, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromRows([][]any{srcRow(0), {1}, srcRow(2)})
		}},
		{name: "too many values", row: 0, is: aiomysql.ErrProgramming, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromRows([][]any{{1, "a", "b"}})
		}},
		{name: "a struct", row: 1, column: "name", is: aiomysql.ErrScanUnsupported, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromRows([][]any{srcRow(0), {1, notAValue{}}})
		}},
		{name: "NaN", row: 0, column: "id", is: aiomysql.ErrNotFinite, src: func() aiomysql.CopyFromSource {
			return aiomysql.CopyFromRows([][]any{{math.NaN(), "x"}})
		}},
	}
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			for _, tc := range tests {
				_, err := c.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, tc.src())
				var ce *aiomysql.CopyFromError
				if !errors.As(err, &ce) {
					t.Fatalf("%s: error %v, want a *CopyFromError", tc.name, err)
				}
				if ce.Row != tc.row || ce.Column != tc.column || !errors.Is(err, tc.is) {
					t.Errorf("%s: error %v (row %d, column %q), want row %d, column %q, wrapping %v", tc.name, err, ce.Row, ce.Column, tc.row, tc.column, tc.is)
				}
				checkRows(t, c, "SELECT COUNT(*) FROM cf_src", 0)
			}
		})
	}
}

// TestCopyFromErrorMidStream: a source that fails after rows went out.
// LOAD DATA cannot be stopped but by closing the connection, which the
// copy does (the error wraps ErrConnLost and the source's); the INSERTs'
// transaction is rolled back and the connection stays. No row lands either
// way.
func TestCopyFromErrorMidStream(t *testing.T) {
	const n, failAt = 200_000, 150_000
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local, func(cfg *aiomysql.Config) { cfg.MaxAllowedPacket = 256 << 10 })
			_, err := c.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, aiomysql.CopyFromSlice(n, func(i int) ([]any, error) {
				if i == failAt {
					return nil, errSource
				}
				return srcRow(i), nil
			}))
			if !errors.Is(err, errSource) {
				t.Fatalf("error %v, want the source's", err)
			}
			if p.local != errors.Is(err, aiomysql.ErrConnLost) || p.local != c.IsClosed() {
				t.Errorf("error %v, closed %v; want ErrConnLost and closed: %v", err, c.IsClosed(), p.local)
			}
			checkRows(t, rootConn(t), "SELECT COUNT(*) FROM cf_src", 0)
		})
	}
}

// TestCopyFromSeqStopped: an iterator is stopped when the copy ends, at its
// end, on an error and when it was never read.
func TestCopyFromSeqStopped(t *testing.T) {
	c := copyConn(t, true)
	for _, tc := range []struct {
		name    string
		columns []string
		rows    int
		ok      bool
	}{
		{name: "read to the end", columns: []string{"id", "name"}, rows: 3, ok: true},
		{name: "a bad row", columns: []string{"id"}, rows: 3},
		{name: "never read", rows: 3}, // no columns: refused before any row
	} {
		mustExec(t, c, "DELETE FROM cf_src")
		var stopped, started bool
		seq := iter.Seq[[]any](func(yield func([]any) bool) {
			started = true
			defer func() { stopped = true }()
			for i := range tc.rows {
				if !yield(srcRow(i)) {
					return
				}
			}
		})
		_, err := c.CopyFrom(testCtx(t), "cf_src", tc.columns, aiomysql.CopyFromSeq(seq))
		if (err == nil) != tc.ok {
			t.Errorf("%s: error %v", tc.name, err)
		}
		if started != stopped {
			t.Errorf("%s: the iterator started %v, stopped %v", tc.name, started, stopped)
		}
	}
}
