package aiomysql_test

import (
	"fmt"
	"testing"
	"time"
)

// TestExecManyThroughput measures rows per second for 100,000 rows (10,000
// with -short) by ExecMany (bulk), by ExecMany's and Cursor.ExecuteMany's
// multi-row rewrites, and, on a fiftieth of the rows (each is a commit of
// its own), by one Exec per row, and logs them. The one timing claim it
// makes is safe on any machine: bulk is not slower than one round trip per
// row.
func TestExecManyThroughput(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	c := rootConn(t)
	ctx := testCtx(t)
	rows := make([][]any, n)
	list := make([]any, n)
	for i := range rows {
		rows[i] = []any{i, fmt.Sprintf("name %d", i), float64(i) / 3}
		list[i] = rows[i]
	}
	reset := func() {
		mustExecAll(t, c, "DROP TABLE IF EXISTS emy_speed",
			"CREATE TABLE emy_speed (id INT PRIMARY KEY, name VARCHAR(40), f DOUBLE)")
	}
	rate := func(what string, rows int, run func() error) float64 {
		t.Helper()
		reset()
		start := time.Now()
		if err := run(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		d := time.Since(start)
		if got := queryScalar[int](t, c, "SELECT COUNT(*) FROM emy_speed"); got != rows {
			t.Fatalf("%s: %d rows arrived, want %d", what, got, rows)
		}
		r := float64(rows) / d.Seconds()
		t.Logf("%-32s %7d rows in %8v: %9.0f rows/s", what, rows, d.Round(time.Millisecond), r)
		return r
	}
	const q = "INSERT INTO emy_speed VALUES (?, ?, ?)"
	bulk := rate("ExecMany (bulk)", n, func() error {
		_, err := c.ExecMany(ctx, q, rows)
		return err
	})
	c.SetBulkForTest(false)
	rate("ExecMany (multi-row rewrite)", n, func() error {
		_, err := c.ExecMany(ctx, q, rows)
		return err
	})
	rate("Cursor.ExecuteMany (rewrite)", n, func() error {
		cur := c.Cursor()
		defer cur.Close()
		_, err := cur.ExecuteMany(ctx, "INSERT INTO emy_speed VALUES (%s, %s, %s)", list)
		return err
	})
	c.SetBulkForTest(true)
	perRow := rate("Exec per row", n/50, func() error {
		for _, r := range rows[:n/50] {
			if _, err := c.Exec(ctx, q, r...); err != nil {
				return err
			}
		}
		return nil
	})
	if bulk < perRow {
		t.Errorf("bulk %.0f rows/s is slower than one Exec per row, %.0f rows/s", bulk, perRow)
	}
}
