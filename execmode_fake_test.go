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

// answerPrepare answers a COM_STMT_PREPARE with statement id, one BIGINT
// parameter and one BIGINT column.
func answerPrepare(c *fakeserver.Conn, id uint32) error {
	if _, err := c.ExpectCommand(wire.CommandStmtPrepare); err != nil {
		return err
	}
	ok, err := wire.StmtPrepareOK{StatementID: id, Columns: 1, Params: 1, MetadataFollows: true}.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	if err := c.WritePacket(ok); err != nil {
		return err
	}
	for _, name := range []string{"?", "v"} {
		def, err := wire.ColumnDefinition{Name: name, Type: wire.TypeLongLong, CharacterSet: 63, ColumnLength: 20}.Encode(nil, c.Capabilities())
		if err != nil {
			return err
		}
		if err := c.WritePacket(def); err != nil {
			return err
		}
	}
	return nil
}

// expectExecute reads a COM_STMT_EXECUTE and checks its statement id.
func expectExecute(c *fakeserver.Conn, id uint32) error {
	pkt, err := c.ExpectCommand(wire.CommandStmtExecute)
	if err != nil {
		return err
	}
	if len(pkt) < 4 || binary.LittleEndian.Uint32(pkt) != id {
		return fmt.Errorf("execute of statement %x, want %d", pkt[:min(4, len(pkt))], id)
	}
	return nil
}

// writeBigintHead writes the head of a result set of one BIGINT column v:
// its column count and definition.
func writeBigintHead(c *fakeserver.Conn) error {
	caps := c.Capabilities()
	cc, err := wire.ColumnCount{Count: 1, MetadataFollows: true}.Encode(nil, caps)
	if err != nil {
		return err
	}
	def, err := wire.ColumnDefinition{Name: "v", Type: wire.TypeLongLong, CharacterSet: 63, ColumnLength: 20}.Encode(nil, caps)
	if err != nil {
		return err
	}
	for _, p := range [][]byte{cc, def} {
		if err := c.WritePacket(p); err != nil {
			return err
		}
	}
	return nil
}

// answerRow answers an execute with one binary row holding v.
func answerRow(c *fakeserver.Conn, v int64) error {
	if err := writeBigintHead(c); err != nil {
		return err
	}
	if err := c.WritePacket(binary.LittleEndian.AppendUint64([]byte{0x00, 0x00}, uint64(v))); err != nil {
		return err
	}
	return c.WriteOK(wire.OK{Header: 0xFE, StatusFlags: wire.ServerStatusAutocommit})
}

// TestNeedReprepareIsTransparent: a cached statement the server answers
// with ER 1615 ("Prepared statement needs to be re-prepared", which a
// server gives when DDL changed what it refers to and its own re-prepare
// gave up) is closed, prepared again and executed, once, and the caller
// sees only the row. MariaDB re-prepares by itself in the cases a test can
// provoke, so the fake server plays the one it does not.
func TestNeedReprepareIsTransparent(t *testing.T) {
	done := make(chan error, 1)
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		err := func() error {
			if err := answerPrepare(c, 1); err != nil {
				return err
			}
			if err := expectExecute(c, 1); err != nil {
				return err
			}
			if err := answerRow(c, 7); err != nil {
				return err
			}
			if err := expectExecute(c, 1); err != nil {
				return err
			}
			if err := c.WriteErr(1615, "HY000", "Prepared statement needs to be re-prepared"); err != nil {
				return err
			}
			pkt, err := c.ExpectCommand(wire.CommandStmtClose)
			if err != nil {
				return err
			}
			if binary.LittleEndian.Uint32(pkt) != 1 {
				return fmt.Errorf("closed statement %x, want 1", pkt)
			}
			if err := answerPrepare(c, 2); err != nil {
				return err
			}
			if err := expectExecute(c, 2); err != nil {
				return err
			}
			return answerRow(c, 8)
		}()
		done <- err
		if err != nil {
			return err
		}
		return serveCleanLoggedIn(c)
	}))
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	for _, want := range []int64{7, 8} {
		var v int64
		if err := conn.QueryRow(ctx, "SELECT ?", int64(1)).Scan(&v); err != nil {
			t.Fatalf("want %d: %v", want, err)
		}
		if v != want {
			t.Errorf("got %d, want %d", v, want)
		}
	}
	if err := conn.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestNeedReprepareOnlyOnce: a server that answers 1615 again after the
// re-prepare gets its error returned, not a loop.
func TestNeedReprepareOnlyOnce(t *testing.T) {
	done := make(chan error, 1)
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		err := func() error {
			if err := answerPrepare(c, 1); err != nil {
				return err
			}
			if err := expectExecute(c, 1); err != nil {
				return err
			}
			if err := answerRow(c, 7); err != nil {
				return err
			}
			if err := expectExecute(c, 1); err != nil {
				return err
			}
			if err := c.WriteErr(1615, "HY000", "Prepared statement needs to be re-prepared"); err != nil {
				return err
			}
			if _, err := c.ExpectCommand(wire.CommandStmtClose); err != nil {
				return err
			}
			if err := answerPrepare(c, 2); err != nil {
				return err
			}
			if err := expectExecute(c, 2); err != nil {
				return err
			}
			return c.WriteErr(1615, "HY000", "Prepared statement needs to be re-prepared")
		}()
		done <- err
		if err != nil {
			return err
		}
		return serveCleanLoggedIn(c)
	}))
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	var v int64
	if err := conn.QueryRow(ctx, "SELECT ?", int64(1)).Scan(&v); err != nil || v != 7 {
		t.Fatalf("first: %d, %v", v, err)
	}
	err := conn.QueryRow(ctx, "SELECT ?", int64(1)).Scan(&v)
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != 1615 {
		t.Fatalf("second: %v, want the server's 1615", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
