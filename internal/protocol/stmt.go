package protocol

import (
	"context"
	"fmt"
	"slices"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Prepared statements: COM_STMT_PREPARE answers with the statement's id,
// its parameter and column definitions; COM_STMT_EXECUTE runs it with
// parameters in the binary protocol and is answered as COM_QUERY is, with
// binary rows; COM_STMT_CLOSE has no reply and goes out with the next
// command.

// Stmt is a statement prepared on the server. It belongs to the connection
// that prepared it.
type Stmt struct {
	ID      uint32
	Params  []types.Column
	Columns []types.Column
	// Defs are the result columns' definitions as the server sent them.
	Defs []wire.ColumnDefinition
	// sentTypes are the parameter types the server holds from the last
	// execute; they are sent again only when they change.
	sentTypes []wire.StmtParam
	closed    bool
	// cursor is the cursor the last execute opened, while it is open: an
	// execute closes it on the server.
	cursor *Cursor
}

// Prepare prepares query on the server (COM_STMT_PREPARE).
func (c *Conn) Prepare(ctx context.Context, query string) (*Stmt, error) {
	req := Request{Op: "prepare"}
	var st *Stmt
	c.changes.queried = true // the session now holds a statement
	err := c.roundTrip(ctx, req, func(b []byte) ([]byte, error) {
		return wire.AppendComStmtPrepare(b, query), nil
	}, func() (err error) {
		st, err = c.readPrepareOK(req.Op)
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// readPrepareOK reads the reply to COM_STMT_PREPARE.
func (c *Conn) readPrepareOK(op string) (*Stmt, error) {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return nil, c.ioError(op, err)
	}
	if len(pkt) > 0 && pkt[0] == 0xFF {
		return nil, c.readErr(op, pkt)
	}
	var ok wire.StmtPrepareOK
	if err := ok.Decode(pkt, c.caps); err != nil {
		return nil, c.ioError(op, err)
	}
	st := &Stmt{ID: ok.StatementID}
	c.lastStmt = st
	if st.Params, _, err = c.readColumnDefs(op, int(ok.Params)); err != nil {
		return nil, err
	}
	if st.Columns, st.Defs, err = c.readColumnDefs(op, int(ok.Columns)); err != nil {
		return nil, err
	}
	return st, nil
}

// readDefinitions reads n column definitions, and the EOF after them on a
// server without CLIENT_DEPRECATE_EOF. The slice grows as definitions
// arrive, whatever n a hostile server declares.
func (c *Conn) readColumnDefs(op string, n int) ([]types.Column, []wire.ColumnDefinition, error) {
	if n == 0 {
		return nil, nil, nil
	}
	var cols []types.Column
	var defs []wire.ColumnDefinition
	for range n {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return nil, nil, c.ioError(op, err)
		}
		var def wire.ColumnDefinition
		if err := def.Decode(pkt, c.caps); err != nil {
			return nil, nil, c.ioError(op, err)
		}
		cols = append(cols, types.ColumnFrom(&def))
		defs = append(defs, def)
	}
	if c.caps&wire.ClientDeprecateEOF == 0 {
		pkt, err := c.wc.ReadPacket()
		if err != nil {
			return nil, nil, c.ioError(op, err)
		}
		var eof wire.EOF
		if err := eof.Decode(pkt); err != nil {
			return nil, nil, c.ioError(op, err)
		}
	}
	return cols, defs, nil
}

// Execute runs st with params (one per placeholder, binary-encoded) and
// reads up to the first result's rows, which come in the binary protocol.
// A string or binary parameter above Options.LongDataThreshold goes ahead
// of the execute as long data, in the same write (see longdata.go).
func (c *Conn) Execute(ctx context.Context, st *Stmt, req Request, params []wire.StmtParam) (*Result, error) {
	if err := checkExecute(st, req, params); err != nil {
		return nil, err
	}
	if err := c.begin(ctx, req.Op); err != nil {
		return nil, err
	}
	c.changes.queried = true
	long, err := c.queueExecute(st, req, params)
	if err != nil {
		c.unclaim()
		return nil, c.endCall(err)
	}
	if err := c.flush(req.Op); err != nil {
		return nil, c.endCall(err)
	}
	r, err := c.readResult()
	if err != nil {
		if long {
			c.resetAfterLongData(ctx, st)
		}
		return nil, err
	}
	return r, nil
}

// checkExecute refuses an execute of a closed statement, or with as many
// parameters as it has not placeholders.
func checkExecute(st *Stmt, req Request, params []wire.StmtParam) error {
	if st.closed {
		return fmt.Errorf("%w: the statement is closed", ErrClosed)
	}
	if len(params) != len(st.Params) {
		return fmt.Errorf("aiomysql: %s: %d arguments for %d placeholders", req.Op, len(params), len(st.Params))
	}
	return nil
}

// queueExecute queues a COM_STMT_EXECUTE of st with params, after the long
// data of the parameters that go as long data (long reports whether any
// did). On an error nothing stays queued: the long data goes with its
// execute or not at all.
func (c *Conn) queueExecute(st *Stmt, req Request, params []wire.StmtParam) (long bool, err error) {
	mark := c.wc.Pending()
	params, long, err = c.queueLongData(req.Op, st.ID, params)
	if err != nil {
		return false, err
	}
	send := long || !sameTypes(st.sentTypes, params)
	req.Binary, req.stmt = true, st
	st.cursor = nil // the server closes it
	err = c.queueCmd(req, func(b []byte) ([]byte, error) {
		return wire.ComStmtExecute{StatementID: st.ID, Flags: req.cursorFlags(), Iterations: 1, Params: params, SendTypes: send}.Encode(b, c.caps)
	})
	if err != nil {
		c.wc.TruncatePending(mark)
		return false, err
	}
	if send {
		st.noteTypes(params)
	}
	return long, nil
}

// noteTypes records the parameter types the server now holds for st.
func (st *Stmt) noteTypes(params []wire.StmtParam) {
	st.sentTypes = append(st.sentTypes[:0], params...)
	for i := range st.sentTypes {
		st.sentTypes[i].Value = nil
	}
}

// noteColumns keeps the column definitions an execute's reply carried (the
// server sends them again when they changed, as after DDL), so that a reply
// that skips them (MariaDB's metadata caching) is read with the right ones.
// Definitions equal to those kept (servers that send them with every
// execute) are not copied again.
func (st *Stmt) noteColumns(r *Result) {
	if !r.metadataSent || len(r.defs) == 0 || slices.Equal(st.Defs, r.defs) {
		return
	}
	st.Columns = append(st.Columns[:0:0], r.cols...)
	st.Defs = append(st.Defs[:0:0], r.defs...)
}

// sameTypes reports whether params have the types the server holds.
func sameTypes(sent, params []wire.StmtParam) bool {
	if len(params) == 0 {
		return true
	}
	if len(sent) != len(params) {
		return false
	}
	for i := range params {
		if sent[i].Type != params[i].Type || sent[i].Unsigned != params[i].Unsigned {
			return false
		}
	}
	return true
}

// CloseStmt deallocates st on the server (COM_STMT_CLOSE, which has no
// reply): the command goes out with the next one this connection writes,
// costing no round trip. On a closed connection there is nothing to do.
func (c *Conn) CloseStmt(st *Stmt) error {
	if st.closed {
		return nil
	}
	st.closed = true
	if isClosed(c.State()) {
		return nil
	}
	return c.queueNoReply(func(b []byte) ([]byte, error) {
		return wire.ComStmtClose{StatementID: st.ID}.Encode(b, c.caps)
	})
}

// Forget marks st closed without telling the server, which has already
// deallocated it (after COM_RESET_CONNECTION or COM_CHANGE_USER).
func (st *Stmt) Forget() { st.closed = true }
