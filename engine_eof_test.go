package aiomysql_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// classicServer is a server without CLIENT_DEPRECATE_EOF: its result sets
// end their column definitions and their rows with EOF packets. It answers
// each query by its text (see classicReplies) until the client quits.
func classicServer(t *testing.T) *aiomysql.Config {
	t.Helper()
	return withoutCapsServer(t, wire.ClientDeprecateEOF, func(c *fakeserver.Conn, q string) error {
		reply, ok := classicReplies[q]
		if !ok {
			return fmt.Errorf("no scripted reply to %q", q)
		}
		return reply(c)
	})
}

// withoutCapsServer starts a fake server whose greeting offers none of the
// capabilities in drop, checks that the client asks for none of them,
// accepts the login and answers each query with reply; it returns a Config
// for it.
func withoutCapsServer(t *testing.T, drop wire.Capability, reply func(c *fakeserver.Conn, q string) error) *aiomysql.Config {
	t.Helper()
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
		g := nativeGreeting()
		g.Capabilities &^= drop
		if err := c.Greet(g); err != nil {
			return err
		}
		hr, _, err := c.ReadHandshakeResponse(nil)
		if err != nil {
			return err
		}
		if asked := hr.Capabilities & drop; asked != 0 {
			return fmt.Errorf("the client asked for capabilities %#x, which the server did not offer", uint32(asked))
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
		return serveQueries(c, true, func(q string) error { return reply(c, q) })
	})
	return fakeConfig(t, srv)
}

// classicCol is a column of a classic result set.
type classicCol struct {
	name string
	typ  wire.FieldType
}

// writeClassicSet writes one result set the pre-DEPRECATE_EOF way: column
// count, definitions, EOF, rows (nil is NULL), then EOF with status, unless
// endErr is set, when an ERR ends the rows instead.
func writeClassicSet(c *fakeserver.Conn, cols []classicCol, rows [][]*string, status wire.StatusFlag, endErr bool) error {
	if err := c.WritePacket(wire.AppendLenEncInt(nil, uint64(len(cols)))); err != nil {
		return err
	}
	for _, col := range cols {
		d := wire.ColumnDefinition{Catalog: "def", Name: col.name, OrgName: col.name, CharacterSet: 45,
			ColumnLength: 255, Type: col.typ}
		b, err := d.Encode(nil, c.Capabilities())
		if err != nil {
			return err
		}
		if err := c.WritePacket(b); err != nil {
			return err
		}
	}
	if err := writeEOF(c, wire.ServerStatusAutocommit); err != nil {
		return err
	}
	for _, row := range rows {
		var b []byte
		for _, v := range row {
			if v == nil {
				b = append(b, 0xFB)
				continue
			}
			b = wire.AppendLenEncInt(b, uint64(len(*v)))
			b = append(b, *v...)
		}
		if err := c.WritePacket(b); err != nil {
			return err
		}
	}
	if endErr {
		return c.WriteErr(1105, "HY000", "boom mid-rows")
	}
	return writeEOF(c, status)
}

func writeEOF(c *fakeserver.Conn, status wire.StatusFlag) error {
	b, err := wire.EOF{StatusFlags: status}.Encode(nil)
	if err != nil {
		return err
	}
	return c.WritePacket(b)
}

func strp(s string) *string { return &s }

var (
	idName = []classicCol{{"id", wire.TypeLongLong}, {"name", wire.TypeVarString}}
	oneCol = []classicCol{{"v", wire.TypeLongLong}}
)

// classicReplies are the classic server's answers, by query text.
var classicReplies = map[string]func(c *fakeserver.Conn) error{
	"SELECT rows": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, idName, [][]*string{{strp("1"), strp("alice")}, {strp("2"), nil}},
			wire.ServerStatusAutocommit, false)
	},
	"SELECT 1": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, oneCol, [][]*string{{strp("1")}}, wire.ServerStatusAutocommit, false)
	},
	"MULTI": func(c *fakeserver.Conn) error {
		more := wire.ServerStatusAutocommit | wire.ServerMoreResultsExists
		if err := writeClassicSet(c, oneCol, [][]*string{{strp("10")}, {strp("11")}}, more, false); err != nil {
			return err
		}
		if err := c.WriteOK(wire.OK{AffectedRows: 3, StatusFlags: more}); err != nil {
			return err
		}
		return writeClassicSet(c, idName, [][]*string{{strp("20"), strp("last")}}, wire.ServerStatusAutocommit, false)
	},
	"UPDATE ok": func(c *fakeserver.Conn) error {
		return c.WriteOK(wire.OK{AffectedRows: 7, LastInsertID: 9, StatusFlags: wire.ServerStatusAutocommit})
	},
	"SELECT err": func(c *fakeserver.Conn) error {
		return writeClassicSet(c, oneCol, [][]*string{{strp("1")}, {strp("2")}}, 0, true)
	},
}

// assertSelect1 checks that conn is in step: SELECT 1 returns 1.
func assertSelect1(t *testing.T, conn *aiomysql.Conn) {
	t.Helper()
	var v int
	if err := conn.QueryRow(testCtx(t), "SELECT 1").Scan(&v); err != nil || v != 1 {
		t.Fatalf("SELECT 1 afterwards = %d, %v", v, err)
	}
}

// TestClassicEOF: against a server without CLIENT_DEPRECATE_EOF, result
// sets, multi-results, OK-only replies and an ERR mid-rows read right and
// leave the connection in step.
func TestClassicEOF(t *testing.T) {
	cfg := classicServer(t)
	conn := connectT(t, cfg)
	if conn.Capabilities()&uint64(wire.ClientDeprecateEOF) != 0 {
		t.Fatal("CLIENT_DEPRECATE_EOF negotiated with a server that does not offer it")
	}
	ctx := testCtx(t)

	t.Run("result set", func(t *testing.T) {
		rows, err := conn.Query(ctx, "SELECT rows")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var id int64
			var name *string
			if err := rows.Scan(&id, &name); err != nil {
				t.Fatal(err)
			}
			n := "NULL"
			if name != nil {
				n = *name
			}
			got = append(got, fmt.Sprintf("%d:%s", id, n))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != "[1:alice 2:NULL]" || fmt.Sprint(rows.Columns()) != "[id name]" {
			t.Errorf("rows %v, columns %v", got, rows.Columns())
		}
		assertSelect1(t, conn)
	})
	t.Run("multi-result", func(t *testing.T) {
		rows, err := conn.Query(ctx, "MULTI")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var sets []string
		for {
			var vals []string
			for rows.Next() {
				v, err := rows.Values()
				if err != nil {
					t.Fatal(err)
				}
				vals = append(vals, fmt.Sprint(v))
			}
			affected, _ := rows.Result().RowsAffected()
			sets = append(sets, fmt.Sprintf("%v%v/%d", rows.Columns(), vals, affected))
			if !rows.NextResultSet() {
				break
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if want := "[[v][[10] [11]]/0 [][]/3 [id name][[20 last]]/0]"; fmt.Sprint(sets) != want {
			t.Errorf("results %v, want %s", sets, want)
		}
		assertSelect1(t, conn)
	})
	t.Run("OK only", func(t *testing.T) {
		res, err := conn.Exec(ctx, "UPDATE ok")
		if err != nil {
			t.Fatal(err)
		}
		affected, _ := res.RowsAffected()
		id, _ := res.LastInsertID()
		if affected != 7 || id != 9 {
			t.Errorf("affected %d, insert id %d; want 7, 9", affected, id)
		}
		assertSelect1(t, conn)
	})
	t.Run("ERR mid-rows", func(t *testing.T) {
		rows, err := conn.Query(ctx, "SELECT err")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		var se *aiomysql.Error
		if !errors.As(rows.Err(), &se) || se.Number != 1105 || n != 2 {
			t.Errorf("%d rows, then %v; want 2 rows, then error 1105", n, rows.Err())
		}
		rows.Close()
		if conn.IsClosed() {
			t.Fatal("the connection was closed after a server error")
		}
		assertSelect1(t, conn)
	})
}
