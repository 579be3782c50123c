package aiomysql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestQueryRowReusesItsRows: the connection reuses the Rows behind QueryRow,
// and a Row scanned after the next QueryRow says so instead of reading the
// other query's row.
func TestQueryRowReusesItsRows(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	var a, b int
	r1 := c.QueryRow(ctx, "SELECT 1")
	r2 := c.QueryRow(ctx, "SELECT 2") // r1's result is still open
	if err := r2.Scan(&b); !errors.Is(err, aiomysql.ErrBusy) {
		t.Fatalf("second QueryRow while the first is unread: Scan = %v, want ErrBusy", err)
	}
	if err := r1.Scan(&a); err != nil || a != 1 {
		t.Fatalf("first Row: %d, %v", a, err)
	}
	r3 := c.QueryRow(ctx, "SELECT 3")
	if err := r1.Scan(&a); err == nil || a == 3 {
		t.Fatalf("first Row scanned again after the next QueryRow = %d, %v; want an error, not the next row", a, err)
	}
	if err := r3.Scan(&b); err != nil || b != 3 {
		t.Fatalf("third Row: %d, %v", b, err)
	}
}
