//go:build !go1.27

package stdlib_test

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// TestNextAllocationBudget: before Go 1.27, database/sql reads a row
// through driver.Rows.Next, so each value is boxed in an interface (one
// allocation for an integer over 255, or a slice); the driver adds nothing
// of its own: no slice per row, no copy of a value, no second boxing of an
// unsigned integer turned int64.
func TestNextAllocationBudget(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	const n = 1000
	rows, err := db.QueryContext(ctx, "SELECT seq + 1000, CAST(seq AS SIGNED) * 2 + 1000, CONCAT('v', seq), seq * 4 + 1000 FROM seq_1_to_1000")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var a, b, d int64
	var c sql.RawBytes
	read := 0
	// AllocsPerRun calls the function once more than it counts: n rows.
	perRow := testing.AllocsPerRun(n-1, func() {
		if !rows.Next() {
			t.Fatal("result ended early")
		}
		if err := rows.Scan(&a, &b, &c, &d); err != nil {
			t.Fatal(err)
		}
		read++
	})
	if rows.Next() {
		t.Fatal("more rows than expected")
	}
	if err := rows.Err(); err != nil || read != n || d != 4*n+1000 || a != n+1000 || b != 2*n+1000 {
		t.Fatalf("read %d rows, last %d, %v", read, d, err)
	}
	t.Logf("%.2f allocations per row of 3 integers and a string", perRow)
	if perRow > 4.05 {
		t.Errorf("%.2f allocations per row, want at most 4 (one per boxed value)", perRow)
	}
}

// TestNextAllocationBudgetBinary: the same budget for the binary protocol
// (a prepared statement, parseTime): an INT, a BIGINT, a DOUBLE and a
// DATETIME cost one boxing each, not a natural value boxed and then boxed
// again as go-sql-driver's type.
func TestNextAllocationBudgetBinary(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "parseTime=true")
	db.SetMaxOpenConns(1)
	const n = 1000
	if _, err := db.ExecContext(ctx, "CREATE OR REPLACE TABLE alloc_bin (i INT, b BIGINT, f DOUBLE, t DATETIME(6))"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.ExecContext(context.Background(), "DROP TABLE IF EXISTS alloc_bin") })
	if _, err := db.ExecContext(ctx, "INSERT INTO alloc_bin SELECT seq + 1000, seq * 2 + 1000, seq * 1.5, '2026-01-02 03:04:05.123456' + INTERVAL seq SECOND FROM seq_1_to_1000"); err != nil {
		t.Fatal(err)
	}
	st, err := db.PrepareContext(ctx, "SELECT i, b, f, t FROM alloc_bin WHERE i > ? ORDER BY i")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.QueryContext(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var i, b int64
	var f float64
	var ts time.Time
	read := 0
	perRow := testing.AllocsPerRun(n-1, func() {
		if !rows.Next() {
			t.Fatal("result ended early")
		}
		if err := rows.Scan(&i, &b, &f, &ts); err != nil {
			t.Fatal(err)
		}
		read++
	})
	if rows.Next() {
		t.Fatal("more rows than expected")
	}
	want := time.Date(2026, 1, 2, 3, 4, 5+n, 123456000, time.UTC)
	if err := rows.Err(); err != nil || read != n || i != n+1000 || b != 2*n+1000 || f != 1.5*n || !ts.Equal(want) {
		t.Fatalf("read %d rows, last %d %d %v %v, %v", read, i, b, f, ts, err)
	}
	t.Logf("%.2f allocations per binary row of an INT, a BIGINT, a DOUBLE and a DATETIME", perRow)
	if perRow > 4.05 {
		t.Errorf("%.2f allocations per row, want at most 4 (one per boxed value)", perRow)
	}
}
