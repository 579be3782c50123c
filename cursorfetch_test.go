package aiomysql_test

import (
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// sessionCounter reads one of the session's status counters.
func sessionCounter(t *testing.T, c *aiomysql.Conn, name string) int {
	t.Helper()
	return statusCounter(testCtx(t), t, c, "SESSION", name)
}

// sessionCounterCtx is sessionCounter under ctx.
func sessionCounterCtx(ctx context.Context, t *testing.T, c *aiomysql.Conn, name string) int {
	t.Helper()
	return statusCounter(ctx, t, c, "SESSION", name)
}

// statusCounter reads a status counter of scope (SESSION or GLOBAL).
func statusCounter(ctx context.Context, t *testing.T, c *aiomysql.Conn, scope, name string) int {
	t.Helper()
	var n, v string
	if err := c.QueryRow(ctx, "SHOW "+scope+" STATUS LIKE '"+name+"'").Scan(&n, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	x, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("%s = %q", name, v)
	}
	return x
}

// readSeq reads rows of one integer column and checks they are from, from+1, ...
func readSeq(t *testing.T, rows *aiomysql.Rows, from, n int) {
	t.Helper()
	for i := range n {
		if !rows.Next() {
			t.Fatalf("row %d: no row (err %v)", from+i, rows.Err())
		}
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != from+i {
			t.Fatalf("row %d holds %d", from+i, v)
		}
	}
}

// TestCursorFetchBatches: with FetchSize a result is read through a
// server-side cursor, one COM_STMT_FETCH per batch, in order and in full,
// through Conn.Query (with and without arguments) and Stmt.Query.
func TestCursorFetchBatches(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	check := func(name string, wantFetches int, run func() (*aiomysql.Rows, error)) {
		t.Helper()
		before := sessionCounter(t, c, "Com_stmt_fetch")
		rows, err := run()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		readSeq(t, rows, 1, 2500)
		if rows.Next() {
			t.Fatalf("%s: a row after the last", name)
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := sessionCounter(t, c, "Com_stmt_fetch") - before; got != wantFetches {
			t.Errorf("%s: %d fetches, want %d", name, got, wantFetches)
		}
	}
	check("no args", 3, func() (*aiomysql.Rows, error) {
		return c.Query(ctx, "SELECT seq FROM seq_1_to_2500", aiomysql.FetchSize(1000))
	})
	// 25 full batches, then one that says there is no more.
	check("args", 26, func() (*aiomysql.Rows, error) {
		return c.Query(ctx, "SELECT seq FROM seq_1_to_5000 WHERE seq <= ?", aiomysql.FetchSize(100), 2500)
	})
	st, err := c.Prepare(ctx, "SELECT seq FROM seq_1_to_2500 WHERE seq >= %s")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	check("stmt", 1, func() (*aiomysql.Rows, error) { return st.Query(ctx, aiomysql.FetchSize(5000), 1) })
	check("stmt again", 6, func() (*aiomysql.Rows, error) { return st.Query(ctx, aiomysql.FetchSize(500), 1) })
	// No FetchSize: no cursor.
	check("stmt without", 0, func() (*aiomysql.Rows, error) { return st.Query(ctx, 1) })
}

// TestCursorLeavesConnectionFree: while a cursor is open, in the middle of
// a batch, the connection runs other statements; the cursor then goes on
// where it was.
func TestCursorLeavesConnectionFree(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS cursor_free", "CREATE TABLE cursor_free (id INT PRIMARY KEY)")
	rows, err := c.Query(ctx, "SELECT seq FROM seq_1_to_5000", aiomysql.FetchSize(100))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	readSeq(t, rows, 1, 150)
	var x int
	if err := c.QueryRow(ctx, "SELECT 42").Scan(&x); err != nil || x != 42 {
		t.Fatalf("SELECT 42 with a cursor open: %d, %v", x, err)
	}
	if _, err := c.Exec(ctx, "INSERT INTO cursor_free VALUES (?)", 7); err != nil {
		t.Fatalf("INSERT with a cursor open: %v", err)
	}
	// A streaming text query in between, read to its end.
	inner, err := c.Query(ctx, "SELECT seq FROM seq_1_to_3")
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, inner, 1, 3)
	if err := inner.Close(); err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 151, 4850)
	if rows.Next() || rows.Err() != nil {
		t.Fatalf("after the last row: err %v", rows.Err())
	}
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM cursor_free").Scan(&x); err != nil || x != 1 {
		t.Fatalf("count %d, %v", x, err)
	}
}

// TestServerCursorClose: closing a cursor early frees it on the server without a
// round trip of its own: a Stmt's with a COM_STMT_RESET sent with the next
// command, a Conn.Query's with its statement's COM_STMT_CLOSE. Executing a
// Stmt again closes its open cursor, which then says so.
func TestServerCursorClose(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	st, err := c.Prepare(ctx, "SELECT seq FROM seq_1_to_100000")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	resets := sessionCounter(t, c, "Com_stmt_reset")
	rows, err := st.Query(ctx, aiomysql.FetchSize(10))
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 1, 15)
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if got := sessionCounter(t, c, "Com_stmt_reset") - resets; got != 1 {
		t.Errorf("%d COM_STMT_RESET after closing the cursor, want 1", got)
	}
	// The statement runs again, through a cursor or not.
	rows, err = st.Query(ctx, aiomysql.FetchSize(10))
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 1, 5)
	// Executing it again closes the first cursor on the server.
	second, err := st.Query(ctx, aiomysql.FetchSize(10))
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 6, 5) // the batch in hand
	if rows.Next() {
		t.Fatal("the superseded cursor fetched")
	}
	if !errors.Is(rows.Err(), aiomysql.ErrClosed) {
		t.Fatalf("superseded cursor: %v, want ErrClosed", rows.Err())
	}
	readSeq(t, second, 1, 25)
	// An execute without a cursor closes the open one too.
	if _, err := st.Exec(ctx); err != nil {
		t.Fatal(err)
	}
	readSeq(t, second, 26, 5) // the batch in hand
	if second.Next() || !errors.Is(second.Err(), aiomysql.ErrClosed) {
		t.Fatalf("cursor after an execute without one: %v, want ErrClosed", second.Err())
	}

	// A Conn.Query cursor closes its own statement.
	var before, after int
	before = sessionCounter(t, c, "Com_stmt_close")
	rows, err = c.Query(ctx, "SELECT seq FROM seq_1_to_100000", aiomysql.FetchSize(10))
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 1, 3)
	rows.Close()
	after = sessionCounter(t, c, "Com_stmt_close")
	if after-before != 1 {
		t.Errorf("%d COM_STMT_CLOSE after closing a Conn.Query cursor, want 1", after-before)
	}
}

// TestCursorOptions: FetchSize needs a prepared mode; a statement without
// rows runs as usual with it; Stmt.Exec refuses it.
func TestCursorOptions(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	if _, err := c.Query(ctx, "SELECT ?", aiomysql.QueryExecModeText, aiomysql.FetchSize(10), 1); err == nil {
		t.Error("FetchSize in text mode: no error")
	}
	rows, err := c.Query(ctx, "DO ?", aiomysql.FetchSize(10), 1)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() || rows.Close() != nil {
		t.Fatalf("DO through a cursor: %v", rows.Err())
	}
	// An empty result.
	rows, err = c.Query(ctx, "SELECT seq FROM seq_1_to_5 WHERE seq > ?", aiomysql.FetchSize(10), 9)
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() || rows.Close() != nil {
		t.Fatalf("empty result through a cursor: %v", rows.Err())
	}
	// A CALL: the server opens no cursor; its sets and OUT parameters come
	// as without FetchSize.
	mustExecAll(t, c, "DROP PROCEDURE IF EXISTS cursor_call",
		"CREATE PROCEDURE cursor_call(IN n INT, OUT total INT) BEGIN SELECT seq FROM seq_1_to_30 WHERE seq <= n; SET total = n * 2; END")
	rows, err = c.Query(ctx, "CALL cursor_call(?, ?)", aiomysql.FetchSize(10), 25, nil)
	if err != nil {
		t.Fatal(err)
	}
	readSeq(t, rows, 1, 25)
	for rows.NextResultSet() {
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	var total int
	if err := rows.OutParams().Scan(&total); err != nil || total != 50 {
		t.Fatalf("OUT total %d, %v", total, err)
	}
	st, err := c.Prepare(ctx, "SELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Exec(ctx, aiomysql.FetchSize(10)); err == nil {
		t.Error("Stmt.Exec with FetchSize: no error")
	}
	if err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestCursorFamilyFetchSize: an aiomysql cursor with FetchSize reads
// through a server-side cursor, its %s placeholders bound by the server.
func TestCursorFamilyFetchSize(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	cur := c.SSDictCursor()
	cur.FetchSize = 100
	before := sessionCounter(t, c, "Com_stmt_fetch")
	if _, err := cur.Execute(ctx, "SELECT seq AS n, '100%%' AS p FROM seq_1_to_1000 WHERE seq >= %s", 1); err != nil {
		t.Fatal(err)
	}
	got, err := cur.FetchAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1000 || got[999]["n"] != uint64(1000) || got[0]["p"] != "100%" {
		t.Fatalf("%d rows; last %v, first %v", len(got), got[len(got)-1], got[0])
	}
	if n := sessionCounter(t, c, "Com_stmt_fetch") - before; n != 11 {
		t.Errorf("%d fetches, want 11 (10 full batches and the empty last)", n)
	}
	cur.Close()
}

// TestPrepareAiomysqlPlaceholders: Prepare takes aiomysql's %s and %(name)s
// placeholders as well as ?.
func TestPrepareAiomysqlPlaceholders(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	st, err := c.Prepare(ctx, "SELECT CONCAT(%(a)s, '-', %(b)s, '-', %(a)s, '%%')")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.ParamCount() != 3 {
		t.Fatalf("ParamCount %d", st.ParamCount())
	}
	var s string
	if err := st.QueryRow(ctx, aiomysql.NamedArgs{"a": "x", "b": 2}).Scan(&s); err != nil || s != "x-2-x%" {
		t.Fatalf("named: %q, %v", s, err)
	}
	if err := st.QueryRow(ctx, "x", 2, "x").Scan(&s); err == nil {
		t.Error("positional arguments for named placeholders: no error")
	}
	pos, err := c.Prepare(ctx, "SELECT %s + %s")
	if err != nil {
		t.Fatal(err)
	}
	defer pos.Close()
	var n int
	if err := pos.QueryRow(ctx, 2, 3).Scan(&n); err != nil || n != 5 {
		t.Fatalf("%%s: %d, %v", n, err)
	}
	q, err := c.Prepare(ctx, "SELECT ? LIKE '%s'")
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if q.ParamCount() != 1 {
		t.Fatalf("? with a '%%s' string: ParamCount %d", q.ParamCount())
	}
}
