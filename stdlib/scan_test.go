package stdlib_test

import (
	"database/sql"
	"testing"
	"time"
)

// TestScanDestinations scans each column type into the typed destinations
// database/sql users write, in the text and the binary protocol: the same
// results before Go 1.27 (Next) and with driver.RowsColumnScanner.
func TestScanDestinations(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "parseTime=true")
	q := "SELECT CAST(-7 AS SIGNED), CAST(250 AS UNSIGNED), 2.5e0, 'txt', CAST(1.50 AS DECIMAL(5,2)), " +
		"TIMESTAMP '2024-02-03 04:05:06', x'00ff', NULL, DATE '2024-02-03'"
	for _, args := range [][]any{nil, {1}} {
		query := q
		if args != nil {
			query += ", ?"
		}
		var (
			i8    int8
			u     uint16
			f     float64
			s     string
			dec   string
			ts    time.Time
			b     []byte
			ns    sql.NullString
			dtext string
			extra any
		)
		dest := []any{&i8, &u, &f, &s, &dec, &ts, &b, &ns, &dtext}
		if args != nil {
			dest = append(dest, &extra)
		}
		if err := db.QueryRowContext(ctx, query, args...).Scan(dest...); err != nil {
			t.Fatalf("args %v: %v", args, err)
		}
		if i8 != -7 || u != 250 || f != 2.5 || s != "txt" || dec != "1.50" ||
			!ts.Equal(time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)) || string(b) != "\x00\xff" || ns.Valid ||
			dtext != "2024-02-03T00:00:00Z" { // database/sql formats a time.Time as RFC 3339
			t.Errorf("args %v: %v %v %v %q %q %v %q %v %q", args, i8, u, f, s, dec, ts, b, ns, dtext)
		}
	}
	var small int8
	err := db.QueryRowContext(ctx, "SELECT 300").Scan(&small)
	if err == nil {
		t.Error("300 scanned into int8")
	}
}
