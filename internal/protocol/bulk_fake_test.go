package protocol_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// bulkServer greets as MariaDB with bulk operations, answers one prepare
// (one parameter), decodes the COM_STMT_BULK_EXECUTE that follows and
// answers it with reply; then it answers a ping, if the client sends one.
func bulkServer(t *testing.T, reply []byte) *fakeserver.Server {
	return fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		g.Capabilities = g.Capabilities&^wire.ClientLongPassword | wire.MariaDBClientStmtBulkOperations
		if err := fakeLogin(c, g); err != nil {
			return err
		}
		if _, err := c.ExpectCommand(wire.CommandStmtPrepare); err != nil {
			return err
		}
		ok, err := wire.StmtPrepareOK{StatementID: 5, Params: 1, MetadataFollows: true}.Encode(nil, c.Capabilities())
		if err != nil {
			return err
		}
		def, err := wire.ColumnDefinition{Name: "?", Type: wire.TypeLongLong, CharacterSet: 63}.Encode(nil, c.Capabilities())
		if err != nil {
			return err
		}
		if err := c.WritePacket(ok); err != nil {
			return err
		}
		if err := c.WritePacket(def); err != nil {
			return err
		}
		pkt, err := c.ExpectCommand(wire.CommandStmtBulkExecute)
		if err != nil {
			return err
		}
		var bulk wire.ComStmtBulkExecute
		if err := bulk.Decode(append([]byte{byte(wire.CommandStmtBulkExecute)}, pkt...), c.Capabilities(), 1, nil); err != nil {
			return err
		}
		if bulk.StatementID != 5 || len(bulk.Rows) != 3 || !bulk.Rows[1][0].Null {
			return fmt.Errorf("bulk execute %+v", bulk)
		}
		if err := c.WritePacket(reply); err != nil {
			return err
		}
		if _, err := c.ExpectCommand(wire.CommandPing); err != nil {
			return nil // the client broke the connection
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
		return waitGone(c)
	})
}

// TestBulkExecuteHostileReplies: an ERR is the caller's error and leaves
// the connection usable; a malformed OK, a result set, a LOCAL INFILE
// request and an OK announcing more results break the connection with an
// error, never a panic.
func TestBulkExecuteHostileReplies(t *testing.T) {
	errPkt, err := wire.ErrPacket{Code: 1062, SQLState: "23000", Message: "Duplicate entry"}.Encode(nil, wire.ClientProtocol41)
	if err != nil {
		t.Fatal(err)
	}
	more := okPayload(t, wire.OK{AffectedRows: 3, StatusFlags: wire.ServerMoreResultsExists}, wire.ClientProtocol41|wire.ClientSessionTrack)
	cases := []struct {
		name   string
		reply  []byte
		usable bool
	}{
		{"ERR", errPkt, true},
		{"cut OK", []byte{0x00, 0x03}, false},
		{"result set", []byte{0x01}, false},
		{"LOCAL INFILE", append([]byte{0xFB}, "/etc/passwd"...), false},
		{"more results", more, false},
		{"empty", []byte{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := connect(t, fakeOptions(bulkServer(t, tc.reply)))
			st, err := c.Prepare(testCtx(t), "INSERT INTO t VALUES (?)")
			if err != nil {
				t.Fatal(err)
			}
			res, err := c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"}, bulkRows(t, []any{1}, []any{nil}, []any{3}), 0)
			if err == nil || res.Commands != 0 || res.Affected != 0 {
				t.Fatalf("BulkExecute = %+v, %v; want an error", res, err)
			}
			var se *wire.ErrPacket
			if tc.usable != errors.As(err, &se) {
				t.Errorf("error %v (%T)", err, err)
			}
			if perr := c.Ping(testCtx(t)); (perr == nil) != tc.usable {
				t.Errorf("after %v: ping %v, state %v", err, perr, c.State())
			}
		})
	}
}
