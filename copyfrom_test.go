package aiomysql_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// copyTypesDDL is a table with a column of each kind CopyFrom must write
// exactly.
const copyTypesDDL = ` (
	id INT PRIMARY KEY,
	i8 TINYINT, u64 BIGINT UNSIGNED, i64 BIGINT,
	f DOUBLE, f32 FLOAT, d DECIMAL(20,6),
	s VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, t TEXT CHARACTER SET utf8mb4,
	vb VARBINARY(300), bl BLOB,
	dt DATETIME(6), tm TIME(6), dte DATE,
	b BOOL, j JSON, e ENUM('a','b\tc'), n VARCHAR(10) NULL
)`

// copyTypesColumns are copyTypesDDL's columns, in order.
var copyTypesColumns = []string{"id", "i8", "u64", "i64", "f", "f32", "d", "s", "t", "vb", "bl", "dt", "tm", "dte", "b", "j", "e", "n"}

type (
	copyStr string
	copyInt int16
)

// copyTypesRows are rows at the edges of what the file format must escape.
func copyTypesRows() [][]any {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	if paris == nil {
		paris = time.FixedZone("UTC+2", 2*3600)
	}
	strs := []string{"", "N", `\N`, `\`, "a\tb\nc\r\nd", "\x00nul\x00", "emoji 😀 𝄞 and 中文", `trailing\`,
		"\x1a ctrl-z", "quotes ' \" `", "tab at end\t", "\n", `\\N`, "NULL"}
	bins := [][]byte{{}, {0}, {0xff, 0xfe, 0x00, 0x5c, 0x09, 0x0a, 0x0d, 0x1a}, {0xc3, 0x28}, {0xf0, 0x9f}, {0x5c, 0x4e}, all}
	times := []time.Time{
		time.Date(2024, 2, 29, 23, 59, 59, 123456000, time.UTC),
		time.Date(1999, 12, 31, 0, 0, 0, 999999999, time.UTC), // sub-microsecond part dropped
		time.Date(2024, 7, 1, 12, 0, 0, 500000, paris),        // written in Location (UTC)
		time.Date(1000, 1, 1, 0, 0, 0, 1000, time.UTC),
	}
	durs := []time.Duration{0, 25*time.Hour + 30*time.Minute + 1500*time.Millisecond, -time.Second - time.Microsecond, 838*time.Hour + 59*time.Minute + 59*time.Second}
	floats := []float64{0.1, -1e300, 5e-324, math.MaxFloat64, 0, 1.0 / 3, -2.5}
	decs := []any{"12345678901234.123456", "-0.000001", 0.1, "0", int64(-99999999999999)}
	var rows [][]any
	for i := range 28 {
		var n any
		if i%2 == 0 {
			n = fmt.Sprintf("n%d", i)
		}
		rows = append(rows, []any{
			i,
			int8(-128 + i),
			uint64(math.MaxUint64 - uint64(i)),
			int64(math.MinInt64 + int64(i)),
			floats[i%len(floats)],
			float32(3.25),
			decs[i%len(decs)],
			strs[i%len(strs)],
			copyStr(strs[(i+3)%len(strs)]),
			bins[i%len(bins)],
			bins[(i+1)%len(bins)],
			times[i%len(times)],
			durs[i%len(durs)],
			time.Date(2000+i, time.Month(1+i%12), 1+i, 0, 0, 0, 0, time.UTC),
			i%3 == 0,
			json.RawMessage(`{"k": "v\tw\\x", "n": [1, 2]}`),
			[]string{"a", "b\tc"}[i%2],
			n,
		})
	}
	// The ways to say NULL, and values behind pointers and Valuers.
	s, ci, day := "pointer\tvalue", copyInt(-7), time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	rows = append(rows,
		[]any{100, nil, nil, nil, nil, nil, nil, nil, nil, nil, []byte(nil), nil, nil, nil, nil, nil, nil, nil},
		[]any{101, (*int8)(nil), sql.NullInt64{}, (*int64)(nil), sql.NullFloat64{}, nil, sql.NullString{}, (*string)(nil),
			sql.NullString{}, []byte(nil), json.RawMessage(nil), sql.NullTime{}, nil, (*time.Time)(nil), sql.NullBool{}, nil, nil, nil},
		[]any{102, &ci, sql.NullInt64{Valid: true, Int64: 7}, ci, sql.NullFloat64{Valid: true, Float64: 1.5}, float32(-0.5),
			sql.NullString{Valid: true, String: "1.5"}, &s, sql.NullString{Valid: true, String: "v\\alue"}, []byte("x"),
			[4]byte{1, 0, '\\', '\n'}, sql.NullTime{Valid: true, Time: times[0]}, time.Duration(0), &day, sql.NullBool{Valid: true, Bool: true},
			nil, nil, copyStr("")},
	)
	return rows
}

// TestCopyFromValuesExact: every kind of value lands as Exec with the same
// arguments puts it (a prepared INSERT, sent in the binary protocol), and
// strings and bytes land byte for byte, by LOAD DATA and by the INSERT
// fallback.
func TestCopyFromValuesExact(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, admin, "DROP TABLE IF EXISTS cf_ref", "CREATE TABLE cf_ref"+copyTypesDDL)
	t.Cleanup(func() { mustExecAll(t, admin, "DROP TABLE IF EXISTS cf_ref", "DROP TABLE IF EXISTS cf_copy") })
	rows := copyTypesRows()
	insert := "INSERT INTO cf_ref VALUES (?" + strings.Repeat(", ?", len(copyTypesColumns)-1) + ")"
	for _, row := range rows {
		if _, err := admin.Exec(ctx, insert, row...); err != nil {
			t.Fatalf("reference row %v: %v", row[0], err)
		}
	}
	for _, local := range []bool{true, false} {
		t.Run(map[bool]string{true: "LOAD DATA", false: "INSERT"}[local], func(t *testing.T) {
			c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.LocalInfile = local })
			mustExecAll(t, c, "DROP TABLE IF EXISTS cf_copy", "CREATE TABLE cf_copy"+copyTypesDDL)
			res, err := c.CopyFrom(ctx, "cf_copy", copyTypesColumns, aiomysql.CopyFromRows(rows))
			if err != nil {
				t.Fatal(err)
			}
			if res.LocalInfile != local {
				t.Errorf("LocalInfile = %v, want %v", res.LocalInfile, local)
			}
			if res.Rows != int64(len(rows)) || res.Sent != int64(len(rows)) {
				t.Errorf("rows %d, sent %d, want %d", res.Rows, res.Sent, len(rows))
			}
			if res.Warnings != 0 {
				t.Errorf("%d warnings: %v", res.Warnings, showWarnings(t, c))
			}
			compareTables(t, c, "cf_ref", "cf_copy", copyTypesColumns, len(rows))
			checkBytesExact(t, c, "cf_copy", rows, map[string]int{"s": 7, "t": 8, "vb": 9, "bl": 10})
		})
	}
}

// compareTables checks that a and b hold the same rows (by id), column by
// column, exactly (as binary strings too, so no collation hides a
// difference), and that their CHECKSUM TABLE agree.
func compareTables(t *testing.T, c *aiomysql.Conn, a, b string, columns []string, n int) {
	t.Helper()
	checkRows(t, c, "SELECT COUNT(*) FROM "+a, int64(n))
	checkRows(t, c, "SELECT COUNT(*) FROM "+b, int64(n))
	for _, col := range columns[1:] {
		q := fmt.Sprintf("SELECT COUNT(*) FROM %s x JOIN %s y USING (id) WHERE NOT (x.%s <=> y.%s AND BINARY x.%[3]s <=> BINARY y.%[3]s)", a, b, col, col)
		var bad int64
		if err := c.QueryRow(testCtx(t), q).Scan(&bad); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if bad != 0 {
			var id int64
			var x, y sql.NullString
			q := fmt.Sprintf("SELECT id, HEX(x.%s), HEX(y.%s) FROM %s x JOIN %s y USING (id) WHERE NOT (x.%[1]s <=> y.%[1]s AND BINARY x.%[1]s <=> BINARY y.%[1]s) LIMIT 1", col, col, a, b)
			_ = c.QueryRow(testCtx(t), q).Scan(&id, &x, &y)
			t.Errorf("column %s differs in %d rows; first id %d: %s has %v, %s has %v", col, bad, id, a, x, b, y)
		}
	}
	if ca, cb := checksum(t, c, a), checksum(t, c, b); ca != cb {
		t.Errorf("CHECKSUM TABLE %s = %d, %s = %d", a, ca, b, cb)
	}
}

// checksum is CHECKSUM TABLE's figure for table.
func checksum(t *testing.T, c *aiomysql.Conn, table string) int64 {
	t.Helper()
	var name string
	var sum int64
	if err := c.QueryRow(testCtx(t), "CHECKSUM TABLE "+table).Scan(&name, &sum); err != nil {
		t.Fatalf("CHECKSUM TABLE %s: %v", table, err)
	}
	return sum
}

// checkBytesExact reads the string and byte columns back (named, with their
// index in the rows) and compares them byte for byte with what was given.
func checkBytesExact(t *testing.T, c *aiomysql.Conn, table string, rows [][]any, cols map[string]int) {
	t.Helper()
	for col, i := range cols {
		for _, row := range rows {
			want, ok := bytesOf(row[i])
			if !ok {
				continue
			}
			var got []byte
			if err := c.QueryRow(testCtx(t), "SELECT "+col+" FROM "+table+" WHERE id = ?", row[0]).Scan(&got); err != nil {
				t.Fatalf("row %v column %s: %v", row[0], col, err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("row %v column %s = %q, want %q", row[0], col, got, want)
			}
		}
	}
}

// bytesOf is the bytes a string or byte value stands for.
func bytesOf(v any) ([]byte, bool) {
	switch x := v.(type) {
	case string:
		return []byte(x), true
	case copyStr:
		return []byte(x), true
	case []byte:
		return x, x != nil
	}
	return nil, false
}

// showWarnings lists the session's warnings, for a failure message.
func showWarnings(t *testing.T, c *aiomysql.Conn) [][]any {
	t.Helper()
	rows, err := c.Query(testCtx(t), "SHOW WARNINGS")
	if err != nil {
		t.Fatal(err)
	}
	var out [][]any
	for rows.Next() {
		v, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	_ = rows.Close()
	return out
}

// errSource is the error the failing sources give.
var errSource = errors.New("the source failed")

// TestCopyFromLocation: times are written in Config.Location and cut by
// Config.TimeTruncate, as the text protocol writes arguments.
func TestCopyFromLocation(t *testing.T) {
	tokyo := time.FixedZone("JST", 9*3600)
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local, func(cfg *aiomysql.Config) { cfg.Location, cfg.TimeTruncate = tokyo, time.Millisecond })
			mustExecAll(t, c, "DROP TABLE IF EXISTS cf_loc", "CREATE TABLE cf_loc (id INT PRIMARY KEY, dt DATETIME(6))")
			t.Cleanup(func() { mustExec(t, rootConn(t), "DROP TABLE IF EXISTS cf_loc") })
			when := time.Date(2024, 1, 1, 0, 0, 0, 123456789, time.UTC)
			if _, err := c.CopyFrom(testCtx(t), "cf_loc", []string{"id", "dt"}, aiomysql.CopyFromRows([][]any{{1, when}})); err != nil {
				t.Fatal(err)
			}
			var got string
			if err := c.QueryRow(testCtx(t), "SELECT CAST(dt AS CHAR) FROM cf_loc").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if want := "2024-01-01 09:00:00.123000"; got != want {
				t.Errorf("stored %s, want %s", got, want)
			}
		})
	}
}
