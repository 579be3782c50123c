package stdlib_test

import (
	"database/sql"
	"testing"
)

// TestSliceAndNamedArgs: a slice is an IN list and sql.Named fills @name,
// in the default (prepared) mode and with interpolateParams.
func TestSliceAndNamedArgs(t *testing.T) {
	ctx := testCtx(t)
	for _, params := range []string{"", "interpolateParams=true"} {
		db := openDB(t, params)
		var n int
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM seq_1_to_10 WHERE seq IN ?", []int{2, 3, 11}).Scan(&n); err != nil || n != 2 {
			t.Errorf("%s: IN list count = %d, %v; want 2", params, n, err)
		}
		var s string
		if err := db.QueryRowContext(ctx, "SELECT CONCAT(@a, @b)", sql.Named("b", "y"), sql.Named("a", "x")).Scan(&s); err != nil || s != "xy" {
			t.Errorf("%s: named = %q, %v; want xy", params, s, err)
		}
		if _, err := db.ExecContext(ctx, "SELECT ?, @a", 1, sql.Named("a", 2)); err == nil {
			t.Errorf("%s: mixed named and positional arguments accepted", params)
		}
	}
}
