package aiomysql_test

import (
	"context"
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
	if exec > 2 {
		t.Errorf("Exec(DO 1) allocates %.0f times, budget 2", exec)
	}
	if queryRow > 5 {
		t.Errorf("QueryRow(SELECT ?).Scan allocates %.0f times, budget 5", queryRow)
	}
	if query > 6 {
		t.Errorf("Query(SELECT 1) + Scan allocates %.0f times, budget 6", query)
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
