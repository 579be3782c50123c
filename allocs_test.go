package aiomysql_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// commandAllocs measures the allocations of Exec("DO 1"), of
// QueryRow("SELECT ?", 1).Scan and of a Query of one row read with Scan,
// all under ctx.
func commandAllocs(t *testing.T, c *aiomysql.Conn, ctx context.Context) (exec, queryRow, query float64) {
	t.Helper()
	exec = testing.AllocsPerRun(200, func() {
		if _, err := c.Exec(ctx, "DO 1"); err != nil {
			t.Fatal(err)
		}
	})
	var v int64
	queryRow = testing.AllocsPerRun(200, func() {
		if err := c.QueryRow(ctx, "SELECT ?", 1).Scan(&v); err != nil || v != 1 {
			t.Fatal(v, err)
		}
	})
	query = testing.AllocsPerRun(200, func() {
		rows, err := c.Query(ctx, "SELECT 1")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	})
	return exec, queryRow, query
}

// TestCommandAllocations: the hot path of a command allocates little (no
// per-command closures, no deadline bookkeeping without a deadline), and a
// context that can end costs no allocation: the connection's one watch
// goroutine takes it over a channel. Budgets are upper bounds that a
// regression would cross.
func TestCommandAllocations(t *testing.T) {
	c := connectT(t, plainConfig(t))
	exec, queryRow, query := commandAllocs(t, c, context.Background())
	t.Logf("allocations with context.Background: Exec %.0f, QueryRow+Scan %.0f, Query+Scan %.0f", exec, queryRow, query)
	if exec > 1 {
		t.Errorf("Exec(DO 1) allocates %.0f times, budget 1", exec)
	}
	if queryRow > 1 {
		t.Errorf("QueryRow(SELECT ?).Scan allocates %.0f times, budget 1 (the *Row)", queryRow)
	}
	if query > 2 {
		t.Errorf("Query(SELECT 1) + Scan allocates %.0f times, budget 2", query)
	}
	canceled, cancel := context.WithCancel(context.Background())
	defer cancel()
	deadline, cancelDeadline := context.WithTimeout(context.Background(), time.Hour)
	defer cancelDeadline()
	for name, ctx := range map[string]context.Context{"cancellable": canceled, "with a deadline": deadline} {
		e, qr, q := commandAllocs(t, c, ctx)
		t.Logf("allocations %s: Exec %.0f, QueryRow+Scan %.0f, Query+Scan %.0f", name, e, qr, q)
		if e != exec || qr != queryRow || q != query {
			t.Errorf("a context %s costs allocations: Exec %.0f (vs %.0f), QueryRow+Scan %.0f (vs %.0f), Query+Scan %.0f (vs %.0f)",
				name, e, exec, qr, queryRow, q, query)
		}
	}
}

// TestRepeatedQueryAllocations: a query run again on a connection reuses
// what the previous one decoded and allocated: its 1,000 column
// definitions (the same bytes: not decoded again), its column and value
// slices and its names. What is left is the Rows itself.
func TestRepeatedQueryAllocations(t *testing.T) {
	c := connectT(t, plainConfig(t))
	ctx := testCtx(t)
	const n = 1000
	var q strings.Builder
	q.WriteString("SELECT ")
	for i := 1; i <= n; i++ {
		if i > 1 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "%d AS c%d", i, i)
	}
	dest := make([]any, n)
	vals := make([]int64, n)
	for i := range dest {
		dest[i] = &vals[i]
	}
	allocs := testing.AllocsPerRun(20, func() {
		rows, err := c.Query(ctx, q.String())
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			if err := rows.Scan(dest...); err != nil {
				t.Fatal(err)
			}
		}
		if err := rows.Close(); err != nil || vals[n-1] != n || rows.Columns()[n-1] != "c1000" {
			t.Fatal(vals[n-1], rows.Columns()[n-1], err)
		}
	})
	t.Logf("a %d-column query run again: %.0f allocations", n, allocs)
	if allocs > 2 {
		t.Errorf("a %d-column query run again allocates %.0f times, budget 2", n, allocs)
	}
}

// TestColumnReuseOnlyWhenSame: a result reuses the previous one's column
// definitions only where they are the same: the same names with other
// types, or other names, are decoded afresh; Rows that ended keep their
// names and refuse to scan while later Rows take their slices.
func TestColumnReuseOnlyWhenSame(t *testing.T) {
	c := connectT(t, plainConfig(t))
	ctx := testCtx(t)
	read := func(query string) (*aiomysql.Rows, []string, []any) {
		t.Helper()
		rows, err := c.Query(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		var types []string
		for _, ct := range rows.ColumnTypes() {
			types = append(types, ct.DatabaseTypeName)
		}
		if !rows.Next() {
			t.Fatal(query, rows.Err())
		}
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		if rows.Next() || rows.Err() != nil {
			t.Fatal(query, "more than one row", rows.Err())
		}
		return rows, types, vals
	}
	first, types1, vals1 := read("SELECT 1 AS a, 'x' AS b")
	_, types2, vals2 := read("SELECT 'y' AS a, 2.5 AS b")
	_, _, vals3 := read("SELECT 3 AS c, 4 AS d")
	again, types4, vals4 := read("SELECT 1 AS a, 'x' AS b")
	if fmt.Sprint(types1, vals1) != fmt.Sprint(types4, vals4) || fmt.Sprint(types1) == fmt.Sprint(types2) {
		t.Errorf("types and values: %v %v, then %v %v, then again %v %v", types1, vals1, types2, vals2, types4, vals4)
	}
	if fmt.Sprint(vals2) != "[y 2.5]" || fmt.Sprint(vals3) != "[3 4]" {
		t.Errorf("values %v and %v, want [y 2.5] and [3 4]", vals2, vals3)
	}
	if got := fmt.Sprint(first.Columns(), again.Columns()); got != "[a b] [a b]" {
		t.Errorf("names of the ended Rows: %s", got)
	}
	var a, b any
	if err := first.Scan(&a, &b); err == nil {
		t.Errorf("Scan on Rows that ended: %v %v, want an error", a, b)
	}
	if v, err := first.Value(0); err == nil {
		t.Errorf("Value on Rows that ended: %v, want an error", v)
	}
}
