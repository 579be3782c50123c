package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// forCursorKinds runs test once per cursor kind in kinds (all four when
// none is given), each as a subtest with a connection from connect and a
// cursor of that kind on it, closed at the end.
func forCursorKinds(t *testing.T, connect func(*testing.T) *aiomysql.Conn,
	test func(t *testing.T, ctx context.Context, c *aiomysql.Conn, cur *anyCursor), kinds ...string) {
	t.Helper()
	for _, kind := range cursorKinds() {
		if len(kinds) > 0 && !slices.Contains(kinds, kind.name) {
			continue
		}
		t.Run(kind.name, func(t *testing.T) {
			c := connect(t)
			cur := kind.open(t, c)
			defer cur.close()
			test(t, testCtx(t), c, cur)
		})
	}
}

// partlyZeroTable makes pz_t, whose second and third rows hold dates with a
// zero month or day (stored under a permissive sql_mode), and returns the
// rows every cursor must give: the bad values as the server's text, as
// aiomysql does.
func partlyZeroTable(t *testing.T, c *aiomysql.Conn) [][]any {
	t.Helper()
	mustExecAll(t, c,
		"SET sql_mode = ''",
		"DROP TABLE IF EXISTS pz_t",
		"CREATE TABLE pz_t (id INT PRIMARY KEY, d DATE, dt DATETIME)",
		"INSERT INTO pz_t VALUES (1, '2024-01-02', '2024-01-02 03:04:05'),"+
			" (2, '2024-00-00', '2024-00-15 10:00:00'), (3, '2024-02-00', '2024-01-02 03:04:05'),"+
			" (4, '0000-00-00', '0000-00-00 00:00:00')")
	ok := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	okDT := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	return [][]any{
		{int64(1), ok, okDT},
		{int64(2), "2024-00-00", "2024-00-15 10:00:00"},
		{int64(3), "2024-02-00", okDT},
		{int64(4), time.Time{}, time.Time{}}, // ZeroDateZeroTime, the default policy
	}
}

func TestCursorPartlyZeroDate(t *testing.T) {
	forCursorKinds(t, rootConn, func(t *testing.T, ctx context.Context, c *aiomysql.Conn, cur *anyCursor) {
		want := partlyZeroTable(t, c)
		if _, err := cur.execute(ctx, "SELECT id, d, dt FROM pz_t ORDER BY id"); err != nil {
			t.Fatal(err)
		}
		got, err := cur.fetchAll(ctx)
		if err != nil || !sameRows(got, want) {
			t.Errorf("FetchAll = %#v, %v\nwant %#v", got, err, want)
		}
		if n := cur.rowCount(); n != int64(len(want)) {
			t.Errorf("RowCount = %d, want %d", n, len(want))
		}
	})
}

func TestRowsPartlyZeroDate(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	want := partlyZeroTable(t, c)
	rows, err := c.Query(ctx, "SELECT id, d, dt FROM pz_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got [][]any
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatalf("Values: %v", err)
		}
		got = append(got, vals)
	}
	if err := rows.Err(); err != nil || !sameRows(got, want) {
		t.Errorf("Values = %#v, %v\nwant %#v", got, err, want)
	}

	// Scan: the text into *string and *[]byte, a ScanError into *time.Time.
	var s string
	var b []byte
	if err := c.QueryRow(ctx, "SELECT d, dt FROM pz_t WHERE id = 2").Scan(&s, &b); err != nil ||
		s != "2024-00-00" || string(b) != "2024-00-15 10:00:00" {
		t.Errorf("Scan into *string, *[]byte = %q, %q, %v", s, b, err)
	}
	var tm time.Time
	err = c.QueryRow(ctx, "SELECT d FROM pz_t WHERE id = 2").Scan(&tm)
	var se *aiomysql.ScanError
	if !errors.As(err, &se) || !errors.Is(err, aiomysql.ErrInvalidDate) {
		t.Errorf("Scan into *time.Time = %v, want a ScanError matching ErrInvalidDate", err)
	}
	var a any
	if err := c.QueryRow(ctx, "SELECT dt FROM pz_t WHERE id = 2").Scan(&a); err != nil ||
		fmt.Sprintf("%#v", a) != `"2024-00-15 10:00:00"` {
		t.Errorf("Scan into *any = %#v, %v", a, err)
	}
}

// TestCursorRowCountNoResult checks aiomysql's rowcount where there is no
// result: -1 (PEP 249) before any execute and after one that never reached
// the server; 0, with no description, after the server refused one (aiomysql
// clears its result before sending).
func TestCursorRowCountNoResult(t *testing.T) {
	forCursorKinds(t, rootConn, func(t *testing.T, ctx context.Context, _ *aiomysql.Conn, cur *anyCursor) {
		if n := cur.rowCount(); n != -1 {
			t.Errorf("RowCount before any execute = %d, want -1", n)
		}
		for _, run := range []func() (int64, error){
			func() (int64, error) { return cur.execute(ctx, "SELECT %s, %s", 1) }, // fails interpolating
			func() (int64, error) { return cur.execute(ctx, "SELECT %d", 1) },
		} {
			if _, err := cur.execute(ctx, "SELECT 1 UNION SELECT 2"); err != nil {
				t.Fatal(err)
			}
			n, err := run()
			if err == nil {
				t.Fatal("the execute did not fail")
			}
			if n != -1 || cur.rowCount() != -1 || cur.desc() != nil || cur.lastRowID() != 0 {
				t.Errorf("after %v: Execute %d, RowCount %d, Description %v, LastRowID %d; want -1, -1, nil, 0",
					err, n, cur.rowCount(), cur.desc(), cur.lastRowID())
			}
		}
		if _, err := cur.execute(ctx, "SELECT 1 UNION SELECT 2"); err != nil {
			t.Fatal(err)
		}
		n, err := cur.execute(ctx, "SELEC 1") // the server refuses it
		var se *aiomysql.Error
		if !errors.As(err, &se) {
			t.Fatalf("Execute(SELEC 1) = %v, want a server error", err)
		}
		if n != 0 || cur.rowCount() != 0 || cur.desc() != nil {
			t.Errorf("after a server error: Execute %d, RowCount %d, Description %v; want 0, 0, nil",
				n, cur.rowCount(), cur.desc())
		}
	})
}

// TestCursorDescriptionClearedOnError checks that a buffered execute that
// fails in the middle of its rows leaves no description and no rows, as
// aiomysql's cleared result.
func TestCursorDescriptionClearedOnError(t *testing.T) {
	forCursorKinds(t, rootConn, func(t *testing.T, ctx context.Context, _ *aiomysql.Conn, cur *anyCursor) {
		if _, err := cur.execute(ctx, "SELECT 1 AS a"); err != nil {
			t.Fatal(err)
		}
		_, err := cur.execute(ctx, "SELECT seq, IF(seq = 500, (SELECT 1 UNION SELECT 2), 1) AS x FROM seq_1_to_1000")
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != 1242 {
			t.Fatalf("Execute = %v, want ERR 1242 mid-result", err)
		}
		if d := cur.desc(); d != nil {
			t.Errorf("Description after the failed execute = %v, want nil", d)
		}
		if n := cur.rowCount(); n != 0 {
			t.Errorf("RowCount after the failed execute = %d, want 0", n)
		}
		if rows, err := cur.fetchAll(ctx); len(rows) != 0 || err != nil {
			t.Errorf("FetchAll after the failed execute = %d rows, %v", len(rows), err)
		}
	}, "Cursor", "DictCursor") // the buffered ones
}

// TestCursorLastRowIDNextSet checks that moving to a result set forgets the
// previous result's insert id, on every cursor kind.
func TestCursorLastRowIDNextSet(t *testing.T) {
	connect := func(t *testing.T) *aiomysql.Conn {
		return rootConnWith(t, func(cfg *aiomysql.Config) { cfg.MultiStatements = true })
	}
	forCursorKinds(t, connect, func(t *testing.T, ctx context.Context, c *aiomysql.Conn, cur *anyCursor) {
		mustExecAll(t, c, "DROP TABLE IF EXISTS cur_ns",
			"CREATE TABLE cur_ns (id INT AUTO_INCREMENT PRIMARY KEY) AUTO_INCREMENT = 7")
		if _, err := cur.execute(ctx, "INSERT INTO cur_ns VALUES (); SELECT 1"); err != nil {
			t.Fatal(err)
		}
		if id := cur.lastRowID(); id != 7 {
			t.Fatalf("LastRowID of the INSERT = %d, want 7", id)
		}
		if more, err := cur.nextSet(ctx); !more || err != nil {
			t.Fatalf("NextSet = %v, %v", more, err)
		}
		if id := cur.lastRowID(); id != 0 {
			t.Errorf("LastRowID of the SELECT = %d, want 0", id)
		}
		if _, err := cur.fetchAll(ctx); err != nil {
			t.Fatal(err)
		}
		if id := cur.lastRowID(); id != 0 {
			t.Errorf("LastRowID of the SELECT once read = %d, want 0", id)
		}
	})
}

// TestCursorPercentInString checks what the server receives for %% and for
// placeholders inside strings, as aiomysql sends them: with args, Python's %
// over the whole text; without, the text as written.
func TestCursorPercentInString(t *testing.T) {
	forCursorKinds(t, rootConn, func(t *testing.T, ctx context.Context, _ *aiomysql.Conn, cur *anyCursor) {
		for _, tc := range []struct {
			query string
			args  []any
			want  []any
		}{
			{"SELECT '100%%', %s", []any{"x"}, []any{"100%", "x"}},
			{"SELECT '100%%' /* %% */, `a%%b`.x FROM (SELECT %s AS x) AS `a%%b`", []any{1}, []any{"100%", int64(1)}},
			{"SELECT 'n=%s', %s", []any{5, "y"}, []any{"n=5", "y"}},
			{"SELECT '%(a)s%%', %(a)s", []any{aiomysql.NamedArgs{"a": 7}}, []any{"7%", int64(7)}},
			{"SELECT '100%%'", nil, []any{"100%%"}},
		} {
			if _, err := cur.execute(ctx, tc.query, tc.args...); err != nil {
				t.Fatalf("%s: %v", tc.query, err)
			}
			got, err := cur.fetchAll(ctx)
			if err != nil || !sameRows(got, [][]any{tc.want}) {
				t.Errorf("%s with %v = %#v, %v; want %#v", tc.query, tc.args, got, err, tc.want)
			}
		}
	})
}
