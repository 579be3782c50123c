package dbsql_test

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"testing"
	"time"
)

// upper is a driver.Valuer: it is sent as its upper-case string.
type upper string

// Value implements driver.Valuer.
func (u upper) Value() (driver.Value, error) { return fmt.Sprintf("%X", string(u)), nil }

// TestProgramArgs sends arguments of the Go types a go-sql-driver program
// passes (uint64 above math.MaxInt64, bool, small ints, float32, []byte,
// json.RawMessage, time.Time, nil, a driver.Valuer) through placeholders,
// with server-side prepared statements and with interpolateParams=true, and
// reads back what the server stored, as text.
func TestProgramArgs(t *testing.T) {
	args := []any{
		uint64(math.MaxUint64), true, int8(-8), uint16(65535), float32(0.5), 2.75,
		[]byte("raw\x00bytes"), json.RawMessage(`{"a":1}`), "it's \"quoted\" \\",
		time.Date(2024, 2, 29, 23, 59, 58, 123456000, time.UTC), nil, upper("ab"),
	}
	const query = "SELECT CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), " +
		"HEX(?), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR), CAST(? AS CHAR)"
	both(t, func(t *testing.T, d driverCase) []string {
		var out []string
		for _, params := range []string{"", "interpolateParams=true"} {
			db := open(t, d, params)
			vals := make([]*string, len(args))
			ptrs := make([]any, len(args))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := db.QueryRowContext(testContext(t), query, args...).Scan(ptrs...); err != nil {
				t.Fatalf("%q: %v", params, err)
			}
			line := fmt.Sprintf("%q:", params)
			for _, v := range vals {
				if v == nil {
					line += " NULL"
				} else {
					line += fmt.Sprintf(" %q", *v)
				}
			}
			out = append(out, line)
		}
		const values = ` "18446744073709551615" "1" "-8" "65535" "0.5" "2.75" "726177006279746573" "{\"a\":1}" "it's \"quoted\" \\" "2024-02-29 23:59:58.123456" NULL "6162"`
		want := []string{`"":` + values, `"interpolateParams=true":` + values}
		for i := range want {
			if at(out, i) != want[i] {
				t.Errorf("the server stored\n%s\nwant\n%s", at(out, i), want[i])
			}
		}
		return out
	})
}
