package protocol

import (
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// OUT and INOUT parameters. A CALL run with COM_STMT_EXECUTE answers with
// the procedure's result sets, then, when the procedure has OUT or INOUT
// parameters, one more result set of one binary row holding their values,
// then the CALL's own OK. That set is marked by SERVER_PS_OUT_PARAMS: in the
// EOF after its column definitions when there is one (no
// CLIENT_DEPRECATE_EOF), and in the packet that ends it. With
// CLIENT_DEPRECATE_EOF (MariaDB 10.11 negotiates it) the flag comes only
// after the row, so for a CALL the first rows of every set are read with its
// head and held, copied, until NextRow hands them out: two rows are enough
// to tell a set of one row ended by the flag. The OUT parameters' row and
// columns are kept until the next command, whether the set was read or
// discarded (Close, Discard).

// lookahead holds the rows of the current result set read with its head,
// and the OUT parameters met in the reply so far.
type lookahead struct {
	rowStore // the held rows
	// headFlags are the status flags of the EOF after the column
	// definitions (without CLIENT_DEPRECATE_EOF), 0 when there was none.
	headFlags wire.StatusFlag

	out     bool // the reply carried OUT parameters
	outRow  []byte
	outCols []types.Column
	outDefs []wire.ColumnDefinition
}

// readAheadRows is how many rows of a CALL's set are read with its head:
// enough to tell a set of one row ended by the OUT-parameters flag.
const readAheadRows = 2

// start readies l for a new reply.
func (l *lookahead) start() {
	l.reset()
	l.out = false
	l.outRow, l.outCols, l.outDefs = l.outRow[:0], l.outCols[:0], l.outDefs[:0]
}

// reset readies l for a new result of the reply.
func (l *lookahead) reset() {
	l.rowStore.reset()
	l.headFlags = 0
}

// readAhead reads, for a CALL, the first rows of the result set whose
// column definitions were just read: up to two, or up to the end of the
// set, which is then read as NextRow would read it. When the set turns out
// to be the OUT parameters, its row and columns are kept (see OutParams).
// An error packet among the rows ends the Result at once, the rows before
// it dropped.
func (r *Result) readAhead() error {
	c := r.c
	if !r.req.Call {
		return nil
	}
	for range readAheadRows {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return c.ioError(r.req.Op, err)
		}
		if len(pkt) > 0 && pkt[0] == 0xFF {
			// As in NextRow: when the context has ended, the error is
			// the server's answer to the kill.
			r.inSet = false
			r.ahead.reset() // the rows held are dropped with the set
			serverErr := c.readErr(r.req.Op, pkt)
			if cause := r.ctx.Err(); cause != nil && !isClosed(c.State()) {
				serverErr = interruptedError(r.req.Op, cause, errors.Join(ErrResultIncomplete, serverErr))
			}
			return serverErr
		}
		if wire.IsResultEnd(pkt, c.caps) {
			if err := r.readEnd(pkt); err != nil {
				return err
			}
			r.keepOutParams()
			return nil
		}
		r.ahead.add(pkt)
	}
	return nil
}

// keepOutParams keeps the row and columns of the result set just read
// ahead to its end when it holds the OUT parameters.
func (r *Result) keepOutParams() {
	l := &r.ahead
	if !r.IsOutParams() || l.len() != 1 {
		return
	}
	l.out = true
	l.outRow = append(l.outRow[:0], l.buf[:l.ends[0]]...)
	l.outCols = append(l.outCols[:0], r.cols...)
	l.outDefs = append(l.outDefs[:0], r.defs...)
}

// IsOutParams reports whether the current result set holds the OUT and
// INOUT parameters of a CALL: one row, whose columns are named after the
// parameters. For a request marked Call it is known once the head of the
// set is read; otherwise, with CLIENT_DEPRECATE_EOF, only once its row has
// been read.
func (r *Result) IsOutParams() bool {
	if !r.HasRows() {
		return false
	}
	return (r.ahead.headFlags|r.ok.StatusFlags)&wire.ServerPSOutParams != 0
}

// OutParams returns the OUT parameters of the reply to a request marked
// Call: the columns of their result set and its one row (binary protocol),
// and whether there were any. They are kept when the set is discarded, and
// are valid until the next command.
func (r *Result) OutParams() (defs []wire.ColumnDefinition, cols []types.Column, row []byte, ok bool) {
	l := &r.ahead
	return l.outDefs, l.outCols, l.outRow, l.out
}
