package aiomysql_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// bulkFake is a fake MariaDB (CLIENT_MYSQL clear, bulk operations offered)
// that answers prepares of one parameter and SELECT @@max_allowed_packet,
// and each COM_STMT_BULK_EXECUTE with the next of replies, checking that
// it is of the statement prepared last with three rows. It closes the
// connection after the last reply.
func bulkFake(t *testing.T, replies ...[]byte) *aiomysql.Config {
	return hostileServer(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		g.Capabilities = g.Capabilities&^wire.ClientLongPassword | wire.MariaDBClientStmtBulkOperations
		if err := c.Greet(g); err != nil {
			return err
		}
		if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
			return err
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
		var id uint32
		for len(replies) > 0 {
			pkt, err := c.ReadCommand()
			if err != nil {
				return err
			}
			switch wire.Command(pkt[0]) {
			case wire.CommandStmtClose:
				continue
			case wire.CommandStmtPrepare:
				id++
				err = answerPrepareParams(c, id)
			case wire.CommandQuery:
				err = answerValue(c, "16777216")
			case wire.CommandStmtBulkExecute:
				var bulk wire.ComStmtBulkExecute
				if err := bulk.Decode(pkt, c.Capabilities(), 1, nil); err != nil {
					return err
				}
				if bulk.StatementID != id || len(bulk.Rows) != 3 || !bulk.Rows[1][0].Null {
					return fmt.Errorf("bulk execute %+v, want 3 rows of statement %d", bulk, id)
				}
				err = c.WritePacket(replies[0])
				replies = replies[1:]
			default:
				return fmt.Errorf("unexpected command %v", wire.Command(pkt[0]))
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// answerPrepareParams answers a COM_STMT_PREPARE with statement id and one
// BIGINT parameter.
func answerPrepareParams(c *fakeserver.Conn, id uint32) error {
	ok, err := wire.StmtPrepareOK{StatementID: id, Params: 1, MetadataFollows: true}.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	if err := c.WritePacket(ok); err != nil {
		return err
	}
	def, err := wire.ColumnDefinition{Name: "?", Type: wire.TypeLongLong, CharacterSet: 63, ColumnLength: 20}.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	return c.WritePacket(def)
}

// answerValue answers a query with a one-row, one-column text result.
func answerValue(c *fakeserver.Conn, v string) error {
	cc, err := wire.ColumnCount{Count: 1, MetadataFollows: true}.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	end, err := wire.OK{Header: 0xFE, StatusFlags: wire.ServerStatusAutocommit}.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	for _, p := range [][]byte{cc, columnDef("v"), wire.AppendLenEncStr(nil, v), end} {
		if err := c.WritePacket(p); err != nil {
			return err
		}
	}
	return nil
}

func errReply(t *testing.T, code uint16, msg string) []byte {
	t.Helper()
	b, err := wire.ErrPacket{Code: code, SQLState: "HY000", Message: msg}.Encode(nil, wire.ClientProtocol41)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestExecManyFakeServerReplies: ER_NEED_REPREPARE to a bulk execute
// prepares the statement again and resends it once; the server's ERR is
// the caller's *Error with an empty Result, and the connection stays;
// a cut OK breaks the connection with an error, not a panic.
func TestExecManyFakeServerReplies(t *testing.T) {
	ok := binary.LittleEndian.AppendUint16([]byte{0x00, 3, 1}, uint16(wire.ServerStatusAutocommit))
	ok = append(ok, 0, 0)
	cfg := bulkFake(t,
		errReply(t, errcode.NeedReprepare, "Prepared statement needs to be re-prepared"),
		errReply(t, errcode.DupEntry, "Duplicate entry '1' for key 'PRIMARY'"),
		ok,
		[]byte{0x00, 0x03})
	c := connectT(t, cfg)
	ctx := testCtx(t)
	rows := [][]any{{1}, {nil}, {3}}
	const q = "INSERT INTO t VALUES (?)"
	res, err := c.ExecMany(ctx, q, rows)
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != errcode.DupEntry || res != (aiomysql.Result{}) {
		t.Fatalf("ExecMany = %+v, %v; want error %d and an empty Result", res, err, errcode.DupEntry)
	}
	res, err = c.ExecMany(ctx, q, rows)
	if n, _ := res.RowsAffected(); err != nil || n != 3 {
		t.Fatalf("ExecMany = %d rows, %v; want 3", n, err)
	}
	if id, _ := res.LastInsertID(); id != 1 {
		t.Errorf("LastInsertID %d, want 1", id)
	}
	if _, err := c.ExecMany(ctx, q, rows); err == nil || !c.IsClosed() {
		t.Errorf("a cut OK: %v, closed %v; want an error and a broken connection", err, c.IsClosed())
	}
}
