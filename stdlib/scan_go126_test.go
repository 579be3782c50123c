//go:build !go1.27

package stdlib_test

import (
	"database/sql"
	"testing"
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
