package aiomysql_test

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// callSQL calls call_mix: IN a, OUT n, INOUT s, OUT d, OUT t, OUT z.
const callSQL = "CALL call_mix(?, ?, ?, ?, ?, ?)"

// setupCallProcs creates the procedures the CALL tests run: call_mix
// returns two result sets (three rows, then one) and sets five OUT and
// INOUT parameters of several types, one to NULL; call_noout has only an IN
// parameter and one result set; call_onlyout sets OUT parameters and
// returns no result set.
func setupCallProcs(t *testing.T, c *aiomysql.Conn) {
	t.Helper()
	mustExecAll(t, c,
		"CREATE DATABASE IF NOT EXISTS calltest",
		"USE calltest",
		"DROP PROCEDURE IF EXISTS call_mix",
		"DROP PROCEDURE IF EXISTS call_noout",
		"DROP PROCEDURE IF EXISTS call_onlyout",
		`CREATE PROCEDURE call_mix(IN a INT, OUT n INT, INOUT s VARCHAR(20), OUT d DECIMAL(10,2), OUT t DATETIME, OUT z INT)
		BEGIN
			SELECT a AS x, 'one' AS y UNION ALL SELECT a + 1, 'two' UNION ALL SELECT a + 2, 'three';
			SELECT CONCAT(s, '!') AS s2;
			SET n = a * 10, s = CONCAT(s, '-out'), d = 12.34, t = '2024-05-06 07:08:09', z = NULL;
		END`,
		`CREATE PROCEDURE call_noout(IN a INT)
		BEGIN
			SELECT a * 2 AS doubled;
		END`,
		`CREATE PROCEDURE call_onlyout(OUT a INT, OUT b VARCHAR(10))
		BEGIN
			SET a = 42, b = 'forty-two';
		END`,
	)
}

// wantMixOut are call_mix's OUT and INOUT values for a = 7, s = "in", as
// Scan stores them.
type mixOut struct {
	n int64
	s string
	d string
	t time.Time
	z sql.NullInt64
}

var wantMixOut = mixOut{n: 70, s: "in-out", d: "12.34", t: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}

// checkClean proves the connection serves the next command.
func checkClean(t *testing.T, c *aiomysql.Conn) {
	t.Helper()
	var one int
	if err := c.QueryRow(testCtx(t), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 after the CALL: %d, %v", one, err)
	}
}

// readSet reads the current result set's rows as values.
func readSet(t *testing.T, rows *aiomysql.Rows) [][]any {
	t.Helper()
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

// checkMixRows reads call_mix's result sets from rows and checks them: the
// two sets of the procedure, then the CALL's own OK, and no OUT-parameter
// set among them.
func checkMixRows(t *testing.T, rows *aiomysql.Rows) {
	t.Helper()
	if got := rows.Columns(); !reflect.DeepEqual(got, []string{"x", "y"}) {
		t.Fatalf("first set's columns %v", got)
	}
	set1 := readSet(t, rows)
	if len(set1) != 3 || set1[0][1] != "one" || set1[2][1] != "three" {
		t.Fatalf("first set %v", set1)
	}
	if rows.OutParams() != nil {
		t.Fatalf("OUT parameters before the procedure's sets are read: %v", rows.OutParams())
	}
	if !rows.NextResultSet() {
		t.Fatalf("no second set: %v", rows.Err())
	}
	if got := rows.Columns(); !reflect.DeepEqual(got, []string{"s2"}) {
		t.Fatalf("second set's columns %v", got)
	}
	if set2 := readSet(t, rows); len(set2) != 1 || set2[0][0] != "in!" {
		t.Fatalf("second set %v", set2)
	}
	// The CALL's own result: an OK, no columns; the OUT parameters are
	// not shown as a set.
	if !rows.NextResultSet() {
		t.Fatalf("no final OK: %v", rows.Err())
	}
	if cols := rows.Columns(); len(cols) != 0 {
		t.Fatalf("a result set with columns %v after the procedure's two", cols)
	}
	if rows.Next() {
		t.Fatal("a row in the CALL's OK")
	}
	if rows.NextResultSet() {
		t.Fatalf("a result after the CALL's OK: columns %v", rows.Columns())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// checkMixOut checks call_mix's OUT values as OutParams.Values gives them.
func checkMixOut(t *testing.T, p *aiomysql.OutParams) {
	t.Helper()
	if p == nil {
		t.Fatal("no OUT parameters")
	}
	out, err := p.Values()
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 5 {
		t.Fatalf("OUT parameters %v: want 5", out)
	}
	if n, ok := out[0].(int64); !ok || n != 70 {
		t.Errorf("n = %#v", out[0])
	}
	if out[1] != "in-out" {
		t.Errorf("s = %#v", out[1])
	}
	if ts, ok := out[3].(time.Time); !ok || !ts.Equal(wantMixOut.t) {
		t.Errorf("t = %#v", out[3])
	}
	if out[4] != nil {
		t.Errorf("z = %#v, want nil", out[4])
	}
}

func TestCallQueryOutParams(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	for i := range 2 { // the second runs the cached statement
		rows, err := c.Query(ctx, callSQL, 7, nil, "in", nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkMixRows(t, rows)
		checkMixOut(t, rows.OutParams())
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		if rows.OutParams() == nil {
			t.Fatalf("run %d: OutParams gone after Close", i)
		}
		checkClean(t, c)
	}
}

// TestCallModes runs the CALL in every prepared execution mode, and Call
// on a connection whose default mode is text.
func TestCallModes(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	for _, mode := range []aiomysql.QueryExecMode{aiomysql.QueryExecModeCacheStatement,
		aiomysql.QueryExecModePrepareExecute, aiomysql.QueryExecModeDirect} {
		rows, err := c.Query(ctx, callSQL, mode, 7, nil, "in", nil, nil, nil)
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		checkMixRows(t, rows)
		checkMixOut(t, rows.OutParams())
		checkClean(t, c)
		res, err := c.Call(ctx, callSQL, mode, 7, nil, "in", nil, nil, nil)
		if err != nil {
			t.Fatalf("%v: %v", mode, err)
		}
		checkMixOut(t, res.OutParams)
		checkClean(t, c)
	}
	text := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.DefaultQueryExecMode = aiomysql.QueryExecModeText })
	mustExecAll(t, text, "USE calltest")
	res, err := text.Call(ctx, callSQL, 7, nil, "in", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkMixOut(t, res.OutParams)
	checkClean(t, text)
}

// TestCallQueryRow: QueryRow of a CALL reads the first row of the first set
// and discards the rest, OUT parameters included.
func TestCallQueryRow(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	var x int
	var y string
	if err := c.QueryRow(testCtx(t), callSQL, 7, nil, "in", nil, nil, nil).Scan(&x, &y); err != nil || x != 7 || y != "one" {
		t.Fatalf("QueryRow: %d %q %v", x, y, err)
	}
	checkClean(t, c)
}

func TestCallOutParamsAfterClose(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	rows, err := c.Query(ctx, callSQL, 7, nil, "in", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Close at once: the rest is drained and the OUT parameters captured.
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	checkMixOut(t, rows.OutParams())
	checkClean(t, c)
}

func TestCallStmtQuery(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	st, err := c.Prepare(ctx, callSQL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for range 2 {
		rows, err := st.Query(ctx, 7, nil, "in", nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkMixRows(t, rows)
		checkMixOut(t, rows.OutParams())
		rows.Close()
		checkClean(t, c)
	}
}

func TestCallConnCall(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	for range 2 {
		res, err := c.Call(ctx, callSQL, 7, nil, "in", nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got mixOut
		if err := res.Scan(&got.n, &got.s, &got.d, &got.t, &got.z); err != nil {
			t.Fatal(err)
		}
		if got != wantMixOut {
			t.Fatalf("OUT values %+v, want %+v", got, wantMixOut)
		}
		if names := res.Columns(); !reflect.DeepEqual(names, []string{"n", "s", "d", "t", "z"}) {
			t.Errorf("OUT parameter names %v", names)
		}
		checkMixOut(t, res.OutParams)
		if err := res.Scan(&got.n); err == nil {
			t.Error("Scan of 1 destination for 5 OUT parameters succeeded")
		}
		checkClean(t, c)
	}
	// A procedure of OUT parameters only, and no result set.
	res, err := c.Call(ctx, "CALL call_onlyout(?, ?)", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var a int
	var b string
	if err := res.Scan(&a, &b); err != nil || a != 42 || b != "forty-two" {
		t.Fatalf("call_onlyout: %d %q %v", a, b, err)
	}
	checkClean(t, c)
}

func TestCallNoOutParams(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	rows, err := c.Query(ctx, "CALL call_noout(?)", 21)
	if err != nil {
		t.Fatal(err)
	}
	if set := readSet(t, rows); len(set) != 1 || set[0][0] != int64(42) {
		t.Fatalf("set %v", set)
	}
	if !rows.NextResultSet() || len(rows.Columns()) != 0 {
		t.Fatalf("no final OK: %v %v", rows.Columns(), rows.Err())
	}
	if rows.NextResultSet() {
		t.Fatal("a result after the OK")
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if out := rows.OutParams(); out != nil {
		t.Fatalf("OUT parameters %v of a procedure without any", out)
	}
	res, err := c.Call(ctx, "CALL call_noout(?)", 1)
	if err != nil {
		t.Fatal(err)
	}
	if vals, err := res.Values(); len(vals) != 0 || err != nil || res.Len() != 0 {
		t.Fatalf("Call: OUT values %v, %v", vals, err)
	}
	if err := res.Scan(); err != nil {
		t.Fatalf("Scan of no OUT values: %v", err)
	}
	var x int
	if err := res.Scan(&x); err == nil {
		t.Fatal("Scan of a destination for no OUT values succeeded")
	}
	// No arguments: a prepared statement all the same.
	if _, err := c.Call(ctx, "CALL call_noout(5)"); err != nil {
		t.Fatal(err)
	}
	checkClean(t, c)
}

func TestCallExecDrains(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	for range 2 {
		if _, err := c.Exec(ctx, callSQL, 7, nil, "in", nil, nil, nil); err != nil {
			t.Fatal(err)
		}
		checkClean(t, c)
	}
	st, err := c.Prepare(ctx, callSQL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Exec(ctx, 7, nil, "in", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	checkClean(t, c)
}

func TestCallTextModeRefused(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	_, err := c.Call(testCtx(t), callSQL, aiomysql.QueryExecModeText, 7, nil, "in", nil, nil, nil)
	if err == nil {
		t.Fatal("Call in text mode succeeded")
	}
	if errors.Is(err, aiomysql.ErrNoRows) {
		t.Fatal(err)
	}
	checkClean(t, c)
}

// TestCallProcTextStillWorks: aiomysql's CallProc (text protocol, user
// variables) still returns the procedure's sets and its OUT values.
func TestCallProcTextStillWorks(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	ctx := testCtx(t)
	cur := c.Cursor()
	if _, err := cur.CallProc(ctx, "call_mix", 7, nil, "in", nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	all, err := cur.FetchAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 {
		t.Fatalf("first set %v", all)
	}
	out, err := cur.CallProcOut(ctx, "call_mix", 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 6 || out[2] != "in-out" || out[5] != nil {
		t.Fatalf("CallProcOut %v", out)
	}
	checkClean(t, c)
}

// TestCallCancel: a context that ends while a CALL's rows are awaited
// interrupts it, and the connection serves the next command.
func TestCallCancel(t *testing.T) {
	c := rootConn(t)
	setupCallProcs(t, c)
	mustExecAll(t, c, "DROP PROCEDURE IF EXISTS call_slow",
		`CREATE PROCEDURE call_slow(IN s DOUBLE, OUT n INT)
		BEGIN
			SELECT 1 AS a;
			SELECT SLEEP(s) AS slept;
			SET n = 5;
		END`)
	ctx, cancel := context.WithTimeout(testCtx(t), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	rows, err := c.Query(ctx, "CALL call_slow(?, ?)", 5, nil)
	if err == nil {
		for rows.Next() {
		}
		for rows.NextResultSet() {
			for rows.Next() {
			}
		}
		err = rows.Close()
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("CALL past its deadline: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("the interrupted CALL took %v", d)
	}
	checkClean(t, c)
	res, err := c.Call(testCtx(t), "CALL call_slow(?, ?)", 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := res.Scan(&n); err != nil || n != 5 {
		t.Fatalf("call_slow: %d, %v", n, err)
	}
}
