package stdlib_test

import (
	"strings"
	"testing"
)

// TestCompressParam: compress=true, as with go-sql-driver/mysql, gives a
// session the server reports as compressed, and results come back whole.
func TestCompressParam(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "compress=true")
	var name, on string
	if err := db.QueryRowContext(ctx, "SHOW SESSION STATUS LIKE 'Compression'").Scan(&name, &on); err != nil || on != "ON" {
		t.Fatalf("Compression = %q, %v; want ON", on, err)
	}
	var s string
	if err := db.QueryRowContext(ctx, "SELECT REPEAT(?, 100000)", "ab").Scan(&s); err != nil || s != strings.Repeat("ab", 100000) {
		t.Fatalf("%d bytes, %v", len(s), err)
	}
}
