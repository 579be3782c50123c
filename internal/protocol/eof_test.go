package protocol_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// writeEOF writes an EOF packet (the classic end of columns and of rows).
func writeEOF(c *fakeserver.Conn, status wire.StatusFlag, warnings uint16) error {
	b, err := wire.EOF{StatusFlags: status, Warnings: warnings}.Encode(nil)
	if err != nil {
		return err
	}
	return c.WritePacket(b)
}

// writeClassicSet writes a result set of string columns the way a server
// without CLIENT_DEPRECATE_EOF does: count, definitions, EOF, rows, then EOF
// with status (or, with endErr, an ERR instead).
func writeClassicSet(c *fakeserver.Conn, cols []string, rows [][]string, status wire.StatusFlag, endErr bool) error {
	if err := c.WritePacket(wire.AppendLenEncInt(nil, uint64(len(cols)))); err != nil {
		return err
	}
	for _, name := range cols {
		if err := writeColumn(c, name); err != nil {
			return err
		}
	}
	if err := writeEOF(c, wire.ServerStatusAutocommit, 0); err != nil {
		return err
	}
	for _, row := range rows {
		if err := writeTextRow(c, row...); err != nil {
			return err
		}
	}
	if endErr {
		return c.WriteErr(1105, "HY000", "boom mid-rows")
	}
	return writeEOF(c, status, 2)
}

const autocommit = wire.ServerStatusAutocommit

// classicReplies are the classic server's answers, by query text.
var classicReplies = map[string]func(c *fakeserver.Conn) error{
	"SELECT rows": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, []string{"id", "name"}, [][]string{{"1", "alice"}, {"2", "bob"}}, autocommit, false)
	},
	"SELECT 1": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, []string{"v"}, [][]string{{"1"}}, autocommit, false)
	},
	"MULTI": func(c *fakeserver.Conn) error {
		more := autocommit | wire.ServerMoreResultsExists
		if err := writeClassicSet(c, []string{"v"}, [][]string{{"10"}, {"11"}}, more, false); err != nil {
			return err
		}
		if err := c.WriteOK(wire.OK{AffectedRows: 3, StatusFlags: more}); err != nil {
			return err
		}
		return writeClassicSet(c, []string{"id", "name"}, [][]string{{"20", "last"}}, autocommit, false)
	},
	"UPDATE ok": func(c *fakeserver.Conn) error {
		return c.WriteOK(wire.OK{AffectedRows: 7, LastInsertID: 9, StatusFlags: autocommit})
	},
	"SELECT err": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, []string{"v"}, [][]string{{"1"}, {"2"}}, 0, true)
	},
}

// classicServer is a fake server without CLIENT_DEPRECATE_EOF that answers
// each query by its text (classicReplies) until the client quits.
func classicServer(t *testing.T) *fakeserver.Server {
	return fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		g.Capabilities &^= wire.ClientDeprecateEOF
		if err := c.Greet(g); err != nil {
			return err
		}
		hr, _, err := c.ReadHandshakeResponse(nil)
		if err != nil {
			return err
		}
		if hr.Capabilities&wire.ClientDeprecateEOF != 0 {
			return errors.New("the client asked for CLIENT_DEPRECATE_EOF, which the server did not offer")
		}
		if err := c.WriteOK(wire.OK{StatusFlags: autocommit}); err != nil {
			return err
		}
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return nil // the client has gone
			}
			if wire.Command(pkt[0]) == wire.CommandQuit {
				return nil
			}
			reply, ok := classicReplies[string(pkt[1:])]
			if wire.Command(pkt[0]) != wire.CommandQuery || !ok {
				return fmt.Errorf("no scripted reply to %x", pkt)
			}
			if err := reply(c); err != nil {
				return err
			}
		}
	})
}

// rowsOf reads the current result set's rows, each as its values joined by
// ":".
func rowsOf(t *testing.T, r *protocol.Result) []string {
	t.Helper()
	var out []string
	for {
		row, err := r.NextRow()
		if err != nil {
			t.Fatalf("NextRow: %v", err)
		}
		if row == nil {
			return out
		}
		var vals []string
		for len(row) > 0 {
			v, n, err := wire.ReadLenEncString(row)
			if err != nil {
				t.Fatal(err)
			}
			vals = append(vals, string(v))
			row = row[n:]
		}
		out = append(out, strings.Join(vals, ":"))
	}
}

// names returns the column names of the current result set.
func names(r *protocol.Result) string {
	var out []string
	for _, d := range r.Columns() {
		out = append(out, d.Name)
	}
	return strings.Join(out, ",")
}

// assertSelect1 checks that c is in step.
func assertSelect1(t *testing.T, c *protocol.Conn) {
	t.Helper()
	if got := queryRows(t, c, "SELECT 1"); len(got) != 1 || got[0] != "1" {
		t.Fatalf("SELECT 1 afterwards = %v", got)
	}
}

// TestClassicEOF: against a server without CLIENT_DEPRECATE_EOF, a result
// set (EOF after the columns and after the rows), multi-results (more
// results flagged in the EOF), an OK-only reply and an ERR mid-rows are read
// right, with their status, and leave the connection in step.
func TestClassicEOF(t *testing.T) {
	c := connect(t, fakeOptions(classicServer(t)))
	if c.Capabilities()&wire.ClientDeprecateEOF != 0 {
		t.Fatal("CLIENT_DEPRECATE_EOF negotiated with a server that does not offer it")
	}
	ctx := testCtx(t)
	query := func(t *testing.T, q string) *protocol.Result {
		t.Helper()
		r, err := c.QueryText(ctx, protocol.Request{Op: "query"}, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return r
	}

	t.Run("result set", func(t *testing.T) {
		r := query(t, "SELECT rows")
		if got := names(r); got != "id,name" {
			t.Errorf("columns %s", got)
		}
		if got := rowsOf(t, r); fmt.Sprint(got) != "[1:alice 2:bob]" {
			t.Errorf("rows %v", got)
		}
		if r.More() || r.OK().Warnings != 2 || r.OK().StatusFlags != autocommit {
			t.Errorf("end of rows: more %v, %+v; want the final EOF's status and 2 warnings", r.More(), *r.OK())
		}
		if c.Status() != autocommit || c.State() != protocol.StateIdle {
			t.Errorf("connection status %v, state %v", c.Status(), c.State())
		}
		assertSelect1(t, c)
	})
	t.Run("multi-result", func(t *testing.T) {
		r := query(t, "MULTI")
		var sets []string
		for {
			rows := rowsOf(t, r)
			sets = append(sets, fmt.Sprintf("%s%v/%d", names(r), rows, r.OK().AffectedRows))
			more, err := r.NextResult()
			if err != nil {
				t.Fatal(err)
			}
			if !more {
				break
			}
		}
		if want := "[v[10 11]/0 []/3 id,name[20:last]/0]"; fmt.Sprint(sets) != want {
			t.Errorf("results %v, want %s", sets, want)
		}
		if c.Status()&wire.ServerMoreResultsExists != 0 || c.State() != protocol.StateIdle {
			t.Errorf("after the last result: status %v, state %v", c.Status(), c.State())
		}
		assertSelect1(t, c)
	})
	t.Run("OK only", func(t *testing.T) {
		ok, err := c.ExecText(ctx, protocol.Request{Op: "exec"}, "UPDATE ok")
		if err != nil {
			t.Fatal(err)
		}
		if ok.AffectedRows != 7 || ok.LastInsertID != 9 {
			t.Errorf("affected %d, insert id %d; want 7, 9", ok.AffectedRows, ok.LastInsertID)
		}
		assertSelect1(t, c)
	})
	t.Run("ERR mid-rows", func(t *testing.T) {
		r := query(t, "SELECT err")
		n := 0
		var err error
		for {
			var row []byte
			row, err = r.NextRow()
			if err != nil || row == nil {
				break
			}
			n++
		}
		var se *wire.ErrPacket
		if !errors.As(err, &se) || se.Code != 1105 || n != 2 {
			t.Errorf("%d rows, then %v; want 2 rows, then error 1105", n, err)
		}
		if s := c.State(); s != protocol.StateIdle {
			t.Fatalf("after a server error: %v, want idle", s)
		}
		assertSelect1(t, c)
	})
}
