package protocol

import (
	"context"
	"fmt"
	"slices"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Long data: a string or binary parameter longer than the connection's
// threshold (Options.LongDataThreshold) is not written into
// COM_STMT_EXECUTE but sent ahead of it with COM_STMT_SEND_LONG_DATA, in
// pieces; the execute then marks it LongData (a type, no value) and sends
// the types. The server answers no piece, so the pieces are queued and go
// out in the same write as the execute: long data costs no round trip. A
// piece the server could not take (the joined value is larger than its
// max_allowed_packet) makes the execute fail with the server's error.

// DefaultLongDataThreshold is the threshold, in bytes, when
// Options.LongDataThreshold is 0.
const DefaultLongDataThreshold = 1 << 20

// longDataPiece bounds the data of one COM_STMT_SEND_LONG_DATA: each
// piece is a packet the server reads whole, and it must also be smaller
// than max_allowed_packet (see longDataPieceSize).
const longDataPiece = 4 << 20

// longDataHeader is the size of COM_STMT_SEND_LONG_DATA before its data:
// the command byte, the statement id and the parameter's position.
const longDataHeader = 1 + 4 + 2

// longDataThreshold returns the size above which a parameter goes as long
// data, or -1 for never.
func longDataThreshold(o *Options) int {
	switch n := o.LongDataThreshold; {
	case n < 0:
		return -1
	case n == 0:
		return DefaultLongDataThreshold
	default:
		return n
	}
}

// longDataPieceSize is the data size of the pieces: longDataPiece, or less
// so that a piece's packet is smaller than max_allowed_packet.
func (c *Conn) longDataPieceSize() int {
	return max(min(longDataPiece, maxPacket(c.opts)-1-longDataHeader), 1)
}

// longDataType reports whether a parameter of type t may go as long data:
// the string and binary types, whose value is a length-encoded string
// that the server joins from the pieces.
func longDataType(t wire.FieldType) bool {
	switch t {
	case wire.TypeVarString, wire.TypeString, wire.TypeVarChar, wire.TypeBlob, wire.TypeTinyBlob,
		wire.TypeMediumBlob, wire.TypeLongBlob, wire.TypeJSON:
		return true
	}
	return false
}

// SendsLongData reports whether Execute would send any of params as long
// data. PrepareExecute sends none (the pieces need the statement's id, and
// a prepare that failed would leave them to another statement): a caller
// with such parameters prepares, then executes.
func (c *Conn) SendsLongData(params []wire.StmtParam) bool {
	limit := longDataThreshold(c.opts)
	if limit < 0 {
		return false
	}
	for _, p := range params {
		if !p.Null && !p.LongData && len(p.Value) > limit && longDataType(p.Type) {
			if data, _, err := wire.ReadLenEncString(p.Value); err != nil || len(data) > limit {
				return true
			}
		}
	}
	return false
}

// CheckParams reports whether Execute could send params at all: a value
// that goes as long data must fit in max_allowed_packet, and the execute
// with the values it carries inline must be smaller than it. The error is
// the one Execute would give (ErrPacketTooLarge); checking first lets a
// caller refuse before it prepares anything.
func (c *Conn) CheckParams(op string, params []wire.StmtParam) error {
	limit := longDataThreshold(c.opts)
	inline := 1 + 4 + 1 + 4 + 1 + (len(params)+7)/8 + 2*len(params) // the execute's header and types
	for i, p := range params {
		n := len(p.Value)
		if limit >= 0 && !p.Null && n > limit && longDataType(p.Type) {
			if n > maxPacket(c.opts) {
				return fmt.Errorf("%w: %s: parameter %d of %d bytes, which must be at most %d (max_allowed_packet); nothing was sent",
					ErrPacketTooLarge, op, i, n, maxPacket(c.opts))
			}
			continue
		}
		inline += n
	}
	if inline >= maxPacket(c.opts) {
		return fmt.Errorf("%w: %s of %d bytes, which must be below %d (max_allowed_packet); nothing was sent",
			ErrPacketTooLarge, op, inline, maxPacket(c.opts))
	}
	return nil
}

// queueLongData queues, for each parameter that goes as long data, its
// value in COM_STMT_SEND_LONG_DATA pieces for statement id, and returns
// the parameters the execute sends: params itself when none goes as long
// data (long false), else a copy in which those are marked LongData. A
// value larger than max_allowed_packet, which the server would refuse, is
// ErrPacketTooLarge. On an error nothing stays queued.
func (c *Conn) queueLongData(op string, id uint32, params []wire.StmtParam) (out []wire.StmtParam, long bool, err error) {
	limit := longDataThreshold(c.opts)
	if limit < 0 {
		return params, false, nil
	}
	mark := c.wc.Pending()
	for i, p := range params {
		// A value's encoding is its length prefix and its data: one no
		// longer than limit holds no more than limit bytes of data.
		if p.Null || p.LongData || len(p.Value) <= limit || !longDataType(p.Type) {
			continue
		}
		data, _, err := wire.ReadLenEncString(p.Value)
		if err != nil {
			c.wc.TruncatePending(mark)
			return nil, false, fmt.Errorf("aiomysql: %s: parameter %d: %w", op, i, err)
		}
		if len(data) <= limit {
			continue
		}
		if len(data) > maxPacket(c.opts) {
			c.wc.TruncatePending(mark)
			return nil, false, fmt.Errorf("%w: %s: parameter %d of %d bytes, which must be at most %d (max_allowed_packet); nothing was sent",
				ErrPacketTooLarge, op, i, len(data), maxPacket(c.opts))
		}
		if err := c.queueLongDataPieces(id, uint16(i), data); err != nil {
			c.wc.TruncatePending(mark)
			return nil, false, err
		}
		if out == nil {
			out = slices.Clone(params)
		}
		out[i].LongData, out[i].Value = true, nil
	}
	if out == nil {
		return params, false, nil
	}
	return out, true, nil
}

// queueLongDataPieces queues data as the COM_STMT_SEND_LONG_DATA pieces of
// parameter param of statement id.
func (c *Conn) queueLongDataPieces(id uint32, param uint16, data []byte) error {
	size := c.longDataPieceSize()
	for len(data) > 0 {
		piece := data[:min(size, len(data))]
		data = data[len(piece):]
		err := c.queueNoReply(func(b []byte) ([]byte, error) {
			return wire.ComStmtSendLongData{StatementID: id, Param: param, Data: piece}.Encode(b, c.caps)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ResetStmt resets st on the server (COM_STMT_RESET), a round trip answered
// with OK or ERR: the server discards the long data sent for st, closes its
// cursor and forgets an error that long data left on it. The statement stays
// prepared; its next execute sends the parameter types again.
func (c *Conn) ResetStmt(ctx context.Context, st *Stmt) error {
	if st.closed {
		return fmt.Errorf("%w: the statement is closed", ErrClosed)
	}
	_, err := c.simple(ctx, Request{Op: "reset statement"}, func(b []byte) ([]byte, error) {
		return wire.ComStmtReset{StatementID: st.ID}.Encode(b, c.caps)
	})
	if err == nil {
		st.sentTypes = st.sentTypes[:0]
	}
	return err
}

// resetAfterLongData resets st after an execute that sent long data failed:
// a server that refused the long data (larger than its max_allowed_packet)
// keeps the refusal on the statement and fails every later execute with it
// until COM_STMT_RESET. It costs a round trip on that error path only, and
// is skipped when the connection is not idle (it broke, or a result is
// pending) or ctx has ended; its own error is dropped, the execute's being
// what the caller gets.
func (c *Conn) resetAfterLongData(ctx context.Context, st *Stmt) {
	if c.State() != StateIdle || ctx.Err() != nil {
		return
	}
	_ = c.ResetStmt(ctx, st)
}
