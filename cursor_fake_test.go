package aiomysql_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// answerCursor answers an execute that asked for a cursor: the column
// definition, then the end packet that says a cursor is open.
func answerCursor(c *fakeserver.Conn, id uint32) error {
	pkt, err := c.ExpectCommand(wire.CommandStmtExecute)
	if err != nil {
		return err
	}
	if len(pkt) < 5 || binary.LittleEndian.Uint32(pkt) != id || wire.CursorFlags(pkt[4]) != wire.CursorReadOnly {
		return fmt.Errorf("execute %x: want statement %d with a read-only cursor", pkt[:min(5, len(pkt))], id)
	}
	if err := writeBigintHead(c); err != nil {
		return err
	}
	return c.WriteOK(wire.OK{Header: 0xFE, StatusFlags: wire.ServerStatusAutocommit | wire.ServerStatusCursorExists})
}

// TestCursorFetchMoreRowsThanAsked: a server that answers a COM_STMT_FETCH
// of 2 rows with more is refused with a protocol error before it can fill
// the client's memory, and the connection is not reused.
func TestCursorFetchMoreRowsThanAsked(t *testing.T) {
	done := make(chan error, 1)
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		err := func() error {
			if err := answerPrepare(c, 1); err != nil {
				return err
			}
			if err := answerCursor(c, 1); err != nil {
				return err
			}
			pkt, err := c.ExpectCommand(wire.CommandStmtFetch)
			if err != nil {
				return err
			}
			if len(pkt) != 8 || binary.LittleEndian.Uint32(pkt[4:]) != 2 {
				return fmt.Errorf("fetch %x, want 2 rows of statement 1", pkt)
			}
			for i := range 1000 {
				row := binary.LittleEndian.AppendUint64([]byte{0x00, 0x00}, uint64(i))
				if err := c.WritePacket(row); err != nil {
					return nil // the client has hung up: what it should do
				}
			}
			return nil
		}()
		done <- err
		return err
	}))
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	rows, err := conn.Query(ctx, "SELECT ?", aiomysql.FetchSize(2), int64(1))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	if n != 0 || !errors.Is(rows.Err(), aiomysql.ErrProtocol) {
		t.Fatalf("%d rows, err %v; want no row and a protocol error", n, rows.Err())
	}
	if !conn.IsClosed() {
		t.Fatal("the connection is still open after a protocol error")
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
