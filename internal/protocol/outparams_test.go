package protocol_test

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// writeCallSet writes a result set of one string column, with classic EOFs
// (no CLIENT_DEPRECATE_EOF) or without; head are the status flags of the
// classic EOF after the definition.
func writeCallSet(c *fakeserver.Conn, classic bool, name string, head, end wire.StatusFlag, rows ...string) error {
	if !classic {
		return writeResultSet(c, name, end, rows...)
	}
	if err := c.WritePacket(wire.AppendLenEncInt(nil, 1)); err != nil {
		return err
	}
	if err := writeColumn(c, name); err != nil {
		return err
	}
	if err := writeEOF(c, head, 0); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeTextRow(c, r); err != nil {
			return err
		}
	}
	return writeEOF(c, end, 0)
}

// callServer answers as a server does a CALL run with COM_STMT_EXECUTE
// (in text rows, which the lookahead does not look into), with or without
// CLIENT_DEPRECATE_EOF.
func callServer(t *testing.T, classic bool) *fakeserver.Server {
	more := autocommit | wire.ServerMoreResultsExists
	out := more | wire.ServerPSOutParams
	replies := map[string]func(c *fakeserver.Conn) error{
		// Sets of three rows, one row, none, then the OUT parameters.
		"CALL sets": func(c *fakeserver.Conn) error {
			if err := writeCallSet(c, classic, "a", autocommit, more, "1", "2", "3"); err != nil {
				return err
			}
			if err := writeCallSet(c, classic, "b", autocommit, more, "one"); err != nil {
				return err
			}
			if err := writeCallSet(c, classic, "c", autocommit, more); err != nil {
				return err
			}
			if err := writeCallSet(c, classic, "o", out, out, "out-value"); err != nil {
				return err
			}
			return c.WriteOK(wire.OK{AffectedRows: 1, StatusFlags: autocommit})
		},
		// Only the OUT parameters.
		"CALL out": func(c *fakeserver.Conn) error {
			if err := writeCallSet(c, classic, "o", out, out, "only"); err != nil {
				return err
			}
			return c.WriteOK(wire.OK{StatusFlags: autocommit})
		},
		// A row, then an error in the middle of the set.
		"CALL err": func(c *fakeserver.Conn) error {
			if err := c.WritePacket(wire.AppendLenEncInt(nil, 1)); err != nil {
				return err
			}
			if err := writeColumn(c, "a"); err != nil {
				return err
			}
			if classic {
				if err := writeEOF(c, autocommit, 0); err != nil {
					return err
				}
			}
			if err := writeTextRow(c, "1"); err != nil {
				return err
			}
			return c.WriteErr(1105, "HY000", "boom in the procedure")
		},
		"SELECT 1": func(c *fakeserver.Conn) error {
			return writeCallSet(c, classic, "v", autocommit, autocommit, "1")
		},
	}
	return fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		if classic {
			g.Capabilities &^= wire.ClientDeprecateEOF
		}
		if err := fakeLogin(c, g); err != nil {
			return err
		}
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return nil
			}
			if wire.Command(pkt[0]) == wire.CommandQuit {
				return nil
			}
			reply, ok := replies[string(pkt[1:])]
			if wire.Command(pkt[0]) != wire.CommandQuery || !ok {
				return fmt.Errorf("no scripted reply to %x", pkt)
			}
			if err := reply(c); err != nil {
				return err
			}
		}
	})
}

// call runs q as a request marked Call.
func call(t *testing.T, c *protocol.Conn, q string) (*protocol.Result, error) {
	t.Helper()
	return c.QueryText(testCtx(t), protocol.Request{Op: "call", Call: true}, q)
}

// checkOutParams checks that r's reply kept the OUT parameters: one
// column, o, and one row holding want.
func checkOutParams(t *testing.T, r *protocol.Result, want string) {
	t.Helper()
	defs, cols, row, ok := r.OutParams()
	if !ok || len(defs) != 1 || defs[0].Name != "o" || len(cols) != 1 {
		t.Fatalf("OutParams: %v %v %v", ok, defs, cols)
	}
	if got := firstColumn(t, row); got != want {
		t.Fatalf("OUT row %q, want %q", got, want)
	}
}

func TestCallOutParamsProtocol(t *testing.T) {
	for _, classic := range []bool{false, true} {
		t.Run(fmt.Sprintf("classic=%v", classic), func(t *testing.T) {
			c := connect(t, fakeOptions(callServer(t, classic)))
			r, err := call(t, c, "CALL sets")
			if err != nil {
				t.Fatal(err)
			}
			var sets [][]string
			var outAt []int
			for i := 0; ; i++ {
				if r.IsOutParams() {
					outAt = append(outAt, i)
				}
				if r.HasRows() {
					sets = append(sets, readAll(t, r))
				}
				more, err := r.NextResult()
				if err != nil {
					t.Fatal(err)
				}
				if !more {
					break
				}
			}
			want := [][]string{{"1", "2", "3"}, {"one"}, nil, {"out-value"}}
			if !reflect.DeepEqual(sets, want) {
				t.Fatalf("sets %q, want %q", sets, want)
			}
			if !reflect.DeepEqual(outAt, []int{3}) {
				t.Fatalf("IsOutParams at results %v, want [3]", outAt)
			}
			if r.OK().AffectedRows != 1 {
				t.Fatalf("the CALL's OK: %+v", r.OK())
			}
			checkOutParams(t, r, "out-value")

			// Discarded unread: the OUT parameters are kept all the same.
			r, err = call(t, c, "CALL sets")
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Close(); err != nil {
				t.Fatal(err)
			}
			checkOutParams(t, r, "out-value")

			// The OUT parameters first: known at the head of the reply.
			r, err = call(t, c, "CALL out")
			if err != nil {
				t.Fatal(err)
			}
			if !r.IsOutParams() {
				t.Fatal("the OUT parameters' set not known at the head")
			}
			if err := r.Discard(testCtx(t)); err != nil {
				t.Fatal(err)
			}
			checkOutParams(t, r, "only")

			// An error after a row read ahead ends the reply cleanly.
			_, err = call(t, c, "CALL err")
			var se *wire.ErrPacket
			if !errors.As(err, &se) || se.Code != 1105 {
				t.Fatalf("CALL err: %v", err)
			}
			if got := queryRows(t, c, "SELECT 1"); !reflect.DeepEqual(got, []string{"1"}) {
				t.Fatalf("SELECT 1 after the CALLs: %v", got)
			}
			// A reply that is no CALL keeps no OUT parameters.
			r, err = c.QueryText(testCtx(t), protocol.Request{Op: "query"}, "SELECT 1")
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, r)
			if _, _, _, ok := r.OutParams(); ok {
				t.Fatal("OUT parameters in a reply without any")
			}
		})
	}
}
