package protocol

import (
	"context"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Server-side cursors: a COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY makes
// the server keep the result (MariaDB materializes it) and answer with the
// column definitions only, ended by a packet whose status has
// ServerStatusCursorExists. The exchange ends there: the connection is idle
// and serves other commands while the cursor stays open. Each COM_STMT_FETCH
// then asks for a batch of rows, answered by the rows and an end packet
// (ServerStatusLastRowSent after the last). A batch is read in full before
// the fetch returns, so the connection is idle between batches too, and
// client memory is bounded by one batch.

// Cursor is a read-only cursor open on the server for a prepared
// statement's result. It offers the methods of Result that a reader of rows
// uses. Rows it returns alias the Cursor's buffer and are valid until its
// next call.
type Cursor struct {
	c     *Conn
	st    *Stmt
	ctx   context.Context
	op    string
	batch uint32
	own   bool // the statement is the Cursor's: closed with it

	defs []wire.ColumnDefinition
	cols []types.Column
	ok   wire.OK

	rows   rowStore // the current batch
	last   bool     // the server has sent the last row
	closed bool
	err    error
}

// OpenCursor looks at the reply r to an execute that asked for a cursor
// (Request.Cursor) and returns the Cursor the server opened, reading rows
// in batches of fetchSize. It returns nil when the server opened none (a
// statement without rows, or one the server would not give a cursor): r is
// then read as any reply. With own, the statement is closed when the
// Cursor is.
func (c *Conn) OpenCursor(st *Stmt, r *Result, fetchSize int, own bool) (*Cursor, error) {
	if !r.inSet || r.ahead.left() {
		return nil, nil // no rows, or rows already read ahead (a CALL's): no cursor
	}
	if c.caps&wire.ClientDeprecateEOF == 0 {
		// The EOF after the definitions, already read, says whether a
		// cursor is open; when one is, nothing follows it.
		if r.ahead.headFlags&wire.ServerStatusCursorExists == 0 {
			return nil, nil
		}
		r.inSet, r.more = false, false
		r.ok = wire.OK{StatusFlags: r.ahead.headFlags}
		r.end()
	} else {
		// The definitions are followed by a row (no cursor), or by an end
		// packet that says whether one is open.
		row, err := r.NextRow()
		if err != nil {
			return nil, err
		}
		if row != nil {
			r.ahead.add(row) // no cursor; NextRow gives the row back
			return nil, nil
		}
		if r.ok.StatusFlags&wire.ServerStatusCursorExists == 0 {
			return nil, nil // an empty result, sent whole
		}
	}
	if fetchSize <= 0 || fetchSize > 1<<31 {
		return nil, fmt.Errorf("aiomysql: fetch size %d is out of range", fetchSize)
	}
	cur := &Cursor{c: c, st: st, ctx: r.ctx, op: r.req.Op, batch: uint32(fetchSize), own: own,
		defs: append([]wire.ColumnDefinition(nil), r.defs...),
		cols: append([]types.Column(nil), r.cols...)}
	st.cursor = cur
	c.cursors++
	return cur, nil
}

// Columns returns the cursor's column definitions.
func (cur *Cursor) Columns() []wire.ColumnDefinition { return cur.defs }

// DecodeColumns returns what decoding needs of the cursor's columns.
func (cur *Cursor) DecodeColumns() []types.Column { return cur.cols }

// Codec returns the codec of the rows: binary.
func (cur *Cursor) Codec() types.RowCodec { return types.BinaryCodec{} }

// HasRows reports true: a cursor is a result set.
func (cur *Cursor) HasRows() bool { return true }

// More reports false: a cursor holds one result set.
func (cur *Cursor) More() bool { return false }

// OK returns the packet that ended the last batch.
func (cur *Cursor) OK() *wire.OK { return &cur.ok }

// IsOutParams reports false: a cursor's rows are a SELECT's.
func (cur *Cursor) IsOutParams() bool { return false }

// OutParams reports none: a cursor's rows are a SELECT's.
func (cur *Cursor) OutParams() (defs []wire.ColumnDefinition, cols []types.Column, row []byte, ok bool) {
	return nil, nil, nil, false
}

// Err returns the error that ended the Cursor, if any.
func (cur *Cursor) Err() error { return cur.err }

// SetContext makes ctx govern the fetches that follow.
func (cur *Cursor) SetContext(ctx context.Context) { cur.ctx = ctx }

// NextRow returns the next row, fetching a batch from the server when the
// one in hand is used up (a round trip under the Cursor's context, which
// needs the connection idle), or nil after the last row.
func (cur *Cursor) NextRow() ([]byte, error) {
	if cur.err != nil || cur.closed {
		return nil, cur.err
	}
	if !cur.rows.left() {
		if cur.last {
			cur.release()
			return nil, nil
		}
		if err := cur.fetch(); err != nil {
			return nil, cur.fail(err)
		}
		if !cur.rows.left() {
			cur.release()
			return nil, nil
		}
	}
	return cur.rows.next(), nil
}

// fetch asks for the next batch and reads it in full.
func (cur *Cursor) fetch() error {
	c, st := cur.c, cur.st
	if st.cursor != cur {
		return fmt.Errorf("%w: the statement was executed again, which closed its cursor", ErrClosed)
	}
	if st.closed {
		return fmt.Errorf("%w: the statement is closed, and its cursor with it", ErrClosed)
	}
	cur.rows.reset()
	return c.roundTrip(cur.ctx, Request{Op: cur.op, Binary: true}, func(b []byte) ([]byte, error) {
		return wire.ComStmtFetch{StatementID: st.ID, Rows: cur.batch}.Encode(b, c.caps)
	}, func() error {
		for {
			pkt, err := c.wc.ReadPacket()
			if err != nil {
				return c.ioError(cur.op, err)
			}
			switch {
			case len(pkt) > 0 && pkt[0] == 0xFF:
				return c.readErr(cur.op, pkt)
			case wire.IsResultEnd(pkt, c.caps):
				if err := c.decodeEnd(cur.op, pkt, &cur.ok); err != nil {
					return err
				}
				f := cur.ok.StatusFlags
				cur.last = f&wire.ServerStatusLastRowSent != 0 || f&wire.ServerStatusCursorExists == 0
				return nil
			}
			if cur.rows.len() == int(cur.batch) {
				// More rows than asked for: a server that would fill memory.
				return c.fail(protocolError("%s: more than the %d rows fetched", cur.op, cur.batch))
			}
			cur.rows.add(pkt)
		}
	})
}

// fail ends the Cursor with err.
func (cur *Cursor) fail(err error) error {
	if cur.err == nil {
		cur.err = err
	}
	cur.release()
	return cur.err
}

// release ends the Cursor, closing it on the server when it is still open
// there: with the statement, when the statement is the Cursor's, else with
// a COM_STMT_RESET that goes out with the connection's next command. Neither
// costs a round trip.
func (cur *Cursor) release() {
	if cur.closed {
		return
	}
	cur.closed = true
	cur.rows = rowStore{}
	c, st := cur.c, cur.st
	c.cursors--
	current := st.cursor == cur
	if current {
		st.cursor = nil
	}
	switch {
	case cur.own:
		_ = c.CloseStmt(st)
	case current && !cur.last && !st.closed && !isClosed(c.State()):
		c.queueStmtReset(st)
	}
}

// NextResult ends the Cursor: it holds one result set.
func (cur *Cursor) NextResult() (bool, error) {
	cur.release()
	return false, cur.err
}

// Close ends the Cursor without reading what is left, and returns the
// error that ended it, if any. It costs no round trip.
func (cur *Cursor) Close() error {
	cur.release()
	return cur.err
}

// Corrupt reports that a row could not be decoded: the connection is broken.
func (cur *Cursor) Corrupt(format string, args ...any) error {
	return cur.fail(cur.c.fail(protocolError(format, args...)))
}

// queueStmtReset queues a COM_STMT_RESET of st as the connection's own
// command: it goes out with the next command, and its reply is read and
// dropped before that command's.
func (c *Conn) queueStmtReset(st *Stmt) {
	seq := c.wc.Sequence() // a reply may be being read
	defer c.wc.SetSequence(seq)
	req := Request{Op: "close cursor", internal: true, dropReply: true}
	_ = c.queueCmd(req, func(b []byte) ([]byte, error) {
		return wire.ComStmtReset{StatementID: st.ID}.Encode(b, c.caps)
	})
}
