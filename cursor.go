package aiomysql

import (
	"context"
	"errors"
	"fmt"

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
	return &Cursor[[]any]{conn: c, streaming: streaming, ArraySize: 1,
		build: func(_ *Cursor[[]any], vals []any) []any { return vals }}
}

func newDictCursor(c *Conn, streaming bool) *Cursor[map[string]any] {
	return &Cursor[map[string]any]{conn: c, streaming: streaming, ArraySize: 1,
		build: func(cur *Cursor[map[string]any], vals []any) map[string]any {
			m := make(map[string]any, len(vals))
			for i, v := range vals {
				m[cur.names[i]] = v
			}
			return m
		}}
}

// ErrCursorClosed is returned by a cursor's methods after Close.
var ErrCursorClosed = errors.New("aiomysql: cursor is closed")

// Execute runs a query, as aiomysql's execute. args fill %s placeholders in
// order (%% is a literal percent), or %(name)s placeholders when the only
// argument is a NamedArgs (or map[string]any). Without args the query is sent
// as it is. A previous result still open is discarded first. Execute returns
// the affected rows, or for a buffered cursor the number of rows read; a
// streaming cursor returns -1 for a result set, whose size is known only once
// it is read.
func (cur *Cursor[R]) Execute(ctx context.Context, query string, args ...any) (int64, error) {
	if err := cur.reset(); err != nil {
		return 0, err
	}
	style := sqltext.Format
	if len(args) == 1 && isNamed(args[0]) {
		style = sqltext.Pyformat
	}
	rows, err := cur.conn.query(ctx, query, style, args)
	if err != nil {
		return 0, err
	}
	cur.executed = query
	cur.rows = rows
	if err := cur.loadResult(); err != nil {
		return 0, err
	}
	return cur.rowcount, nil
}

// reset closes what the previous Execute left open.
func (cur *Cursor[R]) reset() error {
	if cur.closed {
		return ErrCursorClosed
	}
	if cur.rows != nil {
		if err := cur.rows.Close(); err != nil {
			cur.rows = nil
			return err
		}
		cur.rows = nil
	}
	cur.buf, cur.pos, cur.rowcount, cur.lastID, cur.warnings, cur.desc = nil, 0, 0, 0, 0, nil
	return nil
}

// loadResult takes in the current result of cur.rows: its description, and
// for a buffered cursor all its rows.
func (cur *Cursor[R]) loadResult() error {
	rows := cur.rows
	cur.buf, cur.pos = nil, 0
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

func isNamed(v any) bool {
	switch v.(type) {
	case NamedArgs, map[string]any:
		return true
	}
	return false
}

// FetchOne returns the next row, or nil when there is none left.
func (cur *Cursor[R]) FetchOne(ctx context.Context) (R, error) {
	var zero R
	if cur.closed {
		return zero, ErrCursorClosed
	}
	if !cur.streaming {
		if cur.pos >= len(cur.buf) {
			return zero, nil
		}
		cur.pos++
		return cur.buf[cur.pos-1], nil
	}
	return cur.streamOne(ctx)
}

// streamOne reads the next row of a streaming cursor from the socket.
func (cur *Cursor[R]) streamOne(ctx context.Context) (R, error) {
	var zero R
	rows := cur.rows
	if rows == nil || len(cur.desc) == 0 {
		return zero, nil
	}
	if err := rows.rebind(ctx); err != nil {
		return zero, err
	}
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return zero, err
		}
		if cur.rowcount < 0 {
			cur.rowcount = int64(cur.pos)
			cur.takeWarnings(rows.Result())
		}
		return zero, nil
	}
	vals, err := rows.Values()
	if err != nil {
		return zero, err
	}
	cur.pos++
	return cur.build(cur, vals), nil
}

func (cur *Cursor[R]) takeWarnings(res Result) { cur.warnings = res.Warnings() }

// FetchMany returns up to n rows (ArraySize rows when n <= 0); fewer, or
// none, at the end.
func (cur *Cursor[R]) FetchMany(ctx context.Context, n int) ([]R, error) {
	if n <= 0 {
		n = max(cur.ArraySize, 1)
	}
	var out []R
	for range n {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return out, err
		}
		if row == nil {
			break
		}
		out = append(out, row)
	}
	return out, nil
}

// FetchAll returns all remaining rows.
func (cur *Cursor[R]) FetchAll(ctx context.Context) ([]R, error) {
	if cur.closed {
		return nil, ErrCursorClosed
	}
	if !cur.streaming {
		out := cur.buf[min(cur.pos, len(cur.buf)):]
		cur.pos = len(cur.buf)
		return out, nil
	}
	var out []R
	for {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return out, err
		}
		if row == nil {
			return out, nil
		}
		out = append(out, row)
	}
}

// ScrollMode says how Scroll counts.
type ScrollMode int

// The scroll modes.
const (
	// ScrollRelative moves by the value from the current position.
	ScrollRelative ScrollMode = iota
	// ScrollAbsolute moves to the value as a row index.
	ScrollAbsolute
)

// ErrScroll is returned when Scroll would move outside the result set, or
// backwards on a streaming cursor.
var ErrScroll = errors.New("aiomysql: scroll out of range")

// Scroll moves the position in the result set, as aiomysql's scroll. A
// streaming cursor can only move forward (by reading and discarding rows).
func (cur *Cursor[R]) Scroll(ctx context.Context, value int, mode ScrollMode) error {
	if cur.closed {
		return ErrCursorClosed
	}
	target := value
	if mode == ScrollRelative {
		target = cur.pos + value
	} else if mode != ScrollAbsolute {
		return fmt.Errorf("aiomysql: unknown scroll mode %d", mode)
	}
	if !cur.streaming {
		if target < 0 || target >= len(cur.buf) {
			return fmt.Errorf("%w: position %d of %d rows", ErrScroll, target, len(cur.buf))
		}
		cur.pos = target
		return nil
	}
	if target < cur.pos {
		return fmt.Errorf("%w: a streaming cursor cannot move backwards (from %d to %d)", ErrScroll, cur.pos, target)
	}
	for cur.pos < target {
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return err
		}
		if row == nil {
			return fmt.Errorf("%w: the result set ended at row %d before %d", ErrScroll, cur.pos, target)
		}
	}
	return nil
}

// NextSet moves to the next result of a multi-statement query or a CALL,
// discarding unread rows, as aiomysql's nextset. It returns false when there
// is none.
func (cur *Cursor[R]) NextSet(ctx context.Context) (bool, error) {
	if cur.closed {
		return false, ErrCursorClosed
	}
	rows := cur.rows
	if rows == nil {
		return false, nil
	}
	if err := rows.rebind(ctx); err != nil {
		return false, err
	}
	if !rows.NextResultSet() {
		cur.rows = nil
		return false, rows.Err()
	}
	if err := cur.loadResult(); err != nil {
		return false, err
	}
	return true, nil
}

// Mogrify returns the query with its arguments interpolated, exactly as
// Execute would send it, as aiomysql's mogrify.
func (cur *Cursor[R]) Mogrify(query string, args ...any) (string, error) {
	style := sqltext.Format
	if len(args) == 1 && isNamed(args[0]) {
		style = sqltext.Pyformat
	}
	return cur.conn.interpolate(query, style, args)
}

// Close discards what is left of the result and closes the cursor. It is
// idempotent. The connection stays open.
func (cur *Cursor[R]) Close() error {
	if cur.closed {
		return nil
	}
	err := cur.reset()
	cur.closed = true
	return err
}

// RowCount returns the rows of the last result set (buffered cursors, and
// streaming ones once read to the end; -1 before), or the rows the last
// statement affected, as aiomysql's rowcount.
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
