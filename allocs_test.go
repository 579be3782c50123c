package aiomysql_test

import (
	"context"
	"testing"
)

// The hot path of a command allocates little: no per-command closures, no
// deadline bookkeeping without a deadline. Budgets are upper bounds that a
// regression would cross.
func TestCommandAllocations(t *testing.T) {
	c := connectT(t, plainConfig(t))
	ctx := context.Background()
	exec := testing.AllocsPerRun(200, func() {
		if _, err := c.Exec(ctx, "DO 1"); err != nil {
			t.Fatal(err)
		}
	})
	var v int64
	query := testing.AllocsPerRun(200, func() {
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
	t.Logf("allocations: Exec %.0f, Query+Scan %.0f", exec, query)
	if exec > 3 {
		t.Errorf("Exec(DO 1) allocates %.0f times, budget 3", exec)
	}
	if query > 8 {
		t.Errorf("Query(SELECT 1) + Scan allocates %.0f times, budget 8", query)
	}
}
