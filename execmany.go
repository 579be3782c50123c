package aiomysql

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
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
// as Cursor.ExecuteMany sends them: the fastest way without bulk (one
// statement a packet), and safe, since each statement is answered before
// the next is sent. Anything else runs as one execute per row, one after
// the other. Executes are not pipelined: the rows queued behind a failing
// one would run all the same.
//
// In bulk, a row of the wrong length, or one too large for a command under
// max_allowed_packet (ErrPacketTooLarge), fails the call before anything
// is sent; on the other paths the statements before that row have run. On
// an error, and when ctx ends part way, the Result holds what the
// statements before the failing one did. The tracer sees one query whose
// Mode is QueryExecModeCacheStatement (bulk, or executes) or
// QueryExecModeText (multi-row INSERTs), and whose Args counts every
// argument of every row.
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
