package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
)

// copyInsert sends the rows as multi-row INSERT IGNORE statements, each as
// large as the packet limit allows, inside a transaction of its own when
// none is open, so the copy is all or nothing as LOAD DATA is.
func (c *Conn) copyInsert(ctx context.Context, target copyTable, columns []string, cs string, src CopyFromSource) (CopyFromResult, error) {
	if err := c.learnServerMaxPacket(ctx); err != nil {
		return CopyFromResult{}, err
	}
	own := !c.InTransaction()
	if own {
		if _, err := c.pc.ExecText(ctx, protocol.Request{Op: "copy from"}, "START TRANSACTION"); err != nil {
			if !errors.Is(err, ErrNotSent) {
				// Interrupted after the write: the server may have begun
				// it, and the connection may still be in step.
				c.rollbackCopy(ctx)
			}
			return CopyFromResult{}, err
		}
	}
	res, err := c.insertRows(ctx, target, columns, c.copyLiteralOptions(cs), src)
	if !own {
		return res, err
	}
	if err != nil {
		c.rollbackCopy(ctx)
		return CopyFromResult{Sent: res.Sent}, err
	}
	if _, err := c.pc.ExecText(ctx, protocol.Request{Op: "copy from", Commit: true}, "COMMIT"); err != nil {
		c.rollbackCopy(ctx) // when COMMIT was not sent, or the server refused it
		return CopyFromResult{Sent: res.Sent}, err
	}
	return res, nil
}

// copyRollbackTimeout bounds the ROLLBACK of a failed copy.
const copyRollbackTimeout = 10 * time.Second

// rollbackCopy rolls back the transaction of a failed copy, even when ctx
// (whose end may be why it failed) is done: a connection left with the
// transaction open could commit part of the copy later. When the ROLLBACK
// fails the connection is closed, which rolls back too. The copy's error
// is the one to report.
func (c *Conn) rollbackCopy(ctx context.Context) {
	if c.IsClosed() {
		return // the server rolls back by itself
	}
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), copyRollbackTimeout)
	defer cancel()
	if _, err := c.pc.ExecText(rctx, protocol.Request{Op: "copy from"}, "ROLLBACK"); err != nil {
		_ = c.Close()
	}
}

// insertRows sends src's rows as the statements.
func (c *Conn) insertRows(ctx context.Context, target copyTable, columns []string, lit *types.LiteralOptions, src CopyFromSource) (CopyFromResult, error) {
	head := "INSERT IGNORE INTO " + target.table + " " + target.columns + " VALUES "
	// A command must be smaller than max_allowed_packet, command byte included.
	limit := c.packetLimit() - 2
	var (
		res   CopyFromResult
		stmt  []byte
		row   []byte
		inStm int
	)
	send := func() error {
		ok, err := c.execRaw(ctx, stmt)
		if err != nil {
			return err
		}
		res.Rows += int64(ok.AffectedRows)
		res.Warnings += int(ok.Warnings)
		stmt, inStm = stmt[:0], 0
		return nil
	}
	for src.Next() {
		var err error
		if row, err = appendInsertRow(row[:0], src, columns, lit, res.Sent); err != nil {
			return res, err
		}
		if inStm > 0 && len(stmt)+1+len(row) > limit {
			if err := send(); err != nil {
				return res, err
			}
		}
		if inStm == 0 {
			stmt = append(stmt, head...)
		} else {
			stmt = append(stmt, ',')
		}
		stmt = append(stmt, row...)
		inStm++
		res.Sent++
	}
	if err := src.Err(); err != nil {
		return res, &CopyFromError{Row: res.Sent, Err: err}
	}
	if inStm > 0 {
		if err := send(); err != nil {
			return res, err
		}
	}
	return res, nil
}

// appendInsertRow appends the source's current row as "(v1,v2,...)".
func appendInsertRow(dst []byte, src CopyFromSource, columns []string, lit *types.LiteralOptions, n int64) ([]byte, error) {
	values, err := src.Values()
	if err != nil {
		return dst, &CopyFromError{Row: n, Err: err}
	}
	if len(values) != len(columns) {
		return dst, &CopyFromError{Row: n, Err: fmt.Errorf("%w: %d values for %d columns", ErrProgramming, len(values), len(columns))}
	}
	dst = append(dst, '(')
	for i, v := range values {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = types.AppendLiteral(dst, v, lit); err != nil {
			return dst, &CopyFromError{Row: n, Column: columns[i], Err: err}
		}
	}
	return append(dst, ')'), nil
}
