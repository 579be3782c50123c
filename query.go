package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Query runs a query and returns its rows as a stream. args fill the
// query's ? placeholders, or its @name / :name placeholders when the only
// argument is a NamedArgs map or a struct (see Interpolation in the package
// documentation). How arguments travel is the execution mode (see
// QueryExecMode): Config.DefaultQueryExecMode, or a QueryExecMode given as
// the first argument. The rows must be read to the end or closed before
// the connection runs anything else.
func (c *Conn) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	return c.queryCall(ctx, nil, query, args)
}

// QueryInto is Query reading into dst, a Rows that is closed or zero, whose
// buffers (columns, values, names) it reuses: a loop of queries through one
// dst allocates no Rows. It returns dst, or an error when dst is still open.
func (c *Conn) QueryInto(ctx context.Context, dst *Rows, query string, args ...any) (*Rows, error) {
	if err := dst.reusable(); err != nil {
		return nil, err
	}
	return c.queryCall(ctx, dst, query, args)
}

// queryCall runs a query of the Conn-level API (? and named placeholders,
// leading call options) in its execution mode; its rows go into dst, reused,
// or into a new Rows when dst is nil.
func (c *Conn) queryCall(ctx context.Context, dst *Rows, query string, args []any) (*Rows, error) {
	o, args := splitOptions(args)
	mode := c.execMode(o)
	if o.fetchSize > 0 {
		if mode == QueryExecModeText {
			return nil, errFetchSizeText
		}
		if err := fetchSizeError(o.fetchSize); err != nil {
			return nil, err
		}
		trace := c.startTrace(ctx, query, len(args), QueryExecModePrepareExecute)
		text, vals, err := c.bindText(query, args)
		if err != nil {
			trace.end(c, err, 0)
			return nil, err
		}
		return c.queryCursor(ctx, dst, trace, text, vals, o.fetchSize, query, sqltext.Question, args)
	}
	if len(args) == 0 || mode == QueryExecModeText {
		trace := c.startTrace(ctx, query, len(args), QueryExecModeText)
		return c.queryText(ctx, dst, trace, query, sqltext.Question, args)
	}
	trace := c.startTrace(ctx, query, len(args), mode)
	res, err := c.runBinary(ctx, protocol.Request{Op: "query"}, mode, query, args, trace)
	if errors.Is(err, errTextFallback) {
		trace.setMode(QueryExecModeText)
		return c.queryText(ctx, dst, trace, query, sqltext.Question, args)
	}
	if err != nil {
		trace.end(c, err, 0)
		return nil, err
	}
	if dst == nil {
		dst = new(Rows)
	}
	dst.start(c, res, ctx, trace)
	return dst, nil
}

// runBinary runs a Conn-level query with arguments in a prepared mode:
// named placeholders become ?, and the statement is prepared (or found in
// the cache) and executed. errTextFallback: run it as text.
func (c *Conn) runBinary(ctx context.Context, req protocol.Request, mode QueryExecMode, query string, args []any, trace *queryTrace) (*protocol.Result, error) {
	text, vals, err := c.bindText(query, args)
	if err != nil {
		return nil, err
	}
	c.noteSent(query)
	return c.runPrepared(ctx, req, mode, text, vals, trace)
}

func (c *Conn) query(ctx context.Context, query string, style sqltext.Style, args []any) (*Rows, error) {
	return c.queryInto(ctx, nil, query, style, args)
}

// queryInto runs a query whose rows go into dst, reused, or into a new Rows
// when dst is nil.
func (c *Conn) queryInto(ctx context.Context, dst *Rows, query string, style sqltext.Style, args []any) (*Rows, error) {
	return c.queryText(ctx, dst, c.startTrace(ctx, query, len(args), QueryExecModeText), query, style, args)
}

// queryText runs a query as text, its arguments interpolated, under trace.
func (c *Conn) queryText(ctx context.Context, dst *Rows, trace *queryTrace, query string, style sqltext.Style, args []any) (*Rows, error) {
	if err := c.prepareText(ctx, query, style, args); err != nil {
		trace.end(c, err, 0)
		return nil, err
	}
	res, err := c.pc.Query(ctx, protocol.Request{Op: "query"}, c.appendStmt)
	c.endStmt()
	if err != nil {
		trace.end(c, err, 0)
		return nil, err
	}
	if dst == nil {
		dst = new(Rows)
	}
	dst.start(c, res, ctx, trace)
	return dst, nil
}

// QueryRow runs a query expected to return at most one row. Errors are
// deferred to the returned Row's Scan; the rest of the result is discarded.
func (c *Conn) QueryRow(ctx context.Context, query string, args ...any) *Row {
	// The Rows of a QueryRow never reach the caller: the connection reuses
	// one, and the Row remembers which use of it is its own.
	rows, err := c.queryCall(ctx, &c.rowRows, query, args)
	if err != nil {
		return &Row{err: err}
	}
	return &Row{rows: rows, use: rows.use}
}

// Exec runs a statement that returns no rows (any rows it does return are
// read and discarded) and reports the server's count of affected rows, the
// last insert id and warnings. Arguments travel as for Query.
func (c *Conn) Exec(ctx context.Context, query string, args ...any) (Result, error) {
	o, args := splitOptions(args)
	mode := c.execMode(o)
	req := protocol.Request{Op: "exec"}
	if len(args) == 0 || mode == QueryExecModeText {
		return c.execText(ctx, req, c.startTrace(ctx, query, len(args), QueryExecModeText), query, sqltext.Question, args)
	}
	trace := c.startTrace(ctx, query, len(args), mode)
	res, err := c.runBinary(ctx, req, mode, query, args, trace)
	if errors.Is(err, errTextFallback) {
		trace.setMode(QueryExecModeText)
		return c.execText(ctx, req, trace, query, sqltext.Question, args)
	}
	if err == nil {
		err = res.Discard(ctx)
	}
	if err != nil {
		trace.end(c, err, 0)
		return Result{}, err
	}
	r := resultFrom(res.OK())
	trace.end(c, nil, int64(r.affected))
	return r, nil
}

func (c *Conn) exec(ctx context.Context, query string, style sqltext.Style, args []any) (Result, error) {
	return c.execAs(ctx, protocol.Request{Op: "exec"}, query, style, args)
}

// execAs runs a statement as req says (its name in errors, whether it is a
// COMMIT) and traces it.
func (c *Conn) execAs(ctx context.Context, req protocol.Request, query string, style sqltext.Style, args []any) (Result, error) {
	return c.execText(ctx, req, c.startTrace(ctx, query, len(args), QueryExecModeText), query, style, args)
}

// execText runs a statement as text, its arguments interpolated, under trace.
func (c *Conn) execText(ctx context.Context, req protocol.Request, trace *queryTrace, query string, style sqltext.Style, args []any) (Result, error) {
	if err := c.prepareText(ctx, query, style, args); err != nil {
		trace.end(c, err, 0)
		return Result{}, err
	}
	return c.runExec(ctx, req, trace)
}

// runExec sends the pending statement (c.stmt) and ends its trace.
func (c *Conn) runExec(ctx context.Context, req protocol.Request, trace *queryTrace) (Result, error) {
	ok, err := c.pc.Exec(ctx, req, c.appendStmt)
	c.endStmt()
	if err != nil {
		trace.end(c, err, 0)
		return Result{}, err
	}
	res := resultFrom(ok)
	trace.end(c, nil, int64(res.affected))
	return res, nil
}

// stmtText is the statement the next command writes: its text and the
// arguments to interpolate into it, straight into the write buffer.
type stmtText struct {
	query string
	style sqltext.Style
	args  []any
	raw   []byte // already interpolated text (ExecuteMany), written as is
}

// prepareText gets the statement ready for appendStmt: it proves the
// character set when arguments will be interpolated, and notes the text for
// the charset guard (arguments are literals: only the text can change the
// character set).
func (c *Conn) prepareText(ctx context.Context, query string, style sqltext.Style, args []any) error {
	if len(args) > 0 {
		if err := c.ensureCharset(ctx); err != nil {
			return err
		}
	}
	c.noteSent(query)
	// A copy of args, so that the caller's variadic slice does not escape
	// to the heap (one allocation per call otherwise).
	c.stmtArgs = append(c.stmtArgs[:0], args...)
	c.stmt = stmtText{query: query, style: style, args: c.stmtArgs}
	return nil
}

// endStmt forgets the statement prepareText readied, and the references to
// its arguments.
func (c *Conn) endStmt() {
	clear(c.stmtArgs)
	c.stmtArgs = c.stmtArgs[:0]
	c.stmt = stmtText{}
}

// writeStmt appends the pending statement to a command packet; the
// connection keeps it as the func value appendStmt, made once, so that
// sending a statement allocates no closure.
func (c *Conn) writeStmt(dst []byte) ([]byte, error) {
	st := &c.stmt
	if st.raw != nil {
		return append(dst, st.raw...), nil
	}
	return c.appendInterpolated(dst, st.query, st.style, st.args)
}

// NamedArgs gives values to named placeholders (@name or :name for Query and
// Exec, %(name)s for cursors).
type NamedArgs map[string]any

// interpolate returns the text of a query with its arguments in it (see
// appendInterpolated), without proving the character set first (Mogrify,
// and ExecuteMany after it proved it once).
func (c *Conn) interpolate(query string, style sqltext.Style, args []any) (string, error) {
	if len(args) == 0 {
		return query, nil
	}
	buf, err := c.appendInterpolated(make([]byte, 0, len(query)+16*len(args)), query, style, args)
	if err != nil {
		return "", err
	}
	return string(buf), nil
}

// appendInterpolated appends the text of a query with its arguments in it
// to dst. Values are escaped for the session's current state: the server's
// NO_BACKSLASH_ESCAPES flag and character set, both tracked from every
// reply. A character set in which byte 0x5c can end a multibyte character is
// never interpolated into: the query is refused with ErrUnsafeInterpolation.
func (c *Conn) appendInterpolated(dst []byte, query string, style sqltext.Style, args []any) ([]byte, error) {
	if len(args) == 0 {
		return append(dst, query...), nil
	}
	cs := c.clientCharset()
	if charset.UnsafeForEscaping(cs) {
		return dst, fmt.Errorf("%w: the connection's character set is %s", ErrUnsafeInterpolation, cs)
	}
	o := c.sqlOptions(style)
	// Literals are written to read the same whatever NO_BACKSLASH_ESCAPES
	// says: the status flag can be stale (after SET STATEMENT sql_mode=...
	// FOR ..., the reply carries the statement's temporary mode).
	lit := &types.LiteralOptions{NoBackslashEscapes: o.NoBackslashEscapes, Charset: cs, Location: c.location(),
		TimeTruncate: c.cfg.TimeTruncate}
	appendArg := func(dst []byte, v any) ([]byte, error) { return types.AppendLiteral(dst, v, lit) }
	style, named, positional := namedSource(style, args)
	o.Style = style
	return sqltext.Interpolate(dst, query, o, positional, named, appendArg)
}

// clientCharset is the character set the server reads query text in:
// character_set_client as the server last reported it through session
// tracking (SET NAMES, SET character_set_client, an init command), else the
// one negotiated at connect, which also covers a Config that names only a
// Collation or spells the character set in capitals. It is in lower case.
func (c *Conn) clientCharset() string {
	tracked := c.pc.Session().CharacterSetClient
	if c.charsetVerified != "" && tracked == c.trackedAtVerify {
		// Nothing was reported since the server was asked.
		return c.charsetVerified
	}
	if tracked != "" {
		return strings.ToLower(tracked)
	}
	return c.collation.Charset
}

// sqlOptions describes how the session reads SQL text now: its
// NO_BACKSLASH_ESCAPES and ANSI_QUOTES state, from the last reply's status.
func (c *Conn) sqlOptions(style sqltext.Style) sqltext.Options {
	status := c.pc.Status()
	return sqltext.Options{
		Style:              style,
		NoBackslashEscapes: status&wire.ServerStatusNoBackslashEscapes != 0,
		ANSIQuotes:         status&wire.ServerStatusAnsiQuotes != 0,
	}
}

// location is the zone DATETIME values are read and written in, and
// TIMESTAMP values are given in.
func (c *Conn) location() *time.Location {
	if c.cfg.Location != nil {
		return c.cfg.Location
	}
	return time.UTC
}

// decodeOptions are the options for decoding this connection's values: in
// Location, TIMESTAMP values read in the session's time zone when the
// server has reported it, else in the zone Config.TimeZone set (a server
// without session tracking, as TiDB and vtgate, reports none).
func (c *Conn) decodeOptions() *types.Options {
	zone := c.pc.Session().TimeZone
	if zone == "" {
		zone = c.cfg.TimeZone
	}
	c.decodeOpts.track(zone)
	return &c.decodeOpts.opts
}
