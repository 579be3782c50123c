package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// globalCounter reads a global status counter.
func globalCounter(t *testing.T, c *aiomysql.Conn, name string) int {
	t.Helper()
	return statusCounter(testCtx(t), t, c, "GLOBAL", name)
}

// TestP4_PreparedStatementLeak: with max_prepared_stmt_count at 64 (the
// statement cache's default capacity, so the cache alone fills the
// server), 10,000 distinct statements through the native API — cached ad
// hoc queries, explicit Prepare and Close, one-off modes and cursors —
// never meet ER 1461, the server never holds more than the limit, and
// closing gives every statement back.
func TestP4_PreparedStatementLeak(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	var was string
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.max_prepared_stmt_count").Scan(&was); err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = 64")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "SET GLOBAL max_prepared_stmt_count = "+was) })
	base := globalCounter(t, admin, "Prepared_stmt_count")
	if base != 0 {
		t.Logf("%d statements prepared elsewhere before the test", base)
	}

	c := rootConn(t)
	peak := 0
	const n = 10_000
	for i := range n {
		q := fmt.Sprintf("SELECT ? + %d", i)
		var got int64
		var err error
		switch i % 4 {
		case 0, 1: // the cache, in the default mode
			err = c.QueryRow(ctx, q, 1).Scan(&got)
		case 2: // explicit Prepare and Close
			var st *aiomysql.Stmt
			if st, err = c.Prepare(ctx, q); err == nil {
				err = st.QueryRow(ctx, 1).Scan(&got)
				st.Close()
			}
		case 3: // one-off statements: direct, and a cursor
			if i%8 == 3 {
				err = c.QueryRow(ctx, q, aiomysql.QueryExecModeDirect, 1).Scan(&got)
			} else {
				var rows *aiomysql.Rows
				if rows, err = c.Query(ctx, q, aiomysql.FetchSize(10), 1); err == nil {
					if rows.Next() {
						err = rows.Scan(&got)
					}
					if cerr := rows.Close(); err == nil {
						err = cerr
					}
				}
			}
		}
		if err != nil {
			t.Fatalf("statement %d: %v", i, err)
		}
		if got != int64(i+1) {
			t.Fatalf("statement %d: %d", i, got)
		}
		if i%500 == 0 {
			peak = max(peak, globalCounter(t, admin, "Prepared_stmt_count")-base)
		}
	}
	if peak > 64 {
		t.Fatalf("the server held %d statements, over max_prepared_stmt_count", peak)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// The server frees a session's statements as it ends the session, a
	// moment after the connection closes: wait for that, within a bound.
	deadline := time.Now().Add(5 * time.Second)
	left := globalCounter(t, admin, "Prepared_stmt_count") - base
	for left > 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		left = globalCounter(t, admin, "Prepared_stmt_count") - base
	}
	t.Logf("%d statements; peak held on the server %d; after Close %d", n, peak, left)
	if left > 0 {
		t.Fatalf("%d statements still prepared after Close", left)
	}
}

// TestP4_RefusedPrepareRunsNothingElse: when the server refuses a prepare
// with ER 1461, nothing else runs in its place. (MariaDB runs an execute of
// statement id 0xFFFFFFFF written behind a refused prepare as the last
// statement prepared before it: pipelined behind a live INSERT, the
// execute would insert a second row.) In every prepared mode the call
// succeeds, by making room in the cache, and the table holds one row.
func TestP4_RefusedPrepareRunsNothingElse(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	var was string
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.max_prepared_stmt_count").Scan(&was); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "SET GLOBAL max_prepared_stmt_count = "+was) })
	modes := []aiomysql.QueryExecMode{aiomysql.QueryExecModeCacheStatement, aiomysql.QueryExecModeDirect, aiomysql.QueryExecModePrepareExecute}
	for _, mode := range modes {
		t.Run(mode.String(), func(t *testing.T) {
			mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = "+was)
			mustExecAll(t, admin, "DROP TABLE IF EXISTS p4_refused", "CREATE TABLE p4_refused (v INT)")
			c := rootConn(t)
			if _, err := c.Exec(ctx, "INSERT INTO p4_refused VALUES (?)", 1); err != nil {
				t.Fatal(err)
			}
			// The cached INSERT is the last statement c prepared; now the
			// server takes no more.
			held := globalCounter(t, admin, "Prepared_stmt_count")
			mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = "+strconv.Itoa(held))
			var got int64
			if err := c.QueryRow(ctx, "SELECT ? + 0", mode, 5).Scan(&got); err != nil || got != 5 {
				t.Fatalf("SELECT ? + 0 with the server full: %d, %v", got, err)
			}
			mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = "+was)
			var n int
			if err := admin.QueryRow(ctx, "SELECT COUNT(*) FROM p4_refused").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Fatalf("%d rows: the INSERT ran again in place of the refused prepare", n)
			}
		})
	}
}

// TestP4_BatchPrepareRefused: in a batch whose new statements the server
// refuses for want of room (ER 1461), the batch makes room as a single
// call does once every reply of the pipelined prepares is in: the first
// statement gets the room and runs; the second, with nothing left to
// evict, gets the server's error; nothing is ErrBusy.
func TestP4_BatchPrepareRefused(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	var was string
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.max_prepared_stmt_count").Scan(&was); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "SET GLOBAL max_prepared_stmt_count = "+was) })
	c := rootConn(t)
	var one int
	if err := c.QueryRow(ctx, "SELECT ? + 0", 1).Scan(&one); err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = "+strconv.Itoa(globalCounter(t, admin, "Prepared_stmt_count")))
	var b aiomysql.Batch
	b.Queue("SELECT ? + 1", 5)
	b.Queue("SELECT ? + 2", 5)
	br := c.SendBatch(ctx, &b)
	var v int
	if err := br.QueryRow().Scan(&v); err != nil || v != 6 {
		t.Fatalf("first: %d, %v", v, err)
	}
	err := br.QueryRow().Scan(&v)
	if !isErrNumber(err, 1461) {
		t.Fatalf("second: %d, %v; want ER 1461", v, err)
	}
	if err := br.Close(); err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "SET GLOBAL max_prepared_stmt_count = "+was)
}

// isErrNumber reports whether err is the server's error number n.
func isErrNumber(err error, n uint16) bool {
	var se *aiomysql.Error
	return errors.As(err, &se) && se.Number == n
}
