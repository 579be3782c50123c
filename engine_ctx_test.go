package aiomysql_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// pingBytes is what a COM_PING puts on the wire: a 4-byte header and the
// command byte.
const pingBytes = 5

// proxiedConn connects through a new fault proxy to the test server and
// returns the connection and the proxy's link for it (the proxy's first; the
// kill side connections, if any, come later).
func proxiedConn(t *testing.T) (*aiomysql.Conn, *faultproxy.Link) {
	t.Helper()
	cfg, proxy := proxiedConfig(t)
	c := connectT(t, cfg)
	link, err := proxy.WaitLink(testCtx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	// The connection's own deferred set-up (turning session tracking on)
	// goes out with its first command: send it now, so that byte counts
	// see only the test's calls.
	if err := c.Ping(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	return c, link
}

// endedContexts are the two ways a context can have ended before a call.
func endedContexts(t *testing.T) []struct {
	name string
	ctx  context.Context
} {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	past, cancelPast := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	t.Cleanup(cancelPast)
	return []struct {
		name string
		ctx  context.Context
	}{{"canceled", canceled}, {"deadline passed", past}}
}

// resetTable makes an empty InnoDB table name (id INT PRIMARY KEY).
func resetTable(t *testing.T, admin *aiomysql.Conn, name string) {
	t.Helper()
	mustExec(t, admin, "CREATE TABLE IF NOT EXISTS "+name+" (id INT PRIMARY KEY) ENGINE=InnoDB")
	mustExec(t, admin, "DELETE FROM "+name)
}

// tableCount returns SELECT COUNT(*) of table.
func tableCount(t *testing.T, admin *aiomysql.Conn, table string) int {
	t.Helper()
	var n int
	if err := admin.QueryRow(testCtx(t), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestC7_ContextEndedBeforeCall: a call whose context has already ended
// writes nothing, says so (ErrNotSent) with the context's error, and leaves
// the connection as it was.
func TestC7_ContextEndedBeforeCall(t *testing.T) {
	admin := rootConn(t)
	resetTable(t, admin, "c7")
	calls := []struct {
		name string
		run  func(ctx context.Context, c *aiomysql.Conn) error
	}{
		{"Exec", func(ctx context.Context, c *aiomysql.Conn) error {
			_, err := c.Exec(ctx, "INSERT INTO c7 VALUES (1)")
			return err
		}},
		{"Query", func(ctx context.Context, c *aiomysql.Conn) error {
			rows, err := c.Query(ctx, "INSERT INTO c7 VALUES (2)")
			if err == nil {
				err = rows.Close()
			}
			return err
		}},
		{"QueryRow.Scan", func(ctx context.Context, c *aiomysql.Conn) error {
			var v int
			return c.QueryRow(ctx, "SELECT 1").Scan(&v)
		}},
		{"Ping", func(ctx context.Context, c *aiomysql.Conn) error { return c.Ping(ctx) }},
		{"Begin", func(ctx context.Context, c *aiomysql.Conn) error { return c.Begin(ctx) }},
		{"Cursor.Execute", func(ctx context.Context, c *aiomysql.Conn) error {
			cur := c.Cursor()
			defer cur.Close()
			_, err := cur.Execute(ctx, "INSERT INTO c7 VALUES (3)")
			return err
		}},
	}
	for _, ended := range endedContexts(t) {
		for _, call := range calls {
			t.Run(ended.name+"/"+call.name, func(t *testing.T) {
				c, link := proxiedConn(t)
				before := link.RecordedLen(faultproxy.Upstream)
				err := call.run(ended.ctx, c)
				if !errors.Is(err, aiomysql.ErrNotSent) || !errors.Is(err, ended.ctx.Err()) {
					t.Errorf("%s = %v, want an error wrapping ErrNotSent and %v", call.name, err, ended.ctx.Err())
				}
				if c.IsClosed() {
					t.Fatal("the connection was closed by a call that had nothing to send")
				}
				// The Ping's reply proves the proxy has read everything the
				// client wrote before it.
				if err := c.Ping(testCtx(t)); err != nil {
					t.Fatalf("Ping after the call: %v", err)
				}
				if wrote := link.RecordedLen(faultproxy.Upstream) - before - pingBytes; wrote != 0 {
					t.Errorf("%d bytes went upstream for a call whose context had ended", wrote)
				}
				var one int
				if err := c.QueryRow(testCtx(t), "SELECT 1").Scan(&one); err != nil || one != 1 {
					t.Fatalf("SELECT 1 afterwards = %d, %v", one, err)
				}
				if c.InTransaction() {
					t.Error("a transaction is open after the call")
				}
				if k := c.KillStatsForTest(); k.Sent != 0 {
					t.Errorf("%d kills sent for a command never written", k.Sent)
				}
			})
		}
	}
	if n := tableCount(t, admin, "c7"); n != 0 {
		t.Errorf("%d rows in c7 after calls whose context had ended, want 0", n)
	}
}

// comKill returns the server's count of KILL statements.
func comKill(t *testing.T) int {
	t.Helper()
	v, err := testServer(t).QueryValue(context.Background(),
		"SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'COM_KILL'")
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("Com_kill %q: %v", v, err)
	}
	return n
}

// c8Query streams 200,000 rows of about 60 bytes: 12 MB, far more than the
// socket buffers hold, so fetches read from the socket.
const c8Query = "SELECT seq, REPEAT('x', 50) FROM seq_1_to_200000"

// seqValue is a seq column's value (BIGINT UNSIGNED) as an int64, or -1.
func seqValue(v any) int64 {
	switch n := v.(type) {
	case uint64:
		return int64(n)
	case int64:
		return n
	}
	return -1
}

// checkSeqRows checks that rows are [seq, pad] with seq running from first
// up by one.
func checkSeqRows(t *testing.T, rows [][]any, first int64) {
	t.Helper()
	for i, r := range rows {
		if len(r) != 2 || seqValue(r[0]) != first+int64(i) {
			t.Fatalf("row %d of the fetch is %v, want seq %d", i, r, first+int64(i))
		}
	}
}

// TestC8_CancelFetchThatReturned: the context of a fetch that has returned
// governs nothing any more: cancelling it sends no kill and the next fetch,
// under its own context, reads the rest.
func TestC8_CancelFetchThatReturned(t *testing.T) {
	t.Run("SSCursor", func(t *testing.T) {
		kills := comKill(t)
		c := connectT(t, plainConfig(t))
		cur := c.SSCursor()
		defer cur.Close()
		if _, err := cur.Execute(testCtx(t), c8Query); err != nil {
			t.Fatal(err)
		}
		ctx1, cancel1 := context.WithTimeout(context.Background(), 5*time.Second)
		row, err := cur.FetchOne(ctx1)
		cancel1()
		if err != nil || len(row) != 2 || seqValue(row[0]) != 1 {
			t.Fatalf("FetchOne = %v, %v", row, err)
		}
		time.Sleep(200 * time.Millisecond) // the scenario: the fetch's context ended a while ago
		rows, err := cur.FetchAll(testCtx(t))
		if err != nil {
			t.Errorf("FetchAll after the first fetch's context ended: %v", err)
		}
		if len(rows) != 199_999 {
			t.Errorf("FetchAll read %d rows, want 199999", len(rows))
		}
		checkSeqRows(t, rows, 2)
		if k := c.KillStatsForTest(); k.Cancels != 0 || k.Sent != 0 {
			t.Errorf("kill stats %+v: the end of a finished fetch's context counted as a cancellation", k)
		}
		if d := comKill(t) - kills; d != 0 {
			t.Errorf("the server ran %d KILL statements", d)
		}
		if c.IsClosed() {
			t.Fatal("the connection was closed")
		}
	})
	// With the pgx-style API the context given to Query governs its Rows.
	t.Run("Query's context governs Rows", func(t *testing.T) {
		c := connectT(t, plainConfig(t))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rows, err := c.Query(ctx, c8Query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if !rows.Next() {
			t.Fatalf("no first row: %v", rows.Err())
		}
		cancel()
		n := 1
		for rows.Next() {
			n++
		}
		if !errors.Is(rows.Err(), context.Canceled) {
			t.Errorf("Rows.Err after Query's context was cancelled = %v, want context.Canceled", rows.Err())
		}
		if n == 200_000 {
			t.Error("every row was read although Query's context was cancelled after the first")
		}
		assertCleanOrClosed(t, c)
	})
	t.Run("FetchOne with an ended context", func(t *testing.T) {
		c := connectT(t, plainConfig(t))
		cur := c.SSCursor()
		defer cur.Close()
		if _, err := cur.Execute(testCtx(t), c8Query); err != nil {
			t.Fatal(err)
		}
		if row, err := cur.FetchOne(testCtx(t)); err != nil || len(row) != 2 || seqValue(row[0]) != 1 {
			t.Fatalf("first FetchOne = %v, %v", row, err)
		}
		ended, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := cur.FetchOne(ended); !errors.Is(err, context.Canceled) {
			t.Errorf("FetchOne with a cancelled context = %v, want context.Canceled", err)
		}
		rows, err := cur.FetchAll(testCtx(t))
		if err != nil || len(rows) != 199_999 {
			t.Fatalf("FetchAll after the refused fetch: %d rows, %v; want 199999, nil", len(rows), err)
		}
		checkSeqRows(t, rows, 2)
		if k := c.KillStatsForTest(); k.Sent != 0 {
			t.Errorf("kill stats %+v: a kill was sent", k)
		}
	})
}

// assertCleanOrClosed fails unless c is closed or answers SELECT ? right.
func assertCleanOrClosed(t *testing.T, c *aiomysql.Conn) {
	t.Helper()
	if c.IsClosed() {
		return
	}
	var v int
	if err := c.QueryRow(testCtx(t), "SELECT ?", 4242).Scan(&v); err != nil || v != 4242 {
		t.Errorf("the connection is open but SELECT 4242 = %d, %v: desynced", v, err)
	}
}

// TestC9_InterruptedAfterWrite: when the context ends after the command
// went out and before its reply came, the outcome is unknown: COMMIT says
// ErrCommitUnknown, anything else ErrConnLost, both with the context's
// error, and the connection is closed.
func TestC9_InterruptedAfterWrite(t *testing.T) {
	admin := rootConn(t)
	resetTable(t, admin, "c9")
	for _, tc := range []struct {
		name string
		tx   bool
		run  func(ctx context.Context, c *aiomysql.Conn) error
		want error
		not  []error
	}{
		{"COMMIT", true, func(ctx context.Context, c *aiomysql.Conn) error { return c.Commit(ctx) },
			aiomysql.ErrCommitUnknown, []error{aiomysql.ErrNotSent}},
		{"INSERT in autocommit", false, func(ctx context.Context, c *aiomysql.Conn) error {
			_, err := c.Exec(ctx, "INSERT INTO c9 VALUES (2)")
			return err
		}, aiomysql.ErrConnLost, []error{aiomysql.ErrCommitUnknown, aiomysql.ErrNotSent}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, link := proxiedConn(t)
			if tc.tx {
				if err := c.Begin(testCtx(t)); err != nil {
					t.Fatal(err)
				}
				mustExec(t, c, "INSERT INTO c9 VALUES (1)")
			}
			if err := link.SetMode(faultproxy.Downstream, faultproxy.Delay(time.Second)); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			start := time.Now()
			err := tc.run(ctx, c)
			if d := time.Since(start); d > 300*time.Millisecond {
				t.Errorf("returned after %v with a 200ms context", d)
			}
			if !errors.Is(err, tc.want) || !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v, want one wrapping %v and context.DeadlineExceeded", err, tc.want)
			}
			for _, not := range tc.not {
				if errors.Is(err, not) {
					t.Errorf("error %v wraps %v", err, not)
				}
			}
			if !c.IsClosed() {
				t.Error("a connection whose reply is still on its way is open")
			}
		})
	}
}

// cancelOnRead is a connection that, once armed, calls cancel right after a
// Read returns bytes: the reply is in the client's hands before the context
// ends.
type cancelOnRead struct {
	net.Conn
	mu      sync.Mutex
	cancel  context.CancelFunc
	pending []byte // read from the socket, not yet handed to the client
}

func (c *cancelOnRead) arm(cancel context.CancelFunc) {
	c.mu.Lock()
	c.cancel = cancel
	c.mu.Unlock()
}

// Read, when armed, waits for the first bytes of the reply, collects what
// the server sends after them until it has been quiet for a while (the
// whole reply: the server may write one in several pieces), ends the
// context, and only then hands the client its first bytes. The client so
// gets the whole reply from the read in which its context ends, however the
// pieces came.
func (c *cancelOnRead) Read(p []byte) (int, error) {
	c.mu.Lock()
	cancel := c.cancel
	c.cancel = nil
	c.mu.Unlock()
	if cancel != nil {
		if err := c.collect(); err != nil {
			return 0, err
		}
		cancel()
	}
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	return c.Conn.Read(p)
}

// collect reads the reply into pending: one blocking read, then more until
// 200 ms pass with nothing new.
func (c *cancelOnRead) collect() error {
	buf := make([]byte, 64<<10)
	n, err := c.Conn.Read(buf)
	if err != nil {
		return err
	}
	c.pending = append(c.pending, buf[:n]...)
	for {
		if err := c.Conn.SetReadDeadline(time.Now().Add(200 * time.Millisecond)); err != nil {
			return err
		}
		n, err := c.Conn.Read(buf)
		c.pending = append(c.pending, buf[:n]...)
		if err != nil {
			if ne, ok := err.(net.Error); ok && ne.Timeout() {
				return c.Conn.SetReadDeadline(time.Time{})
			}
			return err
		}
	}
}

// TestC9_ReplyReadBeforeContextEnded: a reply the client had read in full
// when the context ended is a success.
func TestC9_ReplyReadBeforeContextEnded(t *testing.T) {
	var mu sync.Mutex
	var first *cancelOnRead
	cfg := plainConfig(t)
	// The reader holds the whole reply when the context ends; the kill
	// goroutine then needs a side connection and a proof query before it
	// can send. A short KillDelay keeps that a question of the driver's
	// logic, not of scheduling: without it, a reader descheduled for the
	// milliseconds of a side connect (2 runs in 150 under -race on a loaded
	// 2-core machine) lets the kill prove and go before the reply is parsed.
	cfg.KillDelay = 200 * time.Millisecond
	cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		w := &cancelOnRead{Conn: nc}
		mu.Lock()
		if first == nil {
			first = w // the client's own connection; later ones are kill side connections
		}
		mu.Unlock()
		return w, nil
	}
	c := connectT(t, cfg)
	// The connection's own deferred set-up goes out with its first command,
	// and its reply may come in a read of its own: send it now, so that the
	// read that ends the context brings the whole reply of the call.
	if err := c.Ping(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	for _, call := range []struct {
		name string
		run  func(ctx context.Context) error
	}{
		{"Exec DO 1", func(ctx context.Context) error {
			_, err := c.Exec(ctx, "DO 1")
			return err
		}},
		{"QueryRow SELECT 1", func(ctx context.Context) error {
			var v int
			if err := c.QueryRow(ctx, "SELECT 1").Scan(&v); err != nil {
				return err
			}
			if v != 1 {
				return errors.New("SELECT 1 returned " + strconv.Itoa(v))
			}
			return nil
		}},
	} {
		t.Run(call.name, func(t *testing.T) {
			kills := c.KillStatsForTest()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			first.arm(cancel)
			// The context ends inside the Read that brings the reply: seen
			// from the connection, the data and the end of the context come
			// in the same read, so either outcome is right; what must hold
			// is that the stream stays clean and no kill is sent for a
			// command whose reply had arrived. (The deterministic case, a
			// context that ends when the whole reply is buffered, is
			// TestC9_ReplyBufferedBeforeContextEnded.)
			if err := call.run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("%s with its reply read as the context ended = %v, want success or context.Canceled", call.name, err)
			} else {
				t.Logf("%s: %v", call.name, err)
			}
			if ctx.Err() == nil {
				t.Fatal("the context did not end: the test did not test the case")
			}
			if c.IsClosed() {
				t.Fatal("the connection was closed")
			}
			var v int
			if err := c.QueryRow(testCtx(t), "SELECT 2").Scan(&v); err != nil || v != 2 {
				t.Errorf("SELECT 2 afterwards = %d, %v", v, err)
			}
			if k := c.KillStatsForTest(); k.Sent != kills.Sent {
				t.Errorf("kill stats %+v, before the call %+v: a kill was sent for a finished command", k, kills)
			}
		})
	}
}

// TestC9_ReplyBufferedBeforeContextEnded: rows that were all in the
// client's hands when the context ended are read with no error, and
// nothing is killed.
func TestC9_ReplyBufferedBeforeContextEnded(t *testing.T) {
	c := connectT(t, plainConfig(t))
	if err := c.Ping(testCtx(t)); err != nil { // the connection's own set-up goes out
		t.Fatal(err)
	}
	for range 20 {
		kills := c.KillStatsForTest()
		ctx, cancel := context.WithCancel(context.Background())
		rows, err := c.Query(ctx, "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3")
		if err != nil {
			t.Fatal(err)
		}
		cancel() // the whole small reply has arrived with its head
		var got []int
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		}
		if err := rows.Err(); err != nil || len(got) != 3 {
			t.Fatalf("rows after the context ended = %v, %v; want [1 2 3] and no error", got, err)
		}
		if k := c.KillStatsForTest(); k != kills {
			t.Fatalf("kill stats %+v, before %+v: a finished reply caused a kill", k, kills)
		}
	}
}
