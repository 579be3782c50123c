package aiomysql_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// writesConn counts the writes on a connection: one per flush of the
// client's pending commands, so one per round trip.
type writesConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c writesConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// writesCounted connects as root with configure applied and returns the
// connection and its count of writes.
func writesCounted(t *testing.T, configure func(*aiomysql.Config)) (*aiomysql.Conn, *atomic.Int64) {
	t.Helper()
	writes := new(atomic.Int64)
	c := rootConnWith(t, func(cfg *aiomysql.Config) {
		cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			nc, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return writesConn{Conn: nc, writes: writes}, nil
		}
		configure(cfg)
	})
	return c, writes
}

// stmtCounters reads the session's Com_stmt_prepare and Com_stmt_close
// (with a query without arguments, which prepares nothing).
func stmtCounters(t *testing.T, c *aiomysql.Conn) (prepared, closed int) {
	t.Helper()
	rows, err := c.Query(testCtx(t), "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_close')")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, v string
		if err := rows.Scan(&name, &v); err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(v)
		if name == "Com_stmt_prepare" {
			prepared = n
		} else {
			closed = n
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return prepared, closed
}

// TestExecModes: each execution mode gives the same answer, costs the
// round trips it is documented to cost, and prepares and closes what it
// says on the server.
func TestExecModes(t *testing.T) {
	cases := []struct {
		mode aiomysql.QueryExecMode
		// writes per call (first, second), prepares and closes for two calls
		writes           [2]int64
		prepares, closes int
	}{
		{aiomysql.QueryExecModeText, [2]int64{1, 1}, 0, 0},
		{aiomysql.QueryExecModeDefault, [2]int64{1, 1}, 1, 0},
		{aiomysql.QueryExecModeCacheStatement, [2]int64{1, 1}, 1, 0},
		{aiomysql.QueryExecModePrepareExecute, [2]int64{2, 2}, 2, 2},
		{aiomysql.QueryExecModeDirect, [2]int64{1, 1}, 2, 2},
	}
	for _, tc := range cases {
		for _, perCall := range []bool{false, true} {
			name := tc.mode.String()
			if perCall {
				name += "/per call"
			}
			t.Run(name, func(t *testing.T) {
				c, writes := writesCounted(t, func(cfg *aiomysql.Config) {
					if !perCall {
						cfg.DefaultQueryExecMode = tc.mode
					}
				})
				ctx := testCtx(t)
				p0, c0 := stmtCounters(t, c)
				for i, want := range tc.writes {
					args := []any{int64(40 + i)}
					if perCall {
						args = append([]any{tc.mode}, args...)
					}
					before := writes.Load()
					var got int64
					if err := c.QueryRow(ctx, "SELECT ? + 2", args...).Scan(&got); err != nil {
						t.Fatal(err)
					}
					if got != int64(42+i) {
						t.Errorf("call %d: %d, want %d", i, got, 42+i)
					}
					if n := writes.Load() - before; n != want {
						t.Errorf("call %d: %d writes, want %d", i, n, want)
					}
				}
				p1, c1 := stmtCounters(t, c) // also sends a queued close
				if p1-p0 != tc.prepares || c1-c0 != tc.closes {
					t.Errorf("%d prepares and %d closes on the server, want %d and %d", p1-p0, c1-c0, tc.prepares, tc.closes)
				}
				// Exec in the same mode.
				args := []any{int64(1)}
				if perCall {
					args = append([]any{tc.mode}, args...)
				}
				if _, err := c.Exec(ctx, "DO ?", args...); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}

// TestStatementCacheLRU: the cache keeps the most recently used statements
// up to its capacity and closes the one it evicts.
func TestStatementCacheLRU(t *testing.T) {
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.StatementCacheCapacity = 2 })
	ctx := testCtx(t)
	p0, c0 := stmtCounters(t, c)
	// A, B, A (hit), C (evicts B), A (hit), B (evicts C).
	for _, q := range []string{"SELECT ? AS a", "SELECT ? AS b", "SELECT ? AS a", "SELECT ? AS c", "SELECT ? AS a", "SELECT ? AS b"} {
		var v int
		if err := c.QueryRow(ctx, q, 1).Scan(&v); err != nil || v != 1 {
			t.Fatalf("%s: %d, %v", q, v, err)
		}
	}
	p1, c1 := stmtCounters(t, c)
	if p1-p0 != 4 || c1-c0 != 2 {
		t.Errorf("%d prepares and %d closes, want 4 and 2", p1-p0, c1-c0)
	}
}

// TestStatementCacheAfterReset: ResetSession and ChangeUser deallocate the
// server's statements; the cache forgets them and prepares again.
func TestStatementCacheAfterReset(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	root := testServer(t).Root
	for _, reset := range []func() error{
		func() error { return c.ResetSession(ctx) },
		func() error { return c.ChangeUser(ctx, root.Name, root.Password, "test") },
	} {
		var v int
		if err := c.QueryRow(ctx, "SELECT ? + 1", 1).Scan(&v); err != nil || v != 2 {
			t.Fatalf("before: %d, %v", v, err)
		}
		if err := reset(); err != nil {
			t.Fatal(err)
		}
		p0, _ := stmtCounters(t, c)
		if err := c.QueryRow(ctx, "SELECT ? + 1", 2).Scan(&v); err != nil || v != 3 {
			t.Fatalf("after the reset: %d, %v", v, err)
		}
		if p1, _ := stmtCounters(t, c); p1-p0 != 1 {
			t.Errorf("%d prepares after the reset, want 1", p1-p0)
		}
	}
}

// TestCachedStatementAfterDDL: a table changed between two executions of a
// cached statement gives the new shape, not an error, in every way it can
// change.
func TestCachedStatementAfterDDL(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS ddl_t", "CREATE TABLE ddl_t (id INT PRIMARY KEY, a INT)", "INSERT INTO ddl_t VALUES (1, 10)")
	columns := func() []string {
		t.Helper()
		rows, err := c.Query(ctx, "SELECT * FROM ddl_t WHERE id = ?", 1)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var names []string
		for _, ct := range rows.ColumnTypes() {
			names = append(names, ct.Name)
		}
		if !rows.Next() {
			t.Fatalf("no row: %v", rows.Err())
		}
		if _, err := rows.Values(); err != nil {
			t.Fatal(err)
		}
		return names
	}
	if got := columns(); len(got) != 2 {
		t.Fatalf("columns %v", got)
	}
	for _, step := range []struct {
		ddl  []string
		want string
	}{
		{[]string{"ALTER TABLE ddl_t ADD COLUMN b VARCHAR(10) DEFAULT 'x'"}, "[id a b]"},
		{[]string{"ALTER TABLE ddl_t DROP COLUMN a"}, "[id b]"},
		{[]string{"DROP TABLE ddl_t", "CREATE TABLE ddl_t (id BIGINT PRIMARY KEY, z DATETIME)", "INSERT INTO ddl_t VALUES (1, NOW())"}, "[id z]"},
	} {
		mustExecAll(t, c, step.ddl...)
		// Twice: the second execute may skip the metadata the first brought.
		for range 2 {
			if got := columns(); joinNames(got) != step.want {
				t.Errorf("after %v: columns %v, want %s", step.ddl, got, step.want)
			}
		}
	}
}

func joinNames(n []string) string {
	out := "["
	for i, s := range n {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out + "]"
}

// TestExecModeFallsBackToText: a statement whose placeholders stand where
// the grammar wants a literal cannot be prepared; it runs as text, once
// tried, and the tracer says so.
func TestExecModeFallsBackToText(t *testing.T) {
	tr := &modeTracer{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Tracer = tr })
	ctx := testCtx(t)
	p0, _ := stmtCounters(t, c)
	for range 2 {
		var name, value string
		if err := c.QueryRow(ctx, "SHOW VARIABLES LIKE ?", "max_prepared_stmt_count").Scan(&name, &value); err != nil {
			t.Fatal(err)
		}
		if name != "max_prepared_stmt_count" {
			t.Errorf("name %q", name)
		}
	}
	if p1, _ := stmtCounters(t, c); p1-p0 > 1 {
		t.Errorf("%d prepares: the refusal was not remembered", p1-p0)
	}
	if got := tr.endModes(); len(got) < 2 || got[0] != aiomysql.QueryExecModeText || got[1] != aiomysql.QueryExecModeText {
		t.Errorf("traced modes %v, want text twice", got)
	}
	// A real syntax error is still one.
	var se *aiomysql.Error
	if _, err := c.Exec(ctx, "SELEC ?", 1); !errors.As(err, &se) || se.Number != 1064 {
		t.Errorf("a syntax error gave %v", err)
	}
}

// modeTracer records the modes of the queries and the prepares it sees.
type modeTracer struct {
	ends     []aiomysql.TraceQueryEndData
	prepares []aiomysql.TracePrepareEndData
}

func (m *modeTracer) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, _ aiomysql.TraceQueryStartData) context.Context {
	return ctx
}

func (m *modeTracer) TraceQueryEnd(_ context.Context, _ *aiomysql.Conn, d aiomysql.TraceQueryEndData) {
	m.ends = append(m.ends, d)
}

func (m *modeTracer) TracePrepareStart(ctx context.Context, _ *aiomysql.Conn, _ aiomysql.TracePrepareStartData) context.Context {
	return ctx
}

func (m *modeTracer) TracePrepareEnd(_ context.Context, _ *aiomysql.Conn, d aiomysql.TracePrepareEndData) {
	m.prepares = append(m.prepares, d)
}

// endModes are the modes of the traced queries that had arguments.
func (m *modeTracer) endModes() []aiomysql.QueryExecMode {
	var out []aiomysql.QueryExecMode
	for _, d := range m.ends {
		if d.Args > 0 {
			out = append(out, d.Mode)
		}
	}
	return out
}

// TestPrepareTracer: a prepare is traced once for a cached statement, and
// the query tracer sees the mode that ran.
func TestPrepareTracer(t *testing.T) {
	tr := &modeTracer{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Tracer = tr })
	ctx := testCtx(t)
	for range 3 {
		if _, err := c.Exec(ctx, "DO ?", 1); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Exec(ctx, "DO ?", aiomysql.QueryExecModeText, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "SELEC ?", 1); err == nil {
		t.Fatal("a syntax error succeeded")
	}
	// The syntax error is tried as text too (it might have been a
	// placeholder where only text can go), and fails there.
	want := []aiomysql.QueryExecMode{aiomysql.QueryExecModeCacheStatement, aiomysql.QueryExecModeCacheStatement,
		aiomysql.QueryExecModeCacheStatement, aiomysql.QueryExecModeText, aiomysql.QueryExecModeText}
	if got := tr.endModes(); joinModes(got) != joinModes(want) {
		t.Errorf("traced modes %v, want %v", got, want)
	}
	if len(tr.prepares) != 2 || tr.prepares[0].SQL != "DO ?" || tr.prepares[0].Err != nil || tr.prepares[1].Err == nil {
		t.Errorf("prepares traced: %+v; want DO ? once, then the failed SELEC ?", tr.prepares)
	}
}

func joinModes(m []aiomysql.QueryExecMode) string {
	var n []string
	for _, x := range m {
		n = append(n, x.String())
	}
	return joinNames(n)
}
