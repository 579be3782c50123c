//go:build go1.27

package stdlib_test

import (
	"testing"
)

// TestColumnScannerNoBoxing: on Go 1.27 database/sql scans through
// driver.RowsColumnScanner, so reading a row of integers into typed
// destinations allocates nothing per row (Next would box every value and
// make a slice per row).
func TestColumnScannerNoBoxing(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	const n = 1000
	rows, err := db.QueryContext(ctx, "SELECT seq, seq * 2, seq * 3, seq * 4 FROM seq_1_to_1000")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var a, b, c, d int64
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
	if err := rows.Err(); err != nil || read != n || d != 4*n {
		t.Fatalf("read %d rows, last %d, %v", read, d, err)
	}
	if perRow >= 0.5 {
		t.Errorf("%.2f allocations per row, want none", perRow)
	}
}
