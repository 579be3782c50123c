package aiomysql

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// The prepared execution modes (see QueryExecMode): how Query, QueryRow and
// Exec run a statement with arguments in the binary protocol, and when they
// fall back to the text protocol.

// execMode resolves the mode of a call: the call's own, else the Config's,
// else QueryExecModeCacheStatement.
func (c *Conn) execMode(o callOptions) QueryExecMode {
	m := o.mode
	if m == QueryExecModeDefault {
		m = c.cfg.DefaultQueryExecMode
	}
	if m == QueryExecModeDefault {
		m = QueryExecModeCacheStatement
	}
	return m
}

// cacheCapacity is the statement cache's capacity (Config.StatementCacheCapacity).
func (c *Conn) cacheCapacity() int {
	if n := c.cfg.StatementCacheCapacity; n > 0 {
		return n
	}
	return defaultStatementCacheCapacity
}

// defaultStatementCacheCapacity is Config.StatementCacheCapacity's default
// (see the field's documentation for how it was chosen).
const defaultStatementCacheCapacity = 64

// errTextFallback says the server cannot prepare the statement
// (ER_UNSUPPORTED_PS): the caller runs it as text.
var errTextFallback = errors.New("aiomysql: the statement cannot be prepared")

// bindText turns a Question-style query and its arguments into the text to
// prepare and the positional values: named placeholders (@name, :name, when
// the only argument is a NamedArgs, a map or a struct) become ?.
func (c *Conn) bindText(query string, args []any) (string, []any, error) {
	_, named, positional := namedSource(sqltext.Question, args)
	if named == nil {
		return query, positional, nil
	}
	text, names, err := sqltext.Rewrite(query, c.sqlOptions(sqltext.Named), named)
	if err != nil {
		return "", nil, err
	}
	vals := make([]any, len(names))
	for i, n := range names {
		vals[i], _ = named(n)
	}
	return text, vals, nil
}

// runPrepared runs text with args in a prepared mode and returns the head
// of the reply and the statement it ran. A statement that is not the
// cache's (prepare_execute, direct) is closed once its reply is read: the
// close is queued at once and goes out with the next command. It returns
// errTextFallback when the server cannot prepare the statement.
func (c *Conn) runPrepared(ctx context.Context, req protocol.Request, mode QueryExecMode, text string, args []any, trace *queryTrace) (*protocol.Result, error) {
	if c.unpreparable[text] {
		return nil, errTextFallback
	}
	if mode == QueryExecModeCacheStatement {
		if st := c.stmts.get(text); st != nil {
			if err := st.checkCount(len(args)); err != nil {
				return nil, err
			}
			res, err := st.run(ctx, req, args)
			if !isServerError(err, errcode.NeedReprepare) || c.IsClosed() {
				return res, err
			}
			// The server could not re-prepare it after DDL itself: prepare
			// it again, once.
			c.stmts.remove(st)
			_ = st.Close()
		}
	}
	st, res, err := c.prepareRun(ctx, req, text, args, mode != QueryExecModePrepareExecute, trace)
	if err != nil && st != nil && mode == QueryExecModeCacheStatement && !c.IsClosed() {
		c.cacheStmt(st) // prepared; the arguments or the execute failed
		return nil, err
	}
	if err != nil && st != nil {
		_ = st.Close()
		return nil, err
	}
	if err != nil {
		var pe *prepareError
		if errors.As(err, &pe) {
			if !pe.textMayWork() {
				return nil, pe.err
			}
			if pe.server() {
				c.noteUnpreparable(text)
			}
			return nil, errTextFallback
		}
		return nil, err
	}
	if mode == QueryExecModeCacheStatement {
		c.cacheStmt(st)
	} else {
		_ = st.Close()
	}
	return res, nil
}

// cacheStmt adds st to the cache, closing what it pushes out.
func (c *Conn) cacheStmt(st *Stmt) {
	for _, old := range c.stmts.put(st, c.cacheCapacity()) {
		_ = old.Close()
	}
}

// prepareRun prepares text and runs it with args: in one round trip when
// mayPipeline and the server allows it now (see
// protocol.Conn.CanPrepareExecute), else a prepare and then an execute. When the server
// holds as many statements as max_prepared_stmt_count allows (ER 1461),
// the least recently used cached statement is closed and the prepare tried
// once more.
func (c *Conn) prepareRun(ctx context.Context, req protocol.Request, text string, args []any, mayPipeline bool, trace *queryTrace) (*Stmt, *protocol.Result, error) {
	if mayPipeline && c.pc.IsMariaDB() {
		// The execute goes before the server has said how many
		// placeholders there are: count them as the server will.
		n, err := sqltext.Count(text, c.sqlOptions(sqltext.Question))
		if err == nil && n != len(args) {
			err = &sqltext.ArgCountError{Want: n, Got: len(args)}
		}
		if err != nil {
			return nil, nil, err
		}
	}
	st := &Stmt{conn: c, query: text, call: c.isCall(text)}
	req.Call = st.call
	if err := st.bind(args); err != nil {
		// A value the binary protocol has no encoding for (a slice for an
		// IN list): text may take it.
		return nil, nil, &prepareError{err: err, bind: true}
	}
	if err := c.pc.CheckParams(req.Op, st.params); err != nil {
		return nil, nil, err // before the prepare goes: nothing is written
	}
	// Long data goes after the prepare's reply, which gives the statement id.
	mayPipeline = mayPipeline && !c.pc.SendsLongData(st.params)
	for retry := true; ; retry = false {
		pipelined := mayPipeline && c.pc.CanPrepareExecute()
		pt := c.startPrepare(ctx, trace, text)
		var res *protocol.Result
		var err error
		if pipelined {
			st.ps, res, err = c.pc.PrepareExecute(ctx, text, req, st.params)
			if st.ps == nil {
				pt.end(c, err)
			} else {
				pt.end(c, nil)
			}
		} else {
			st.ps, err = c.pc.Prepare(ctx, text)
			pt.end(c, err)
			if err == nil {
				if err = st.checkCount(len(args)); err != nil {
					return st, nil, err // prepared all the same: the cache may keep it
				}
				res, err = c.pc.Execute(ctx, st.ps, req, st.params)
			}
		}
		if err != nil && st.ps != nil {
			return st, nil, err // prepared, but the execute failed
		}
		if err != nil && retry && isServerError(err, errcode.MaxPreparedStmtCountReached) && !c.IsClosed() {
			if old := c.stmts.evictOldest(); old != nil {
				_ = old.Close()
				continue
			}
		}
		if err != nil {
			return nil, nil, &prepareError{err: err}
		}
		return st, res, nil
	}
}

// prepareError is a failure before anything ran: the prepare was refused,
// or an argument has no binary encoding.
type prepareError struct {
	err  error
	bind bool
}

func (e *prepareError) Error() string { return e.err.Error() }
func (e *prepareError) Unwrap() error { return e.err }

// server reports whether the server refused the statement itself.
func (e *prepareError) server() bool { return !e.bind }

// textMayWork reports whether the text protocol may run what could not be
// prepared: arguments the binary protocol cannot carry, a statement the
// server does not prepare (ER_UNSUPPORTED_PS), or one whose placeholders
// stand where the grammar wants a literal (ER_PARSE_ERROR: LOAD DATA
// INFILE ?, CREATE USER ?@?), which interpolation fills. A genuine syntax
// error then comes back from the text query. Nothing ran: trying again is
// safe.
func (e *prepareError) textMayWork() bool {
	return e.bind || isServerError(e.err, errcode.UnsupportedPs) || isServerError(e.err, errcode.ParseError)
}

// noteUnpreparable remembers a statement the server cannot prepare, so that
// the next call sends it as text at once. The set is bounded by the cache's
// capacity and starts afresh when full.
func (c *Conn) noteUnpreparable(text string) {
	if c.unpreparable == nil || len(c.unpreparable) >= c.cacheCapacity() {
		c.unpreparable = make(map[string]bool)
	}
	c.unpreparable[text] = true
}

// forgetStatements drops the cached statements, which the server no longer
// holds (after COM_RESET_CONNECTION and COM_CHANGE_USER).
func (c *Conn) forgetStatements() { c.stmts.clear() }

// isServerError reports whether err is the server's error number.
func isServerError(err error, number uint16) bool {
	if err == nil {
		return false // without taking se's address: it would escape on every call
	}
	var se *Error
	return errors.As(err, &se) && se.Number == number
}
