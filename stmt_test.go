package aiomysql_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestStmtTextAndBinaryAgree: the same rows read through the text protocol
// (Query) and the binary protocol (a prepared statement) give the same Go
// values.
func TestStmtTextAndBinaryAgree(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c,
		"DROP TABLE IF EXISTS stmt_types",
		`CREATE TABLE stmt_types (
			i8 TINYINT, u8 TINYINT UNSIGNED, i16 SMALLINT, i24 MEDIUMINT, i32 INT, u32 INT UNSIGNED,
			i64 BIGINT, u64 BIGINT UNSIGNED, f FLOAT, d DOUBLE, dm DECIMAL(20,6), b BIT(10),
			dt DATE, dtm DATETIME(6), ts TIMESTAMP(3) NULL, tm TIME(6), y YEAR,
			s VARCHAR(20), bin VARBINARY(20), tx TEXT, bl BLOB, e ENUM('a','b'), st SET('x','y'), j JSON)`,
		`INSERT INTO stmt_types VALUES
			(-128, 255, -32768, -8388608, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,
			 1.5, -2.25e300, '-12345678901234.123456', b'1010101010', '1000-01-01', '9999-12-31 23:59:59.999999',
			 '2038-01-19 03:14:07.123', '-838:59:59.000000', 1901, 'héllo', x'00ff', 'text', x'01', 'b', 'x,y', '{"a": [1, null]}'),
			(127, 0, 32767, 8388607, 2147483647, 0, 9223372036854775807, 0,
			 0, 0, '0.000001', b'0', '2024-02-29', '1970-01-01 00:00:00', NULL, '838:59:59.999999', 2155,
			 '', '', '', '', 'a', '', 'null'),
			(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			 NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`)
	read := func(rows *aiomysql.Rows, err error) [][]any {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out [][]any
		for rows.Next() {
			v, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	const q = "SELECT * FROM stmt_types WHERE ? = ? ORDER BY i8 IS NULL, i8"
	text := read(c.Query(ctx, q, aiomysql.QueryExecModeText, 1, 1))
	st, err := c.Prepare(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.ParamCount() != 2 || len(st.Columns()) != 24 {
		t.Fatalf("ParamCount %d, %d columns", st.ParamCount(), len(st.Columns()))
	}
	binary := read(st.Query(ctx, 1, 1))
	if len(text) != 3 || len(binary) != 3 {
		t.Fatalf("%d text rows, %d binary rows; want 3 each", len(text), len(binary))
	}
	names := st.Columns()
	for r := range text {
		for i := range text[r] {
			if !reflect.DeepEqual(text[r][i], binary[r][i]) {
				t.Errorf("row %d column %s: text %#v, binary %#v", r, names[i].Name, text[r][i], binary[r][i])
			}
		}
	}
}

// TestStmtExecAndArguments: a prepared INSERT runs with arguments of many
// Go types, repeatedly, and the values read back are the ones sent.
func TestStmtExecAndArguments(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS stmt_args",
		"CREATE TABLE stmt_args (id INT PRIMARY KEY, n BIGINT, u BIGINT UNSIGNED, f DOUBLE, s VARCHAR(50), b VARBINARY(50), t DATETIME(6), d TIME(6))")
	ins, err := c.Prepare(ctx, "INSERT INTO stmt_args VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2024, 3, 31, 2, 30, 0, 123456000, time.UTC)
	for i := range 3 {
		var s any = "it's \\ \"quoted\""
		if i == 1 {
			s = nil // a NULL: the types are sent again
		}
		res, err := ins.Exec(ctx, i, int64(-1)<<62, uint64(1)<<63, 0.5, s, []byte{0, 1, 2}, when, -90*time.Minute)
		if err != nil {
			t.Fatalf("Exec %d: %v", i, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("Exec %d affected %d rows", i, n)
		}
	}
	if err := ins.Close(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Prepare(ctx, "SELECT n, u, f, s, b, t, d FROM stmt_args WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	defer sel.Close()
	var (
		n    int64
		u    uint64
		f    float64
		s    *string
		b    []byte
		tm   time.Time
		d    time.Duration
		want = "it's \\ \"quoted\""
	)
	for i := range 3 {
		if err := sel.QueryRow(ctx, i).Scan(&n, &u, &f, &s, &b, &tm, &d); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if n != int64(-1)<<62 || u != uint64(1)<<63 || f != 0.5 || string(b) != "\x00\x01\x02" || !tm.Equal(when) || d != -90*time.Minute {
			t.Errorf("row %d: %d %d %v %q %v %v", i, n, u, f, b, tm, d)
		}
		if (i == 1) != (s == nil) || (s != nil && *s != want) {
			t.Errorf("row %d: s = %v", i, s)
		}
	}
	if err := sel.QueryRow(ctx, 99).Scan(&n, &u, &f, &s, &b, &tm, &d); !errors.Is(err, aiomysql.ErrNoRows) {
		t.Errorf("no row: %v, want ErrNoRows", err)
	}
	// The closed INSERT statement is gone from the server: the close went
	// out with a later command.
	var open int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM information_schema.SESSION_STATUS WHERE VARIABLE_NAME = 'Com_stmt_close' AND VARIABLE_VALUE > 0").Scan(&open); err != nil || open != 1 {
		t.Errorf("Com_stmt_close not counted: %d, %v", open, err)
	}
	if _, err := sel.Exec(ctx); err == nil {
		t.Error("Exec with too few arguments succeeded")
	}
}
