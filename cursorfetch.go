package aiomysql

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// errFetchSizeText: a server-side cursor needs the binary protocol.
var errFetchSizeText = errors.New("aiomysql: FetchSize needs a prepared execution mode (a server-side cursor is a prepared statement's); this call is in text mode")

// queryCursor runs query with args through a server-side cursor read
// fetchSize rows per COM_STMT_FETCH: the statement is prepared for this
// call (with its execute, in one round trip on MariaDB) and closed with
// the Rows. A statement the server does not prepare, or does not give a
// cursor, streams its rows as a query does.
//
// text has ? placeholders for vals; query, style and args are the call as
// given, for the text protocol to run when the server cannot prepare it.
func (c *Conn) queryCursor(ctx context.Context, dst *Rows, trace *queryTrace, text string, vals []any, fetchSize int,
	query string, style sqltext.Style, args []any) (*Rows, error) {
	c.noteSent(query)
	req := protocol.Request{Op: "query", Cursor: true}
	st, res, err := c.prepareRun(ctx, req, text, vals, true, trace)
	var pe *prepareError
	if errors.As(err, &pe) && pe.textMayWork() {
		trace.setMode(QueryExecModeText)
		return c.queryText(ctx, dst, trace, query, style, args)
	}
	if err != nil {
		if st != nil {
			_ = st.Close()
		}
		trace.end(c, err, 0)
		return nil, err
	}
	src, err := c.openCursor(st, res, fetchSize, true)
	if err != nil {
		trace.end(c, err, 0)
		return nil, err
	}
	if dst == nil {
		dst = new(Rows)
	}
	dst.start(c, src, ctx, trace)
	return dst, nil
}

// openCursor returns the cursor the execute's reply res opened, or res
// when the server opened none (then an own statement is closed at once:
// the close goes out with the next command).
func (c *Conn) openCursor(st *Stmt, res *protocol.Result, fetchSize int, own bool) (rowSource, error) {
	cur, err := c.pc.OpenCursor(st.ps, res, fetchSize, own)
	if err != nil {
		if own {
			_ = st.Close()
		}
		return nil, err
	}
	if cur != nil {
		return cur, nil
	}
	if own {
		_ = st.Close()
	}
	return res, nil
}

// fetchSizeError checks a FetchSize given to a call.
func fetchSizeError(n int) error {
	if n > 1<<31 {
		return fmt.Errorf("aiomysql: FetchSize %d is more than the protocol's %d", n, 1<<31)
	}
	return nil
}

// cursorQuery runs an aiomysql cursor's query (%s or %(name)s
// placeholders) through a server-side cursor: the placeholders are
// rewritten to ? and bound by the server. One that cannot be bound (inside
// a string) makes the query run as text, interpolated, as without
// FetchSize.
func (c *Conn) cursorQuery(ctx context.Context, query string, style sqltext.Style, args []any, fetchSize int) (*Rows, error) {
	if err := fetchSizeError(fetchSize); err != nil {
		return nil, err
	}
	if len(args) == 0 {
		style = sqltext.Question // sent as it is, %% included
	}
	trace := c.startTrace(ctx, query, len(args), QueryExecModePrepareExecute)
	_, lookup, positional := namedSource(style, args)
	text, names, err := sqltext.Rewrite(query, c.sqlOptions(style), lookup)
	if err != nil {
		trace.setMode(QueryExecModeText)
		return c.queryText(ctx, nil, trace, query, style, args)
	}
	vals := positional
	if names != nil {
		vals = make([]any, len(names))
		for i, n := range names {
			vals[i], _ = lookup(n)
		}
	}
	return c.queryCursor(ctx, nil, trace, text, vals, fetchSize, query, style, args)
}
