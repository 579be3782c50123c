package protocol

import (
	"context"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Bulk execution: MariaDB's COM_STMT_BULK_EXECUTE runs a prepared
// statement once per row of parameters, as one statement, and answers with
// one OK (affected rows summed over the rows) or one ERR. BulkExecute
// splits the rows into as few commands as it can: a command holds one type
// per parameter, so a row whose value has another type than the rows
// before it (an int, then a string) starts a new command, and a command
// must be smaller than max_allowed_packet.
//
// The commands go one after the other, each after the reply to the one
// before, not pipelined: an ERR in one must stop the rest, as it stops the
// multi-row INSERTs of a rewrite and the executes of a loop, and a command
// the server already holds would run whatever the reply before it said.
// Each command is up to a max_allowed_packet of rows, so the round trip
// between them is small beside the server's work.

// CanBulkExecute reports whether the connection negotiated
// MARIADB_CLIENT_STMT_BULK_OPERATIONS, which BulkExecute needs: MariaDB
// 10.2.7 and later offer it, MySQL does not.
func (c *Conn) CanBulkExecute() bool { return c.caps&wire.MariaDBClientStmtBulkOperations != 0 }

// BulkResult is what the commands of a BulkExecute reported.
type BulkResult struct {
	// Affected is the sum of the commands' affected rows.
	Affected uint64
	// FirstInsertID is the first command's last insert id: the
	// AUTO_INCREMENT value of the first row it inserted, as a multi-row
	// INSERT reports it, or 0.
	FirstInsertID uint64
	// Last is the last command's OK, as it came.
	Last wire.OK
	// Warnings is the sum of the commands' warnings.
	Warnings uint64
	// Rows is the number of rows of the commands that succeeded.
	Rows int
	// Commands is the number of commands that succeeded.
	Commands int
}

// BulkExecute runs st once for each element of rows (one binary-encoded
// parameter per placeholder; no long data) with COM_STMT_BULK_EXECUTE,
// each command smaller than limit bytes (the max_allowed_packet both sides
// accept; 0 for the connection's). It stops at the first error and returns
// it with what the commands before it did. A row too large for a command
// of its own is ErrPacketTooLarge, and then nothing is sent. Only where
// CanBulkExecute is true.
func (c *Conn) BulkExecute(ctx context.Context, st *Stmt, req Request, rows [][]wire.StmtParam, limit int) (BulkResult, error) {
	var res BulkResult
	if st.closed {
		return res, fmt.Errorf("%w: the statement is closed", ErrClosed)
	}
	if !c.CanBulkExecute() {
		return res, fmt.Errorf("aiomysql: %s: the server does not offer bulk execution", req.Op)
	}
	n := len(st.Params)
	if n == 0 {
		return res, fmt.Errorf("aiomysql: %s: a bulk execute needs a statement with placeholders", req.Op)
	}
	if limit <= 0 || limit > maxPacket(c.opts) {
		limit = maxPacket(c.opts)
	}
	// The payload must be smaller than max_allowed_packet.
	room := limit - 1 - wire.BulkHeaderSize(n, wire.BulkSendTypes)
	// A row that cannot go refuses the call before anything is sent.
	for i, row := range rows {
		if len(row) != n {
			return res, fmt.Errorf("aiomysql: %s: row %d: %d arguments for %d placeholders; nothing was sent", req.Op, i, len(row), n)
		}
		if size := wire.BulkRowSize(row); size > room {
			return res, fmt.Errorf("%w: %s: row %d is %d bytes, above the %d a command of max_allowed_packet %d holds; nothing was sent",
				ErrPacketTooLarge, req.Op, i, size, room, limit)
		}
	}
	var ch bulkChunk
	ch.reset(n)
	start := 0
	for i, row := range rows {
		size := wire.BulkRowSize(row)
		if i > start && (!ch.fits(row) || ch.size+size > room) {
			if err := c.bulkCommand(ctx, st, req, ch.types, rows[start:i], &res); err != nil {
				return res, err
			}
			ch.reset(n)
			start = i
		}
		ch.add(row, size)
	}
	if start < len(rows) {
		if err := c.bulkCommand(ctx, st, req, ch.types, rows[start:], &res); err != nil {
			return res, err
		}
	}
	return res, nil
}

// bulkChunk is the command being filled: its parameter types (TypeNull
// where only NULLs came so far) and its size.
type bulkChunk struct {
	types []wire.StmtParam
	known []bool
	size  int
}

func (ch *bulkChunk) reset(n int) {
	ch.types, ch.known, ch.size = make([]wire.StmtParam, n), make([]bool, n), 0
	for i := range ch.types {
		ch.types[i].Type = wire.TypeNull
	}
}

// fits reports whether row's values have the chunk's types.
func (ch *bulkChunk) fits(row []wire.StmtParam) bool {
	for i, p := range row {
		if !p.Null && ch.known[i] && (p.Type != ch.types[i].Type || p.Unsigned != ch.types[i].Unsigned) {
			return false
		}
	}
	return true
}

func (ch *bulkChunk) add(row []wire.StmtParam, size int) {
	for i, p := range row {
		if !p.Null && !ch.known[i] {
			ch.types[i] = wire.StmtParam{Type: p.Type, Unsigned: p.Unsigned}
			ch.known[i] = true
		}
	}
	ch.size += size
}

// bulkCommand sends one COM_STMT_BULK_EXECUTE and reads its OK into res.
func (c *Conn) bulkCommand(ctx context.Context, st *Stmt, req Request, types []wire.StmtParam, rows [][]wire.StmtParam, res *BulkResult) error {
	c.changes.queried = true
	st.cursor = nil // the server closes it
	// What types the server holds for the statement after a bulk execute
	// is its business: the next execute sends them again.
	st.sentTypes = st.sentTypes[:0]
	var ok *wire.OK
	err := c.roundTrip(ctx, req, func(b []byte) ([]byte, error) {
		return wire.ComStmtBulkExecute{StatementID: st.ID, Flags: wire.BulkSendTypes, Types: types, Rows: rows}.Encode(b, c.caps)
	}, func() (err error) {
		ok, err = c.readOK(req.Op)
		if err == nil && ok.StatusFlags&wire.ServerMoreResultsExists != 0 {
			return c.fail(protocolError("%s: more results announced after a bulk execute", req.Op))
		}
		return err
	})
	if err != nil {
		return err
	}
	if res.Commands == 0 {
		res.FirstInsertID = ok.LastInsertID
	}
	res.Affected += ok.AffectedRows
	res.Warnings += uint64(ok.Warnings)
	res.Last = *ok
	res.Rows += len(rows)
	res.Commands++
	return nil
}
