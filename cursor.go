package aiomysql

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// CursorRow is the row type of a cursor: a tuple ([]any, in column order) or
// a dict (map[string]any, keyed by column name; a name seen twice becomes
// "table.column" from its second occurrence, as aiomysql's DictCursor does).
type CursorRow interface {
	[]any | map[string]any
}

// Cursor runs queries and fetches their rows the way aiomysql's cursors do.
// Get one from Conn.Cursor, SSCursor, DictCursor or SSDictCursor. A buffered
// cursor reads the whole result set when Execute runs and can Scroll freely;
// a streaming (SS) cursor reads rows from the socket as they are fetched,
// forward only, and keeps the connection busy until its rows are read or it is
// closed. A Cursor is not safe for concurrent use.
type Cursor[R CursorRow] struct {
	conn      *Conn
	streaming bool
	build     func(c *Cursor[R], vals []any) R

	// ArraySize is how many rows FetchMany returns when asked for 0 or fewer.
	// Default 1.
	ArraySize int

	// FetchSize, above 0, makes Execute read its result through a
	// server-side cursor, FetchSize rows per COM_STMT_FETCH: the %s and
	// %(name)s placeholders are then bound by the server (rewritten to ?)
	// rather than interpolated, the rows come in the binary protocol, and a
	// streaming cursor holds at most one batch in memory and leaves the
	// connection free for other statements between fetches. A query whose
	// placeholders cannot be bound runs as without it. Default 0: no cursor.
	FetchSize int

	rows     *Rows // the open result (streaming cursors, or between result sets)
	buf      []R   // the current result set (buffered cursors)
	pos      int   // index of the next row: aiomysql's rownumber
	rowcount int64
	lastID   int64
	warnings int
	desc     []ColumnType
	names    []string // dict keys, with duplicates disambiguated
	executed string
	closed   bool
	gen      uint64   // the lease it was made under (a pool connection's)
	pool     PoolConn // the Pool's Cursor: released by Close
}

// Cursor returns a cursor whose rows are tuples ([]any). It is buffered
// unless Config.DefaultCursor is a streaming kind.
func (c *Conn) Cursor() *Cursor[[]any] {
	return newTupleCursor(c, c.cfg.DefaultCursor.Streaming())
}

// SSCursor returns a streaming (unbuffered) cursor whose rows are tuples.
func (c *Conn) SSCursor() *Cursor[[]any] { return newTupleCursor(c, true) }

// DictCursor returns a cursor whose rows are maps from column names. It is
// buffered unless Config.DefaultCursor is a streaming kind.
func (c *Conn) DictCursor() *Cursor[map[string]any] {
	return newDictCursor(c, c.cfg.DefaultCursor.Streaming())
}

// SSDictCursor returns a streaming (unbuffered) cursor whose rows are maps.
func (c *Conn) SSDictCursor() *Cursor[map[string]any] { return newDictCursor(c, true) }

func newTupleCursor(c *Conn, streaming bool) *Cursor[[]any] {
	return newCursor(c, streaming, func(_ *Cursor[[]any], vals []any) []any { return vals })
}

func newDictCursor(c *Conn, streaming bool) *Cursor[map[string]any] {
	return newCursor(c, streaming, func(cur *Cursor[map[string]any], vals []any) map[string]any {
		m := make(map[string]any, len(vals))
		for i, v := range vals {
			m[cur.names[i]] = v
		}
		return m
	})
}

// newCursor makes a cursor with no result yet: RowCount -1, as aiomysql's.
func newCursor[R CursorRow](c *Conn, streaming bool, build func(*Cursor[R], []any) R) *Cursor[R] {
	return &Cursor[R]{conn: c, streaming: streaming, ArraySize: 1, build: build, rowcount: -1, gen: c.gen.Load()}
}

// ErrCursorClosed is returned by a cursor's methods after Close.
var ErrCursorClosed = errors.New("aiomysql: cursor is closed")

// Execute runs a query, as aiomysql's execute. args fill %s placeholders in
// order, or %(name)s placeholders when the only argument is a NamedArgs, a
// map[string]any or a struct (fields by their db tag, else their name).
// With args the whole text is formatted as Python's % formats it, so %% is
// a literal percent in strings and comments too:
//
//	cur.Execute(ctx, "SELECT '100%%', id FROM t WHERE name LIKE %s", "a%") // SELECT '100%', id … LIKE 'a%'
//
// (a placeholder inside a string or comment is filled too, unless its value
// could end it; see Interpolation in the package documentation). Without
// args the query is sent as it is, '100%%' included. A previous result
// still open is discarded first. Execute returns
// the affected rows, or for a buffered cursor the number of rows read; a
// streaming cursor returns -1 for a result set, whose size is known only once
// it is read.
//
// When Execute fails it returns RowCount, and the cursor holds no result (no
// Description, no rows, LastRowID 0), as aiomysql's: RowCount is 0 when the
// server refused the statement or failed in the middle of a buffered result
// (aiomysql clears its result before it sends), and -1 when the statement
// never reached the server (an interpolation error, a context that ended
// first) or its outcome is unknown (the connection was lost).
func (cur *Cursor[R]) Execute(ctx context.Context, query string, args ...any) (int64, error) {
	if err := cur.reset(ctx); err != nil {
		return cur.rowcount, err
	}
	var rows *Rows
	var err error
	if cur.FetchSize > 0 {
		rows, err = cur.conn.cursorQuery(ctx, query, cursorStyle(args), args, cur.FetchSize)
	} else {
		rows, err = cur.conn.query(ctx, query, cursorStyle(args), args)
	}
	if err != nil {
		return cur.failed(err), err
	}
	cur.executed = query
	cur.rows = rows
	if err := cur.loadResult(); err != nil {
		return cur.failed(err), err
	}
	return cur.rowcount, nil
}

// failed forgets the result of an execute that failed with err and returns
// aiomysql's rowcount for it: 0 when the server answered with an error, -1
// when nothing reached it or its answer was lost.
func (cur *Cursor[R]) failed(err error) int64 {
	cur.buf, cur.pos, cur.lastID, cur.desc, cur.names = nil, 0, 0, nil, nil
	cur.rowcount = -1
	if _, ok := errors.AsType[*Error](err); ok {
		cur.rowcount = 0
	}
	return cur.rowcount
}

// reset ends what the previous Execute left open, in bounded time (as
// Rows.Close does), for the call under ctx that needs the connection; a ctx
// that has already ended leaves it as it is.
func (cur *Cursor[R]) reset(ctx context.Context) error {
	if cur.closed {
		return ErrCursorClosed
	}
	if err := cur.conn.leaseErr(cur.gen); err != nil {
		return err
	}
	if cur.rows != nil {
		if err := cur.rows.rebind(ctx); err != nil {
			return err
		}
	}
	return cur.discard()
}

// discard ends what the previous Execute left open (see Rows.Close) and
// forgets the previous result.
func (cur *Cursor[R]) discard() error {
	var err error
	if cur.rows != nil {
		err = cur.rows.Close()
		cur.rows = nil
	}
	cur.buf, cur.pos, cur.rowcount, cur.lastID, cur.warnings, cur.desc = nil, 0, -1, 0, 0, nil
	return err
}

// loadResult takes in the current result of cur.rows: its description, and
// for a buffered cursor all its rows.
func (cur *Cursor[R]) loadResult() error {
	rows := cur.rows
	cur.buf, cur.pos, cur.lastID, cur.warnings = nil, 0, 0, 0
	cur.desc = rows.ColumnTypes()
	cur.names = dictNames(cur.desc)
	if len(cur.desc) == 0 {
		cur.desc = nil
		cur.takeResult(rows.Result())
		return rows.Err()
	}
	if cur.streaming {
		cur.rowcount = -1
		return nil
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		cur.buf = append(cur.buf, cur.build(cur, vals))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	cur.takeResult(rows.Result())
	cur.rowcount = int64(len(cur.buf))
	return nil
}

func (cur *Cursor[R]) takeResult(res Result) {
	cur.rowcount = int64(res.affected)
	cur.lastID = int64(res.insertID)
	cur.warnings = res.Warnings()
}

// dictNames gives each column its dict key: its name, or table.name when the
// name was taken by an earlier column.
func dictNames(cols []ColumnType) []string {
	names := make([]string, len(cols))
	seen := make(map[string]bool, len(cols))
	for i, c := range cols {
		n := c.Name
		if seen[n] {
			n = c.Table + "." + c.Name
		}
		seen[n] = true
		names[i] = n
	}
	return names
}

// cursorStyle is the placeholder style of a cursor's query with args:
// %(name)s when the only argument gives values by name (a NamedArgs, a
// map[string]any or a struct), else %s.
func cursorStyle(args []any) sqltext.Style {
	if len(args) == 1 && isNamed(args[0]) {
		return sqltext.Pyformat
	}
	return sqltext.Format
}

// isNamed reports whether v gives values by name.
func isNamed(v any) bool { return namesOf(v) != nil }

// Mogrify returns the query with its arguments interpolated, exactly as
// Execute would send it, as aiomysql's mogrify.
func (cur *Cursor[R]) Mogrify(query string, args ...any) (string, error) {
	return cur.conn.interpolate(query, cursorStyle(args), args)
}

// Close discards what is left of the result and closes the cursor. It is
// idempotent. The connection stays open. A streaming cursor's unread rest
// is ended in bounded time, as Rows.Close ends it: read for a moment, then
// the statement killed and what is in flight drained (or, when no kill can
// be sent, the connection closed). The contexts of earlier fetches play no
// part: each governed its own fetch.
func (cur *Cursor[R]) Close() error {
	if cur.closed {
		return nil
	}
	err := cur.discard()
	cur.closed = true
	if cur.pool.p != nil {
		c := cur.pool
		cur.pool = PoolConn{}
		c.Release()
	}
	return err
}

// RowCount returns the rows of the last result set (buffered cursors, and
// streaming ones once read to the end; -1 before), or the rows the last
// statement affected, as aiomysql's rowcount. It is -1 before the first
// Execute; see Execute for its value after a failure.
func (cur *Cursor[R]) RowCount() int64 { return cur.rowcount }

// RowNumber returns the index of the next row to fetch, as aiomysql's rownumber.
func (cur *Cursor[R]) RowNumber() int { return cur.pos }

// LastRowID returns the AUTO_INCREMENT id of the last inserted row, as
// aiomysql's lastrowid.
func (cur *Cursor[R]) LastRowID() int64 { return cur.lastID }

// Description describes the current result set's columns, or is nil when
// the last statement returned no rows, as aiomysql's description.
func (cur *Cursor[R]) Description() []ColumnType { return cur.desc }

// Warnings returns the number of warnings the last statement raised.
func (cur *Cursor[R]) Warnings() int { return cur.warnings }

// Executed returns the last query text given to Execute, as aiomysql's
// _executed (before interpolation).
func (cur *Cursor[R]) Executed() string { return cur.executed }

// Conn returns the connection the cursor uses.
func (cur *Cursor[R]) Conn() *Conn { return cur.conn }
