package dbsql_test

import (
	"fmt"
	"testing"
)

// TestProgramScanAny scans every column into an any, as generic code does
// (sqlx.MapScan, JSON encoders of query results): the Go type and value a
// driver hands over, through the text protocol (a query without arguments)
// and the binary protocol (with an argument, a server-side prepared
// statement), with parseTime=true and without.
func TestProgramScanAny(t *testing.T) {
	const query = "SELECT CAST(-7 AS SIGNED), CAST(7 AS UNSIGNED), 1.5e0, CAST(2.25 AS DECIMAL(5,2)), 'txt', x'0102', " +
		"CAST('2024-05-06 07:08:09.5' AS DATETIME(1)), CAST('2024-05-06' AS DATE), CAST('01:02:03' AS TIME), NULL, " +
		"CAST(1.5 AS FLOAT), CAST(3 AS INT)"
	both(t, func(t *testing.T, d driverCase) []string {
		var out []string
		for _, params := range []string{"", "parseTime=true"} {
			db := open(t, d, params)
			for _, args := range [][]any{nil, {1}} {
				q := query
				if args != nil {
					q += " WHERE ? = 1"
				}
				rows, err := db.QueryContext(testContext(t), q, args...)
				if err != nil {
					t.Fatalf("%q with %d args: %v", params, len(args), err)
				}
				vals := make([]any, 12)
				ptrs := make([]any, len(vals))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if !rows.Next() {
					t.Fatalf("no row: %v", rows.Err())
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatalf("Scan: %v", err)
				}
				rows.Close()
				line := fmt.Sprintf("%q args=%d:", params, len(args))
				for _, v := range vals {
					line += fmt.Sprintf(" %T(%v)", v, v)
				}
				out = append(out, line)
			}
		}
		want0 := `"" args=0: int64(-7) int64(7) float64(1.5) []uint8([50 46 50 53]) []uint8([116 120 116]) []uint8([1 2]) ` +
			`[]uint8([50 48 50 52 45 48 53 45 48 54 32 48 55 58 48 56 58 48 57 46 53]) []uint8([50 48 50 52 45 48 53 45 48 54]) ` +
			`[]uint8([48 49 58 48 50 58 48 51]) <nil>(<nil>) float32(1.5) int64(3)`
		if len(out) != 4 || out[0] != want0 {
			t.Errorf("the text protocol without parseTime gave\n%s\nwant\n%s", at(out, 0), want0)
		}
		return out
	})
}
