package aiomysql_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

func TestQueryRowsAccessors(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	rows, err := c.Query(ctx, "SELECT 1 AS i, 'tx' AS s, NULL AS z, CAST(2.50 AS DECIMAL(5,2)) AS d, 0x00FF AS b")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if got := fmt.Sprint(rows.Columns()); got != "[i s z d b]" {
		t.Errorf("Columns = %s", got)
	}
	var kinds []string
	for _, ct := range rows.ColumnTypes() {
		kinds = append(kinds, fmt.Sprintf("%s:%s/%d", ct.Name, ct.DatabaseTypeName, ct.TypeCode))
	}
	if got := fmt.Sprint(kinds); got != "[i:INT/3 s:VARCHAR/253 z:NULL/6 d:DECIMAL/246 b:VARBINARY/253]" {
		t.Errorf("ColumnTypes = %s", got)
	}
	if err := rows.Scan(new(int)); err == nil {
		t.Error("Scan before Next succeeded")
	}
	if rows.RawValues() != nil {
		t.Error("RawValues before Next is not nil")
	}
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	vals, err := rows.Values()
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%#v", vals); got != `[]interface {}{1, "tx", interface {}(nil), "2.50", []uint8{0x0, 0xff}}` {
		t.Errorf("Values = %s", got)
	}
	raw := rows.RawValues()
	if got := fmt.Sprintf("%q", raw); got != `["1" "tx" "" "2.50" "\x00\xff"]` || raw[2] != nil {
		t.Errorf("RawValues = %s (NULL must be nil)", got)
	}
	var se *aiomysql.ScanError
	if err := rows.Scan(new(int), new(string)); !errors.As(err, &se) || se.Column != -1 {
		t.Errorf("Scan with two destinations for five columns: %v", err)
	}
	var i int
	if err := rows.Scan(&i, new(string), new(string), new(string), new([]byte)); !errors.As(err, &se) || se.Column != 2 ||
		!errors.Is(err, aiomysql.ErrScanNull) {
		t.Errorf("NULL into a string: %v, want a ScanError for column 2", err)
	}
	if rows.Next() {
		t.Error("a second row")
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if err := rows.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if rows.Next() {
		t.Error("Next after Close")
	}
}

func TestQueryRowsNextResultSet(t *testing.T) {
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MultiStatements = true
	c := connectT(t, cfg)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS q_ms", "CREATE TABLE q_ms (id INT AUTO_INCREMENT PRIMARY KEY, v INT)")
	rows, err := c.Query(ctx, "INSERT INTO q_ms (v) VALUES (1),(2); SELECT v FROM q_ms ORDER BY v; "+
		"UPDATE q_ms SET v = v * 10; INSERT INTO q_ms (v) VALUES (3); SELECT 'last' AS w")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	type want struct {
		cols             string
		rows             string
		affected, insert int64
	}
	wants := []want{
		{"[]", "[]", 2, 1},
		{"[v]", "[[1] [2]]", 0, 0},
		{"[]", "[]", 2, 0},
		{"[]", "[]", 1, 3},
		{"[w]", "[[last]]", 0, 0},
	}
	for i, w := range wants {
		if i > 0 && !rows.NextResultSet() {
			t.Fatalf("no result %d: %v", i+1, rows.Err())
		}
		cols := fmt.Sprint(rows.Columns())
		var got [][]any
		for rows.Next() {
			v, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		res := rows.Result()
		affected, _ := res.RowsAffected()
		insert, _ := res.LastInsertID()
		if g := (want{cols, fmt.Sprint(got), affected, insert}); g != w {
			t.Errorf("result %d: %+v, want %+v", i+1, g, w)
		}
	}
	if rows.NextResultSet() {
		t.Error("a sixth result")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	// Columns of an earlier set stay as they were.
	rows, err = c.Query(ctx, "SELECT 1 AS a; SELECT 2 AS b")
	if err != nil {
		t.Fatal(err)
	}
	first := rows.Columns()
	if !rows.NextResultSet() || fmt.Sprint(first, rows.Columns()) != "[a] [b]" {
		t.Errorf("columns %v then %v", first, rows.Columns())
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}

	// An error in a later statement ends the Rows with it.
	rows, err = c.Query(ctx, "SELECT 1; SELECT nope FROM q_ms; SELECT 3")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
	}
	var se *aiomysql.Error
	if rows.NextResultSet() || !errors.As(rows.Err(), &se) || se.Number != errcode.BadFieldError {
		t.Errorf("the second statement's error: %v", rows.Err())
	}
	if err := rows.Close(); !errors.As(err, &se) {
		t.Errorf("Close returns %v, want the error", err)
	}
	if v := queryScalar[int](t, c, "SELECT 4"); v != 4 {
		t.Errorf("SELECT 4 = %d", v)
	}
}

func TestQueryRowsAll(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	rows, err := c.Query(ctx, seqQuery(10))
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for row, err := range rows.All() {
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := row.Scan(&n); err != nil {
			t.Fatal(err)
		}
		sum += n
	}
	if sum != 55 {
		t.Errorf("sum %d, want 55", sum)
	}

	// Breaking out closes the rows: the connection is free at once.
	rows, err = c.Query(ctx, bigSeqQuery(bigSeqRows))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, err := range rows.All() {
		if err != nil {
			t.Fatal(err)
		}
		if seen++; seen == 3 {
			break
		}
	}
	if v := queryScalar[int](t, c, "SELECT 5"); v != 5 || seen != 3 {
		t.Errorf("after break: SELECT 5 = %d, saw %d rows", v, seen)
	}
}

func TestQueryRowsMidStreamError(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	// The scalar subquery fails on the fourth row only, after three rows
	// have been sent.
	q := "SELECT IF(n = 4, (SELECT 1 UNION SELECT 2), n) AS v FROM (" + seqQuery(6) + ") s"
	rows, err := c.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	read := 0
	for rows.Next() {
		read++
	}
	var se *aiomysql.Error
	if !errors.As(rows.Err(), &se) || se.Number != errcode.SubqueryNo1Row {
		t.Fatalf("Err = %v, want error %d", rows.Err(), errcode.SubqueryNo1Row)
	}
	if read != 3 {
		t.Errorf("%d rows before the error, want 3", read)
	}
	if err := rows.Close(); !errors.Is(err, rows.Err()) {
		t.Errorf("Close = %v, want the same error", err)
	}

	// The iterator reports it too, as its last item.
	rows, err = c.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	items := 0
	for _, err := range rows.All() {
		items++
		last = err
	}
	if items != 4 || !errors.As(last, &se) {
		t.Errorf("All gave %d items, the last error %v", items, last)
	}
	if v := queryScalar[int](t, c, "SELECT 6"); v != 6 {
		t.Errorf("after the error: SELECT 6 = %d", v)
	}
}
