package protocol

import (
	"context"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// lastPrepared is the statement id MariaDB (10.2 and later) reads as "the
// statement this connection prepared last", so that an execute can follow
// its prepare before the prepare's reply has given the real id.
const lastPrepared = 0xFFFFFFFF

// CanPrepareExecute reports whether an execute may go in the same write as
// the prepare of its statement: the server must take statement id
// 0xFFFFFFFF (MariaDB does; MySQL does not), and the statement this
// connection prepared last must have been closed. MariaDB (10.11 at least)
// reads 0xFFFFFFFF as the last statement prepared *successfully*: when the
// prepare fails with ER 1461 (max_prepared_stmt_count reached, which any
// session can cause), the execute runs that earlier statement with the new
// arguments, an INSERT as well as a SELECT. Once it is closed (the close
// goes out ahead of the prepare), the execute refers to no statement and
// fails harmlessly.
func (c *Conn) CanPrepareExecute() bool {
	return c.IsMariaDB() && (c.lastStmt == nil || c.lastStmt.closed)
}

// PrepareExecute prepares query and executes it with params in one round
// trip: COM_STMT_PREPARE and a COM_STMT_EXECUTE of statement id 0xFFFFFFFF
// go out in one write, and the two replies are read in turn. It returns the
// prepared statement, which the caller keeps or closes, and the head of the
// execute's reply, as Execute does. When the prepare fails its error is
// returned, and the execute's reply (an error too) is read and dropped.
// Only for a server where CanPrepareExecute is true.
func (c *Conn) PrepareExecute(ctx context.Context, query string, req Request, params []wire.StmtParam) (*Stmt, *Result, error) {
	if err := c.begin(ctx, req.Op); err != nil {
		return nil, nil, err
	}
	c.changes.queried = true
	mark := c.wc.Pending()
	err := c.queueCmd(Request{Op: req.Op}, func(b []byte) ([]byte, error) {
		return wire.AppendComStmtPrepare(b, query), nil
	})
	if err != nil {
		c.unclaim()
		return nil, nil, c.endCall(err)
	}
	req.Binary = true
	execErr := c.queueCmd(req, func(b []byte) ([]byte, error) {
		return wire.ComStmtExecute{StatementID: lastPrepared, Flags: req.cursorFlags(), Iterations: 1, Params: params, SendTypes: true}.Encode(b, c.caps)
	})
	if execErr != nil && c.wc.TruncatePending(mark) {
		// The execute cannot go (too large, say): neither goes.
		c.queue.dropLast()
		c.unclaim()
		return nil, nil, c.endCall(execErr)
	}
	// Else the prepare still goes, and its statement is closed below.
	if err := c.flush(req.Op); err != nil {
		return nil, nil, c.endCall(err)
	}
	if err := c.skipInternal(); err != nil {
		return nil, nil, c.endCall(err)
	}
	c.startReply()
	st, prepErr := c.readPrepareOK(req.Op)
	if isClosed(c.State()) {
		return nil, nil, c.endCall(prepErr)
	}
	c.exchangeDone()
	if execErr != nil {
		if st != nil {
			_ = c.CloseStmt(st)
		}
		return nil, nil, c.endCall(execErr)
	}
	if prepErr != nil {
		// The execute of a statement that failed to prepare fails too.
		r, err := c.readResult()
		if err == nil {
			r.drain()
		}
		if isClosed(c.State()) && err != nil {
			return nil, nil, err
		}
		return nil, nil, prepErr
	}
	st.noteTypes(params)
	// The server counts the prepare's column definitions as sent: the
	// execute's reply may skip them.
	if head := c.queue.head(); head != nil {
		head.req.stmt = st
	}
	r, err := c.readResult()
	if err != nil {
		return st, nil, err
	}
	return st, r, nil
}
