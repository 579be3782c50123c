package protocol_test

import (
	"encoding/binary"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// binaryStringRow is a binary-protocol row of one string column.
func binaryStringRow(v string) []byte {
	return wire.AppendLenEncString([]byte{0x00, 0x00}, []byte(v))
}

// classicStmtServer is a server without CLIENT_DEPRECATE_EOF that prepares
// one statement (two parameters, one column: EOF after each list of
// definitions), answers an execute with its rows (EOF after the
// definitions and after the rows), and one with a cursor flag with the
// definitions only, then serves the rows in fetches.
func classicStmtServer(t *testing.T) *fakeserver.Server {
	rows := []string{"a", "b", "c"}
	return fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		g.Capabilities &^= wire.ClientDeprecateEOF
		if err := c.Greet(g); err != nil {
			return err
		}
		if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
			return err
		}
		if err := c.WriteOK(wire.OK{StatusFlags: autocommit}); err != nil {
			return err
		}
		next := 0 // the cursor's next row
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return nil
			}
			switch wire.Command(pkt[0]) {
			case wire.CommandQuit:
				return nil
			case wire.CommandStmtPrepare:
				ok, err := wire.StmtPrepareOK{StatementID: 5, Params: 2, Columns: 1, MetadataFollows: true}.Encode(nil, c.Capabilities())
				if err != nil {
					return err
				}
				if err := c.WritePacket(ok); err != nil {
					return err
				}
				for _, list := range [][]string{{"?", "?"}, {"v"}} {
					for _, name := range list {
						if err := writeColumn(c, name); err != nil {
							return err
						}
					}
					if err := writeEOF(c, autocommit, 0); err != nil {
						return err
					}
				}
			case wire.CommandStmtExecute:
				cursor := len(pkt) > 5 && wire.CursorFlags(pkt[5]) == wire.CursorReadOnly
				if err := c.WritePacket(wire.AppendLenEncInt(nil, 1)); err != nil {
					return err
				}
				if err := writeColumn(c, "v"); err != nil {
					return err
				}
				if cursor {
					next = 0
					if err := writeEOF(c, autocommit|wire.ServerStatusCursorExists, 0); err != nil {
						return err
					}
					continue
				}
				if err := writeEOF(c, autocommit, 0); err != nil {
					return err
				}
				for _, v := range rows {
					if err := c.WritePacket(binaryStringRow(v)); err != nil {
						return err
					}
				}
				if err := writeEOF(c, autocommit, 0); err != nil {
					return err
				}
			case wire.CommandStmtFetch:
				n := int(binary.LittleEndian.Uint32(pkt[5:]))
				for ; n > 0 && next < len(rows); n-- {
					if err := c.WritePacket(binaryStringRow(rows[next])); err != nil {
						return err
					}
					next++
				}
				status := autocommit | wire.ServerStatusCursorExists
				if next == len(rows) {
					status = autocommit | wire.ServerStatusLastRowSent
				}
				if err := writeEOF(c, status, 0); err != nil {
					return err
				}
			default:
				return fmt.Errorf("unexpected command %x", pkt)
			}
		}
	})
}

// TestStmtClassicEOF: against a server without CLIENT_DEPRECATE_EOF, a
// prepare's two lists of definitions each end with an EOF, an execute's
// binary rows are read between their EOFs, and a cursor (whose reply ends
// with the EOF after the definitions) is fetched in batches.
func TestStmtClassicEOF(t *testing.T) {
	c := connect(t, fakeOptions(classicStmtServer(t)))
	ctx := testCtx(t)
	st, err := c.Prepare(ctx, "SELECT ? FROM t WHERE ?")
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Params) != 2 || len(st.Columns) != 1 || st.Columns[0].Name != "v" {
		t.Fatalf("prepared %d params, columns %+v", len(st.Params), st.Columns)
	}
	params := []wire.StmtParam{{Type: wire.TypeNull}, {Type: wire.TypeNull}}
	read := func(next func() ([]byte, error)) []string {
		t.Helper()
		var got []string
		for {
			row, err := next()
			if err != nil {
				t.Fatal(err)
			}
			if row == nil {
				return got
			}
			v, _, err := wire.ReadLenEncString(row[2:])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(v))
		}
	}
	r, err := c.Execute(ctx, st, protocol.Request{Op: "execute"}, params)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(read(r.NextRow)); got != "[a b c]" {
		t.Fatalf("execute rows %s", got)
	}
	r, err = c.Execute(ctx, st, protocol.Request{Op: "execute", Cursor: true}, params)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := c.OpenCursor(st, r, 2, false)
	if err != nil || cur == nil {
		t.Fatalf("OpenCursor: %v, %v", cur, err)
	}
	if c.State() != protocol.StateIdle {
		t.Fatalf("state %v with a cursor open, want idle", c.State())
	}
	if got := fmt.Sprint(read(cur.NextRow)); got != "[a b c]" {
		t.Fatalf("cursor rows %s", got)
	}
	if err := cur.Close(); err != nil {
		t.Fatal(err)
	}
}
