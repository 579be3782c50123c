package dbsql_test

import (
	"database/sql"
	"slices"
	"testing"
	"time"
)

// TestProgramParseTime reads DATETIMEs with parseTime=true&loc=Europe/Paris:
// into time.Time in that location, the wall clock as stored; a time.Time
// written in UTC is stored as its wall clock in Paris and reads back as the
// same instant.
func TestProgramParseTime(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	both(t, func(t *testing.T, d driverCase) []string {
		ctx := testContext(t)
		db := open(t, d, "parseTime=true&loc=Europe%2FParis")
		exec(t, db, "DROP TABLE IF EXISTS program_times",
			"CREATE TABLE program_times (id INT PRIMARY KEY, at DATETIME(3) NULL)",
			"INSERT INTO program_times VALUES (1, '2024-07-01 12:34:56.789'), (2, NULL)")
		written := time.Date(2024, 1, 15, 9, 0, 0, 0, time.UTC) // 10:00 in Paris
		if _, err := db.ExecContext(ctx, "INSERT INTO program_times VALUES (3, ?)", written); err != nil {
			t.Fatalf("INSERT of a time.Time: %v", err)
		}
		var out []string
		rows, err := db.QueryContext(ctx, "SELECT at, CAST(at AS CHAR) FROM program_times ORDER BY id")
		if err != nil {
			t.Fatalf("SELECT: %v", err)
		}
		defer rows.Close()
		for rows.Next() {
			var at sql.NullTime
			var text sql.NullString
			if err := rows.Scan(&at, &text); err != nil {
				t.Fatalf("Scan: %v", err)
			}
			if at.Valid && at.Time.Location().String() != paris.String() {
				t.Errorf("%v is in %v, want %v", at.Time, at.Time.Location(), paris)
			}
			out = append(out, at.Time.Format(time.RFC3339Nano)+" "+text.String)
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("rows.Err: %v", err)
		}
		want := []string{
			"2024-07-01T12:34:56.789+02:00 2024-07-01 12:34:56.789",
			"0001-01-01T00:00:00Z ",
			"2024-01-15T10:00:00+01:00 2024-01-15 10:00:00.000",
		}
		if !slices.Equal(out, want) {
			t.Errorf("read %q, want %q", out, want)
		}
		return out
	})
}

// TestProgramRawBytes scans into sql.RawBytes (valid until the next Next)
// and copies the bytes, as a go-sql-driver program does, NULL included.
func TestProgramRawBytes(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) [][]byte {
		db := open(t, d, "")
		rows, err := db.QueryContext(testContext(t), "SELECT 'abc', NULL, 42, x'00ff' UNION ALL SELECT 'de', '', -1, x''")
		if err != nil {
			t.Fatalf("SELECT: %v", err)
		}
		defer rows.Close()
		var out [][]byte
		for rows.Next() {
			var a, b, c, e sql.RawBytes
			if err := rows.Scan(&a, &b, &c, &e); err != nil {
				t.Fatalf("Scan: %v", err)
			}
			for _, v := range []sql.RawBytes{a, b, c, e} {
				if v == nil {
					out = append(out, nil)
				} else {
					out = append(out, append([]byte{}, v...))
				}
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("rows.Err: %v", err)
		}
		want := [][]byte{[]byte("abc"), nil, []byte("42"), {0, 0xff}, []byte("de"), {}, []byte("-1"), {}}
		if len(out) != len(want) {
			t.Fatalf("read %q, want %q", out, want)
		}
		for i := range want {
			if string(out[i]) != string(want[i]) || (out[i] == nil) != (want[i] == nil) {
				t.Errorf("value %d = %q (nil %v), want %q (nil %v)", i, out[i], out[i] == nil, want[i], want[i] == nil)
			}
		}
		return out
	})
}

// TestProgramColumnsWithAlias names columns "table.column" with
// columnsWithAlias=true, by the alias the query gives the table.
func TestProgramColumnsWithAlias(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		db := open(t, d, "columnsWithAlias=true")
		exec(t, db, "DROP TABLE IF EXISTS program_alias",
			"CREATE TABLE program_alias (id INT, col VARCHAR(5))", "INSERT INTO program_alias VALUES (1, 'x')")
		rows, err := db.QueryContext(testContext(t), "SELECT t.id, t.col, 7 AS seven FROM program_alias AS t")
		if err != nil {
			t.Fatalf("SELECT: %v", err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			t.Fatalf("Columns: %v", err)
		}
		if want := []string{"t.id", "t.col", "seven"}; !slices.Equal(cols, want) {
			t.Errorf("Columns = %q, want %q", cols, want)
		}
		return cols
	})
}

// TestProgramClientFoundRows counts the rows an UPDATE matched, not those it
// changed, with clientFoundRows=true; without it an UPDATE that changes
// nothing reports 0.
func TestProgramClientFoundRows(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []int64 {
		var out []int64
		for _, params := range []string{"clientFoundRows=true", ""} {
			db := open(t, d, params)
			exec(t, db, "DROP TABLE IF EXISTS program_found",
				"CREATE TABLE program_found (id INT PRIMARY KEY, v INT)", "INSERT INTO program_found VALUES (1, 5)")
			res, err := db.ExecContext(testContext(t), "UPDATE program_found SET v = 5 WHERE id = 1")
			if err != nil {
				t.Fatalf("UPDATE (%q): %v", params, err)
			}
			out = append(out, affected(t, res))
		}
		if out[0] != 1 || out[1] != 0 {
			t.Errorf("an UPDATE changing nothing reported %d rows with clientFoundRows=true and %d without, want 1 and 0", out[0], out[1])
		}
		return out
	})
}
