package aiomysql_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

func TestCursorNextSetProcedure(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP PROCEDURE IF EXISTS cur_three",
				`CREATE PROCEDURE cur_three() BEGIN
					SELECT 1 AS a;
					SELECT 2 AS b, 'two' AS c;
					SELECT n FROM (SELECT 3 AS n UNION ALL SELECT 4 UNION ALL SELECT 5) x ORDER BY n;
				END`)
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, "CALL cur_three()"); err != nil {
				t.Fatal(err)
			}
			sets := []struct {
				names string
				rows  [][]any
			}{
				{"[a]", [][]any{{int64(1)}}},
				{"[b c]", [][]any{{int64(2), "two"}}},
				{"[n]", [][]any{{int64(3)}, {int64(4)}, {int64(5)}}},
			}
			for i, set := range sets {
				if i > 0 {
					more, err := cur.nextSet(ctx)
					if err != nil || !more {
						t.Fatalf("NextSet to set %d = %v, %v", i+1, more, err)
					}
				}
				var names []string
				for _, d := range cur.desc() {
					names = append(names, d.Name)
				}
				if fmt.Sprint(names) != set.names {
					t.Errorf("set %d columns %v, want %s", i+1, names, set.names)
				}
				if cur.rowNumber() != 0 {
					t.Errorf("set %d starts at row %d", i+1, cur.rowNumber())
				}
				if i == 2 {
					// Leave the last set half read: NextSet skips the rest.
					row, err := cur.fetchOne(ctx)
					if err != nil || !sameRows([][]any{row}, set.rows[:1]) {
						t.Fatalf("set 3 FetchOne = %#v, %v", row, err)
					}
					continue
				}
				rows, err := cur.fetchAll(ctx)
				if err != nil || !sameRows(rows, set.rows) {
					t.Errorf("set %d rows %#v, %v; want %#v", i+1, rows, err, set.rows)
				}
			}
			// The CALL's own OK is the fourth result, without rows.
			more, err := cur.nextSet(ctx)
			if err != nil || !more {
				t.Fatalf("NextSet to the CALL's OK = %v, %v", more, err)
			}
			if cur.desc() != nil {
				t.Errorf("the OK has a description: %v", cur.desc())
			}
			if row, err := cur.fetchOne(ctx); row != nil || err != nil {
				t.Errorf("FetchOne on the OK = %v, %v", row, err)
			}
			if more, err := cur.nextSet(ctx); more || err != nil {
				t.Errorf("NextSet after the last result = %v, %v", more, err)
			}
			if v := queryScalar[int](t, c, "SELECT 9"); v != 9 {
				t.Errorf("SELECT 9 = %d", v)
			}
		})
	}
}

func TestCursorNextSetMultiStatement(t *testing.T) {
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MultiStatements = true
	c := connectT(t, cfg)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS cur_ms", "CREATE TABLE cur_ms (id INT AUTO_INCREMENT PRIMARY KEY, v INT)")
	cur := c.Cursor()
	defer cur.Close()
	n, err := cur.Execute(ctx, "INSERT INTO cur_ms (v) VALUES (1),(2); SELECT v FROM cur_ms ORDER BY v; UPDATE cur_ms SET v = v + 1")
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || cur.RowCount() != 2 || cur.LastRowID() != 1 || cur.Description() != nil {
		t.Errorf("INSERT: Execute %d, RowCount %d, LastRowID %d, Description %v", n, cur.RowCount(), cur.LastRowID(), cur.Description())
	}
	if more, err := cur.NextSet(ctx); !more || err != nil {
		t.Fatalf("NextSet to the SELECT: %v, %v", more, err)
	}
	rows, err := cur.FetchAll(ctx)
	if err != nil || fmt.Sprint(rows) != "[[1] [2]]" || cur.RowCount() != 2 {
		t.Errorf("SELECT: %v, %v, RowCount %d", rows, err, cur.RowCount())
	}
	if more, err := cur.NextSet(ctx); !more || err != nil {
		t.Fatalf("NextSet to the UPDATE: %v, %v", more, err)
	}
	if cur.RowCount() != 2 || cur.Description() != nil {
		t.Errorf("UPDATE: RowCount %d, Description %v", cur.RowCount(), cur.Description())
	}
	if more, err := cur.NextSet(ctx); more || err != nil {
		t.Errorf("NextSet at the end: %v, %v", more, err)
	}
}

func TestCursorCallProc(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP PROCEDURE IF EXISTS cur_inout",
				`CREATE PROCEDURE cur_inout(IN a INT, OUT b INT, INOUT s VARCHAR(20))
				BEGIN
					SET b = a * 2;
					SET s = CONCAT(s, '!');
					SELECT a AS got_a, s AS got_s;
				END`)
			cur := kind.open(t, c)
			defer cur.close()
			args, err := cur.callProc(ctx, "cur_inout", 21, nil, "hi")
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(args) != "[21 <nil> hi]" {
				t.Errorf("CallProc returned %v, want the arguments", args)
			}
			rows, err := cur.fetchAll(ctx)
			if err != nil || !sameRows(rows, [][]any{{int64(21), "hi!"}}) {
				t.Errorf("the procedure's SELECT: %#v, %v", rows, err)
			}
			out, err := cur.callProcOut(ctx, "cur_inout", 3)
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprintf("%#v", out); got != `[]interface {}{21, 42, "hi!"}` {
				t.Errorf("CallProcOut = %s, want IN 21, OUT 42, INOUT hi!", got)
			}
			// The connection is free: CallProcOut discarded the CALL's OK.
			if v := queryScalar[int](t, c, "SELECT 10"); v != 10 {
				t.Errorf("SELECT 10 = %d", v)
			}
		})
	}
}

func TestCursorCallProcNames(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	db := testServer(t).Database
	mustExecAll(t, c, "DROP PROCEDURE IF EXISTS `cur proc``x`",
		"CREATE PROCEDURE `cur proc``x`(OUT r INT) SET r = 7",
		"DROP TABLE IF EXISTS cur_victim", "CREATE TABLE cur_victim (id INT)")
	cases := []struct {
		name    string
		wantOut string // the OUT value, or "" when the call must fail
		wantErr uint16
	}{
		{name: "cur proc`x", wantOut: "[7]"},
		{name: db + ".cur proc`x", wantOut: "[7]"},
		// Quoted whole, the name is a (bad) name, not SQL.
		{name: "cur_victim`(); DROP TABLE cur_victim; -- ", wantErr: errcode.SPWrongName},
		{name: "nope", wantErr: errcode.SPDoesNotExist},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cur := c.Cursor()
			defer cur.Close()
			_, err := cur.CallProc(ctx, tc.name, nil)
			if tc.wantOut == "" {
				var se *aiomysql.Error
				if !errors.As(err, &se) || se.Number != tc.wantErr {
					t.Fatalf("CallProc(%q): %v, want error %d", tc.name, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(cur.Executed(), "CALL `") {
				t.Errorf("Executed = %q", cur.Executed())
			}
			out, err := cur.CallProcOut(ctx, tc.name, 1)
			if err != nil || fmt.Sprint(out) != tc.wantOut {
				t.Errorf("CallProcOut = %v, %v; want %s", out, err, tc.wantOut)
			}
		})
	}
	if n := queryScalar[int](t, c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cur_victim'"); n != 1 {
		t.Error("a procedure name dropped a table")
	}
	cur := c.Cursor()
	defer cur.Close()
	if out, err := cur.CallProcOut(ctx, "x", 0); out != nil || err != nil {
		t.Errorf("CallProcOut of no arguments = %v, %v", out, err)
	}
}
