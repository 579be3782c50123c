package aiomysql_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestLongErrOverMaxAllowedPacket: an ERR packet larger than
// Config.MaxAllowedPacket (vtgate appends the query and its bind variables
// to a message) is still the server's *Error, its message cut to the bound,
// and the connection stays usable: the next query on it works.
func TestLongErrOverMaxAllowedPacket(t *testing.T) {
	const head = "Duplicate entry '1' for key 'PRIMARY' (query: INSERT INTO t VALUES "
	long := head + strings.Repeat("(1),", 2500) + "(1))"
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
			return err
		}
		if err := c.WriteErr(errcode.DupEntry, "23000", long); err != nil {
			return err
		}
		if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
			return err
		}
		if err := answerValue(c, "42"); err != nil {
			return err
		}
		return serveCleanLoggedIn(c)
	}))
	cfg.MaxAllowedPacket = 4096
	conn := connectT(t, cfg)
	ctx := testCtx(t)

	_, err := conn.Exec(ctx, "INSERT INTO t VALUES (1)")
	var se *aiomysql.Error
	if !errors.As(err, &se) {
		t.Fatalf("a %d-byte ERR over a 4096-byte bound: %v, want *aiomysql.Error", len(long), err)
	}
	if se.Number != errcode.DupEntry || se.SQLState != "23000" || !strings.HasPrefix(se.Message, head) {
		t.Errorf("error %d (%s) %.80q, want 1062 (23000) starting %q", se.Number, se.SQLState, se.Message, head)
	}
	if len(se.Message) >= 4096 || len(se.Message) < 4000 {
		t.Errorf("message of %d bytes, want it cut just under the 4096-byte bound", len(se.Message))
	}
	if conn.IsClosed() {
		t.Fatal("the connection was closed after a long ERR packet")
	}
	var v int
	if err := conn.QueryRow(ctx, "SELECT 42").Scan(&v); err != nil || v != 42 {
		t.Fatalf("the next query on the same connection: %d, %v; want 42", v, err)
	}
}
