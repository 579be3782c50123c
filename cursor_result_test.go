package aiomysql_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

func TestCursorMogrify(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	cur := c.Cursor()
	defer cur.Close()
	type pair struct {
		A int    `db:"a"`
		B string `db:"b"`
	}
	cases := []struct {
		query string
		args  []any
		want  string
	}{
		{"SELECT %s, %s, 5 %% 3", []any{1, "it's"}, `SELECT 1, 'it''s', 5 % 3`},
		{"SELECT %s", []any{nil}, "SELECT NULL"},
		{"SELECT 5 %% 3", nil, "SELECT 5 %% 3"}, // no args: sent as written, as aiomysql does
		{"SELECT %(a)s, %(b)s, %(a)s", []any{aiomysql.NamedArgs{"a": 2, "b": "x"}}, "SELECT 2, 'x', 2"},
		{"SELECT %(a)s, %(b)s", []any{map[string]any{"a": 3, "b": "y"}}, "SELECT 3, 'y'"},
		{"SELECT %(a)s, %(b)s", []any{pair{A: 4, B: "z"}}, "SELECT 4, 'z'"},
		// Python's % applies to the whole text when args are given, as in aiomysql.
		{"SELECT '%s', %s", []any{6, 7}, "SELECT '6', 7"},
		{"SELECT '100%%', %s", []any{"x"}, "SELECT '100%', 'x'"},
	}
	for _, tc := range cases {
		got, err := cur.Mogrify(tc.query, tc.args...)
		if err != nil || got != tc.want {
			t.Errorf("Mogrify(%q, %v) = %q, %v; want %q", tc.query, tc.args, got, err, tc.want)
			continue
		}
		if tc.args == nil {
			continue
		}
		// Execute sends exactly that: both give the same row.
		if _, err := cur.Execute(ctx, tc.query, tc.args...); err != nil {
			t.Fatal(err)
		}
		viaArgs, _ := cur.FetchAll(ctx)
		if _, err := cur.Execute(ctx, got); err != nil {
			t.Fatal(err)
		}
		viaText, _ := cur.FetchAll(ctx)
		if fmt.Sprintf("%#v", viaArgs) != fmt.Sprintf("%#v", viaText) {
			t.Errorf("%q: Execute gives %#v, the mogrified text %#v", tc.query, viaArgs, viaText)
		}
	}
	for _, bad := range []struct {
		query string
		args  []any
	}{
		{"SELECT %s, %s", []any{1}},
		{"SELECT %(nope)s", []any{aiomysql.NamedArgs{"a": 1}}},
		{"SELECT %d", []any{1}},
		{"SELECT '%s', %s", []any{6}},     // two placeholders, as for Python
		{"SELECT '100%', %s", []any{"x"}}, // a bare % is no conversion
		{"SELECT '%s'", []any{"x"}},       // the value's quotes would end the string
	} {
		if got, err := cur.Mogrify(bad.query, bad.args...); err == nil {
			t.Errorf("Mogrify(%q, %v) = %q, want an error", bad.query, bad.args, got)
		}
		if _, err := cur.Execute(ctx, bad.query, bad.args...); err == nil {
			t.Errorf("Execute(%q, %v) succeeded", bad.query, bad.args)
		}
	}
}

func TestCursorLastRowID(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP TABLE IF EXISTS cur_ai",
				"CREATE TABLE cur_ai (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10)) AUTO_INCREMENT = 100")
			cur := kind.open(t, c)
			defer cur.close()
			for i, want := range []int64{100, 101} {
				n, err := cur.execute(ctx, "INSERT INTO cur_ai (v) VALUES (%s)", fmt.Sprint("v", i))
				if err != nil {
					t.Fatal(err)
				}
				if n != 1 || cur.rowCount() != 1 || cur.lastRowID() != want || cur.desc() != nil {
					t.Errorf("insert %d: Execute %d, RowCount %d, LastRowID %d (want %d), Description %v",
						i, n, cur.rowCount(), cur.lastRowID(), want, cur.desc())
				}
			}
			n, err := cur.execute(ctx, "UPDATE cur_ai SET v = 'x'")
			if err != nil || n != 2 || cur.lastRowID() != 0 {
				t.Errorf("UPDATE: %d, %v, LastRowID %d", n, err, cur.lastRowID())
			}
		})
	}
}

func TestCursorWarnings(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP TABLE IF EXISTS cur_w", "CREATE TABLE cur_w (s VARCHAR(3))", "SET SESSION sql_mode = ''")
			cur := kind.open(t, c)
			defer cur.close()

			if _, err := cur.execute(ctx, "INSERT INTO cur_w VALUES (%s), (%s)", "abcdef", "ok"); err != nil {
				t.Fatal(err)
			}
			if cur.warnCount() != 1 {
				t.Errorf("Warnings() = %d after a truncation, want 1", cur.warnCount())
			}
			ws, err := cur.warnings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 1 || ws[0].Level != "Warning" || ws[0].Code != errcode.WarnDataTruncated ||
				!strings.Contains(ws[0].Message, "'s'") {
				t.Errorf("ShowWarnings = %+v, want one 1265 for column s", ws)
			}

			// A SELECT's warnings arrive with its end: for a streaming
			// cursor, once its rows are read.
			mustExecAll(t, c, "SET SESSION sql_mode = 'ERROR_FOR_DIVISION_BY_ZERO'")
			if _, err := cur.execute(ctx, "SELECT 1/0, s FROM cur_w"); err != nil {
				t.Fatal(err)
			}
			if cur.streaming {
				if _, err := cur.warnings(ctx); !errors.Is(err, aiomysql.ErrBusy) {
					t.Errorf("ShowWarnings with rows unread: %v, want ErrBusy", err)
				}
			}
			rows, err := cur.fetchAll(ctx)
			if err != nil || len(rows) != 2 {
				t.Fatalf("FetchAll: %v, %v", rows, err)
			}
			if cur.warnCount() != 2 {
				t.Errorf("Warnings() = %d after two divisions by zero, want 2", cur.warnCount())
			}
			ws, err = cur.warnings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 2 || ws[0].Code != errcode.DivisionByZero || ws[1].Code != errcode.DivisionByZero {
				t.Errorf("ShowWarnings = %+v, want two 1365", ws)
			}
			if _, err := cur.execute(ctx, "SELECT s FROM cur_w"); err != nil {
				t.Fatal(err)
			}
			if _, err := cur.fetchAll(ctx); err != nil {
				t.Fatal(err)
			}
			if cur.warnCount() != 0 {
				t.Errorf("Warnings() = %d after a clean SELECT", cur.warnCount())
			}
		})
	}
}
