package aiomysql

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// ExecMany runs query, with ? placeholders, once for each element of rows
// (one argument per placeholder), and returns what the statements did
// together: the sum of the affected rows, LastInsertID the AUTO_INCREMENT
// value of the first row inserted (as a multi-row INSERT and
// LAST_INSERT_ID() report it), the sum of the warnings.
//
// On MariaDB an INSERT, REPLACE, UPDATE or DELETE without a subquery or
// RETURNING goes as COM_STMT_BULK_EXECUTE: the statement is prepared once
// (through the statement cache) and all the rows go in one command, or in
// as few as max_allowed_packet and the rows' types allow, each answered
// before the next is sent. The server runs each command as one statement:
// an error in a row (a duplicate key) undoes the whole command on a
// transactional engine (InnoDB), as it undoes a multi-row INSERT, while a
// non-transactional one (MyISAM) keeps the rows before it; the commands
// before stay, the ones after are not sent. A bulk INSERT reserves
// AUTO_INCREMENT values as INSERT ... SELECT does (its row count is not
// known ahead): the ids of one command are consecutive, but the next
// statement's may leave a gap.
//
// Elsewhere (MySQL, other statements), an INSERT or REPLACE with one
// VALUES tuple goes as multi-row INSERTs with the arguments interpolated,
// as Cursor.ExecuteMany sends them, and anything else as one execute per
// row, one after the other. Executes are not pipelined: the rows after a
// failing one would run all the same.
//
// On an error the Result holds what the statements before the failing one
// did. The tracer sees one query whose Mode is QueryExecModeCacheStatement
// (bulk, or executes) or QueryExecModeText (multi-row INSERTs), and whose
// Args counts every argument of every row.
func (c *Conn) ExecMany(ctx context.Context, query string, rows [][]any) (Result, error) {
	if len(rows) == 0 {
		return Result{}, nil
	}
	nargs := 0
	for _, r := range rows {
		nargs += len(r)
	}
	trace := c.startTrace(ctx, query, nargs, QueryExecModeCacheStatement)
	br, ok, _, err := c.bulkExec(ctx, query, rows, nil)
	var r Result
	switch {
	case ok:
		r = bulkResult(br)
	default:
		if prefix, row, suffix, split := sqltext.SplitInsert(query, c.sqlOptions(sqltext.Question)); split && err == nil {
			trace.setMode(QueryExecModeText)
			r, err = c.execManyMulti(ctx, multiInsert{prefix: prefix, row: row, suffix: suffix, o: c.sqlOptions(sqltext.Question)}, rows)
			break
		}
		if err == nil {
			r, err = c.execManyLoop(ctx, query, rows)
		}
	}
	trace.end(c, err, int64(r.affected))
	return r, err
}

// bulkResult is the Result of a bulk execute: affected rows and warnings
// summed, the first row's insert id.
func bulkResult(br protocol.BulkResult) Result {
	return Result{affected: br.Affected, insertID: br.FirstInsertID, warnings: uint16(min(br.Warnings, 0xFFFF)),
		status: uint16(br.Last.StatusFlags)}
}

// execManyMulti sends rows as multi-row statements under the packet limit.
func (c *Conn) execManyMulti(ctx context.Context, m multiInsert, rows [][]any) (Result, error) {
	if err := c.ensureCharset(ctx); err != nil {
		return Result{}, err
	}
	if err := c.learnServerMaxPacket(ctx); err != nil {
		return Result{}, err
	}
	argsList := make([]any, len(rows))
	for i, r := range rows {
		argsList[i] = r
	}
	var total Result
	err := c.packInsert(m, argsList, func(stmt []byte, _ int) error {
		c.stmt = stmtText{raw: stmt}
		res, err := c.runExec(ctx, protocol.Request{Op: "execmany"}, nil)
		if err != nil {
			return err
		}
		total.add(res)
		return nil
	})
	return total, err
}

// execManyLoop runs query once per row, each execute after the reply to
// the one before.
func (c *Conn) execManyLoop(ctx context.Context, query string, rows [][]any) (Result, error) {
	req := protocol.Request{Op: "execmany"}
	var total Result
	for _, args := range rows {
		var r Result
		res, err := c.runBinary(ctx, req, QueryExecModeCacheStatement, query, args, nil)
		if errors.Is(err, errTextFallback) {
			r, err = c.execText(ctx, req, nil, query, sqltext.Question, args)
		} else if err == nil {
			if err = res.Discard(ctx); err == nil {
				r = resultFrom(res.OK())
			}
		}
		if err != nil {
			return total, err
		}
		total.add(r)
	}
	return total, nil
}

// add folds the result of a later statement into r: affected rows and
// warnings add up, the first insert id stays, the status is the latest.
func (r *Result) add(next Result) {
	r.affected += next.affected
	if r.insertID == 0 {
		r.insertID = next.insertID
	}
	r.warnings = uint16(min(int(r.warnings)+int(next.warnings), 0xFFFF))
	r.status = next.status
}

// bulkExec runs text (? placeholders) over rows with COM_STMT_BULK_EXECUTE,
// calling onSend (when not nil) just before the first command is written.
// ok is false when bulk execution is not for this call (the server does not
// offer it, the statement is not one it runs as a loop would, an argument
// has no binary encoding, or the server refused the statement in bulk
// before running any of it, which refused then says): nothing ran, and err
// is nil unless the arguments are wrong whatever the path (a row of the
// wrong length).
func (c *Conn) bulkExec(ctx context.Context, text string, rows [][]any, onSend func()) (res protocol.BulkResult, ok bool, refused, err error) {
	var none protocol.BulkResult
	if !c.bulkAllowed(text) {
		return none, false, nil, nil
	}
	// Binding first: a value without a binary encoding costs no prepare.
	params, err := c.bindRows(rows)
	if err != nil {
		return none, false, nil, nil // text may carry it
	}
	st, err := c.cachedStmt(ctx, text)
	if err != nil {
		var pe *prepareError
		if errors.Is(err, errTextFallback) || errors.As(err, &pe) && pe.textMayWork() {
			return none, false, nil, nil
		}
		return none, false, nil, err
	}
	n := st.ParamCount()
	if n == 0 {
		return none, false, nil, nil
	}
	for i, r := range rows {
		if len(r) != n {
			return none, false, nil, fmt.Errorf("aiomysql: exec many row %d: %w", i, &sqltext.ArgCountError{Want: n, Got: len(r)})
		}
	}
	if err := c.learnServerMaxPacket(ctx); err != nil {
		return none, false, nil, err
	}
	c.noteSent(text)
	if onSend != nil {
		onSend()
	}
	res, err = c.pc.BulkExecute(ctx, st.ps, protocol.Request{Op: "execmany"}, params, c.packetLimit())
	if err != nil && res.Commands == 0 && isServerError(err, errcode.UnsupportedPs) && !c.IsClosed() {
		// Refused before any row ran: the caller's other path runs it.
		c.noteNoBulk(text)
		return none, false, err, nil
	}
	return res, true, nil, err
}

// bulkAllowed reports whether text may go as a bulk execute.
func (c *Conn) bulkAllowed(text string) bool {
	return !c.bulkOff && c.pc.CanBulkExecute() && !c.noBulk[text] && !c.unpreparable[text] &&
		sqltext.IsBulkDML(text, c.sqlOptions(sqltext.Question))
}

// noteNoBulk remembers a statement the server refused to run in bulk, so
// that the next call takes the other path at once. The set is bounded by
// the statement cache's capacity and starts afresh when full.
func (c *Conn) noteNoBulk(text string) {
	if c.noBulk == nil || len(c.noBulk) >= c.cacheCapacity() {
		c.noBulk = make(map[string]bool)
	}
	c.noBulk[text] = true
}

// cachedStmt returns the statement cache's statement for text, preparing
// and caching it when the cache lacks it. When the server holds as many
// statements as max_prepared_stmt_count allows (ER 1461), the least
// recently used cached statement is closed and the prepare tried once more.
// A prepare the server refused is a *prepareError.
func (c *Conn) cachedStmt(ctx context.Context, text string) (*Stmt, error) {
	if st := c.stmts.get(text); st != nil {
		return st, nil
	}
	st := &Stmt{conn: c, query: text}
	for retry := true; ; retry = false {
		pt := c.startPrepare(ctx, nil, text)
		ps, err := c.pc.Prepare(ctx, text)
		pt.end(c, err)
		if err != nil && retry && isServerError(err, errcode.MaxPreparedStmtCountReached) && !c.IsClosed() {
			if old := c.stmts.evictOldest(); old != nil {
				_ = old.Close()
				continue
			}
		}
		if err != nil {
			if isServerError(err, errcode.UnsupportedPs) {
				c.noteUnpreparable(text)
			}
			return nil, &prepareError{err: err}
		}
		st.ps = ps
		c.cacheStmt(st)
		return st, nil
	}
}

// bindRows encodes each row's values as binary parameters, all in one
// buffer.
func (c *Conn) bindRows(rows [][]any) ([][]wire.StmtParam, error) {
	lit := &types.LiteralOptions{Location: c.location(), TimeTruncate: c.cfg.TimeTruncate}
	total := 0
	for _, r := range rows {
		total += len(r)
	}
	all := make([]wire.StmtParam, 0, total)
	ends := make([]int, 0, total)
	var buf []byte
	for _, r := range rows {
		for _, v := range r {
			var p wire.StmtParam
			var err error
			if buf, p, err = types.AppendBinaryParam(buf, v, lit); err != nil {
				return nil, err
			}
			all = append(all, p)
			ends = append(ends, len(buf))
		}
	}
	// The values alias buf, which may have moved as it grew.
	start := 0
	for i := range all {
		if all[i].Value != nil {
			all[i].Value = buf[start:ends[i]:ends[i]]
		}
		start = ends[i]
	}
	out := make([][]wire.StmtParam, len(rows))
	at := 0
	for i, r := range rows {
		out[i] = all[at : at+len(r) : at+len(r)]
		at += len(r)
	}
	return out, nil
}
