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
	for retry := true; ; retry = false {
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
			onSend = nil
		}
		res, err = c.pc.BulkExecute(ctx, st.ps, protocol.Request{Op: "execmany"}, params, c.packetLimit())
		if err == nil || res.Commands > 0 || c.IsClosed() {
			return res, true, nil, err
		}
		switch {
		case isServerError(err, errcode.UnsupportedPs):
			// Refused before any row ran: the caller's other path runs it.
			c.noteNoBulk(text)
			return none, false, err, nil
		case retry && isServerError(err, errcode.NeedReprepare):
			// The server could not re-prepare it after DDL itself: prepare
			// it again, once, as runPrepared does.
			c.stmts.remove(st)
			_ = st.Close()
			continue
		}
		return res, true, nil, err
	}
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
	ps, err := c.tracedPrepare(ctx, text)
	if ps, err = c.prepareAgainIfFull(ctx, text, ps, err); err != nil {
		if isServerError(err, errcode.UnsupportedPs) {
			c.noteUnpreparable(text)
		}
		return nil, &prepareError{err: err}
	}
	st := &Stmt{conn: c, ps: ps, query: text}
	c.cacheStmt(st)
	return st, nil
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
