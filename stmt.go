package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Stmt is a statement prepared on the server (COM_STMT_PREPARE): it runs
// with its arguments sent apart from the SQL, in the binary protocol, never
// interpolated, and its rows come in the binary protocol, decoded into the
// same Go values as text rows. Get one from Conn.Prepare. It belongs to
// that connection and is not safe for concurrent use; Close it when done
// (which costs no round trip).
type Stmt struct {
	conn  *Conn
	ps    *protocol.Stmt
	query string
	names []string // the named placeholders in order; nil for positional
	call  bool     // a CALL: its OUT parameters are a result set (see Rows.OutParams)
	// user: the Stmt is Prepare's, which ends with the lease gen it was
	// prepared under (a pool connection's; see Conn.leaseErr).
	user    bool
	gen     uint64
	open    bool   // counted in conn.userStmts
	session uint64 // the conn.session it was prepared in

	params []wire.StmtParam
	buf    []byte // the parameters' encodings
	ends   []int  // where each parameter's encoding ends in buf
}

// Prepare prepares query on the server. Its placeholders are the server's
// ?, or aiomysql's: %s (positional) or %(name)s (named: the statement then
// runs with one NamedArgs, map or struct argument), rewritten to ? before
// preparing; %% stands for %. A query with ? in its code is taken as it
// is, as is one whose % placeholders cannot be bound (inside a string, say).
func (c *Conn) Prepare(ctx context.Context, query string) (*Stmt, error) {
	text, names := c.serverPlaceholders(query)
	ps, err := c.tracedPrepare(ctx, text)
	ps, err = c.prepareAgainIfFull(ctx, text, ps, err)
	if err != nil {
		return nil, err
	}
	c.userStmts++
	return &Stmt{conn: c, ps: ps, query: text, names: names, call: c.isCall(text), user: true, gen: c.gen.Load(), open: true, session: c.session}, nil
}

// tracedPrepare prepares text in a round trip of its own, traced.
func (c *Conn) tracedPrepare(ctx context.Context, text string) (*protocol.Stmt, error) {
	pt := c.startPrepare(ctx, nil, text)
	ps, err := c.pc.Prepare(ctx, text)
	pt.end(c, err)
	return ps, err
}

// prepareAgainIfFull takes the outcome of preparing text: when the server
// refused it because it holds as many statements as it allows (ER 1461),
// the least recently used cached statement is closed (the close goes out
// with the prepare) and text prepared once more.
func (c *Conn) prepareAgainIfFull(ctx context.Context, text string, ps *protocol.Stmt, err error) (*protocol.Stmt, error) {
	if !isServerError(err, errcode.MaxPreparedStmtCountReached) || c.IsClosed() {
		return ps, err
	}
	old := c.stmts.evictOldest()
	if old == nil {
		return ps, err
	}
	_ = old.Close()
	return c.tracedPrepare(ctx, text)
}

// serverPlaceholders rewrites aiomysql's %s and %(name)s placeholders to ?,
// returning the names of the named ones in order.
func (c *Conn) serverPlaceholders(query string) (string, []string) {
	if !strings.Contains(query, "%") {
		return query, nil
	}
	if n, err := sqltext.Count(query, c.sqlOptions(sqltext.Question)); err != nil || n > 0 {
		return query, nil
	}
	style := sqltext.Format
	if strings.Contains(query, "%(") {
		style = sqltext.Pyformat
	}
	text, names, err := sqltext.Rewrite(query, c.sqlOptions(style), nil)
	if err != nil {
		return query, nil
	}
	return text, names
}

// positional returns the statement's arguments in placeholder order: args
// themselves, or for a statement with named placeholders the values its one
// NamedArgs, map or struct argument holds under those names.
func (s *Stmt) positional(args []any) ([]any, error) {
	if s.names == nil {
		return args, nil
	}
	var lookup func(string) (any, bool)
	if len(args) == 1 {
		lookup = namesOf(args[0])
	}
	if lookup == nil {
		return nil, fmt.Errorf("aiomysql: the statement has named placeholders: give one NamedArgs, map or struct argument, not %d arguments", len(args))
	}
	vals := make([]any, len(s.names))
	for i, n := range s.names {
		v, ok := lookup(n)
		if !ok {
			return nil, fmt.Errorf("aiomysql: no argument named %q", n)
		}
		vals[i] = v
	}
	return vals, nil
}

// ParamCount returns the number of placeholders.
func (s *Stmt) ParamCount() int { return len(s.ps.Params) }

// Columns describes the columns of the statement's result, as the server
// announced them when preparing (none for a statement without rows).
func (s *Stmt) Columns() []ColumnType {
	out := make([]ColumnType, len(s.ps.Defs))
	for i := range s.ps.Defs {
		out[i] = newColumnType(&s.ps.Defs[i])
	}
	return out
}

// bind encodes args as the statement's parameters.
func (s *Stmt) bind(args []any) error {
	c := s.conn
	lit := &types.LiteralOptions{Location: c.location(), TimeTruncate: c.cfg.TimeTruncate}
	s.buf, s.params, s.ends = s.buf[:0], s.params[:0], s.ends[:0]
	for _, a := range args {
		var p wire.StmtParam
		var err error
		if s.buf, p, err = types.AppendBinaryParam(s.buf, a, lit); err != nil {
			return err
		}
		s.params = append(s.params, p)
		s.ends = append(s.ends, len(s.buf))
	}
	// The values alias buf, which may have moved as it grew.
	start := 0
	for i := range s.params {
		if s.params[i].Value != nil {
			s.params[i].Value = s.buf[start:s.ends[i]]
		}
		start = s.ends[i]
	}
	return nil
}

// execute runs the statement with args and returns the head of its reply.
func (s *Stmt) execute(ctx context.Context, op string, args []any) (*protocol.Result, *queryTrace, error) {
	if o, rest := splitOptions(args); len(rest) != len(args) {
		if o.fetchSize > 0 {
			return nil, nil, errors.New("aiomysql: FetchSize is for Stmt.Query")
		}
		return nil, nil, errors.New("aiomysql: a QueryExecMode has no meaning for a prepared Stmt")
	}
	if err := s.current(ctx); err != nil {
		return nil, nil, err
	}
	args, err := s.positional(args)
	if err != nil {
		return nil, nil, err
	}
	trace := s.conn.startTrace(ctx, s.query, len(args), QueryExecModeDefault)
	if err := s.checkCount(len(args)); err != nil {
		trace.end(s.conn, err, 0)
		return nil, nil, err
	}
	res, err := s.run(ctx, protocol.Request{Op: op}, args)
	if err != nil {
		trace.end(s.conn, err, 0)
		return nil, nil, err
	}
	return res, trace, nil
}

// checkCount refuses a number of arguments that is not the number of
// placeholders, with the error the text protocol gives.
func (s *Stmt) checkCount(n int) error {
	if n != len(s.ps.Params) {
		return &sqltext.ArgCountError{Want: len(s.ps.Params), Got: n}
	}
	return nil
}

// run binds args and executes the statement.
func (s *Stmt) run(ctx context.Context, req protocol.Request, args []any) (*protocol.Result, error) {
	if err := s.bind(args); err != nil {
		return nil, err
	}
	req.Call = s.call
	return s.conn.pc.Execute(ctx, s.ps, req, s.params)
}

// Query runs the statement with args and returns its rows (see Conn.Query).
// A leading FetchSize argument reads them through a server-side cursor,
// that many rows per fetch (see FetchSize): the rows then stream with
// memory bounded by one batch, and the connection runs other statements
// between fetches. Executing the statement again, or closing it, closes
// its cursor.
func (s *Stmt) Query(ctx context.Context, args ...any) (*Rows, error) {
	return s.queryInto(ctx, nil, args)
}

// QueryInto is Query reading into dst, a Rows that is closed or zero, whose
// buffers (columns, values, names) it reuses: a loop of queries through one
// dst allocates no Rows. It returns dst, or an error when dst is still open.
func (s *Stmt) QueryInto(ctx context.Context, dst *Rows, args ...any) (*Rows, error) {
	if err := dst.reusable(); err != nil {
		return nil, err
	}
	return s.queryInto(ctx, dst, args)
}

func (s *Stmt) queryInto(ctx context.Context, dst *Rows, args []any) (*Rows, error) {
	o, args := splitOptions(args)
	if o.mode != QueryExecModeDefault {
		return nil, errors.New("aiomysql: a QueryExecMode has no meaning for a prepared Stmt")
	}
	if err := fetchSizeError(o.fetchSize); err != nil {
		return nil, err
	}
	if err := s.current(ctx); err != nil {
		return nil, err
	}
	args, err := s.positional(args)
	if err != nil {
		return nil, err
	}
	trace := s.conn.startTrace(ctx, s.query, len(args), QueryExecModeDefault)
	if err := s.checkCount(len(args)); err != nil {
		trace.end(s.conn, err, 0)
		return nil, err
	}
	res, err := s.run(ctx, protocol.Request{Op: "execute", Cursor: o.fetchSize > 0}, args)
	if err != nil {
		trace.end(s.conn, err, 0)
		return nil, err
	}
	var src rowSource = res
	if o.fetchSize > 0 {
		if src, err = s.conn.openCursor(s, res, o.fetchSize, false); err != nil {
			trace.end(s.conn, err, 0)
			return nil, err
		}
	}
	if dst == nil {
		dst = new(Rows)
	}
	dst.start(s.conn, src, ctx, trace)
	return dst, nil
}

// QueryRow runs the statement with args, expecting at most one row (see
// Conn.QueryRow).
func (s *Stmt) QueryRow(ctx context.Context, args ...any) *Row {
	res, trace, err := s.execute(ctx, "execute", args)
	if err != nil {
		return &Row{err: err}
	}
	rows := &s.conn.rowRows
	rows.start(s.conn, res, ctx, trace)
	return &Row{rows: rows, use: rows.use}
}

// Exec runs the statement with args, discarding any rows (see Conn.Exec).
func (s *Stmt) Exec(ctx context.Context, args ...any) (Result, error) {
	res, trace, err := s.execute(ctx, "execute", args)
	if err != nil {
		return Result{}, err
	}
	if err := res.Discard(ctx); err != nil {
		trace.end(s.conn, err, 0)
		return Result{}, err
	}
	r := resultFrom(res.OK())
	trace.end(s.conn, nil, int64(r.affected))
	return r, nil
}

// Reset resets the statement on the server (COM_STMT_RESET, one round
// trip): the server discards the long data sent for it (the arguments
// above Config.LongDataThreshold, which Exec and Query send ahead of the
// execute) and closes its server-side cursor, if one is open. The statement
// stays prepared. Exec and Query reset a statement themselves after an
// execute whose long data the server refused, so Reset is rarely needed.
// An ended ctx interrupts it as it does any call; on a closed statement it
// returns ErrClosed.
func (s *Stmt) Reset(ctx context.Context) error {
	if err := s.current(ctx); err != nil {
		return err
	}
	return s.conn.pc.ResetStmt(ctx, s.ps)
}

// Close deallocates the statement on the server. COM_STMT_CLOSE has no
// reply: it goes out with the connection's next command. Close is
// idempotent. On a pool connection given back since Prepare it returns
// ErrConnReleased and sends nothing: the pool reset the connection, which
// deallocated it, when it was given back with statements open.
func (s *Stmt) Close() error {
	if err := s.leaseErr(); err != nil {
		return err
	}
	if s.open {
		s.open = false
		if s.session != s.conn.session {
			// The server deallocated it; its id may name a newer statement.
			s.ps.Forget()
			return nil
		}
		s.conn.userStmts--
	}
	return s.conn.pc.CloseStmt(s.ps)
}

// current checks the statement's lease and, when the session was reset
// since it was prepared (Conn.ResetSession, Conn.ChangeUser), which
// deallocated it on the server, prepares it again. The old id is never sent
// again: the server may have given it to another statement.
func (s *Stmt) current(ctx context.Context) error {
	if err := s.leaseErr(); err != nil {
		return err
	}
	c := s.conn
	if !s.user || !s.open || s.session == c.session {
		return nil
	}
	ps, err := c.tracedPrepare(ctx, s.query)
	ps, err = c.prepareAgainIfFull(ctx, s.query, ps, err)
	if err != nil {
		return fmt.Errorf("aiomysql: preparing the statement again after the session was reset: %w", err)
	}
	if len(ps.Params) != len(s.ps.Params) {
		_ = c.pc.CloseStmt(ps)
		return fmt.Errorf("aiomysql: the statement prepared again after the session was reset has %d parameters, not %d", len(ps.Params), len(s.ps.Params))
	}
	s.ps.Forget()
	s.ps, s.session = ps, c.session
	c.userStmts++
	return nil
}

// leaseErr returns ErrConnReleased for a Stmt of Prepare's whose pool
// connection was given back since.
func (s *Stmt) leaseErr() error {
	if !s.user {
		return nil
	}
	return s.conn.leaseErr(s.gen)
}
