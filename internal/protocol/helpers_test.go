package protocol_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// testCtx is a context that bounds a test's calls.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// realOptions are the options of a root connection to the shared server,
// built as the public package builds them.
func realOptions(t testing.TB) *protocol.Options {
	t.Helper()
	srv := testServer(t)
	return &protocol.Options{
		Network:      "tcp",
		Address:      srv.Addr(),
		User:         srv.Root.Name,
		Password:     srv.Root.Password,
		Database:     srv.Database,
		Collation:    45, // utf8mb4_general_ci
		AuthPlugins:  []string{"mysql_native_password", "client_ed25519"},
		KillOnCancel: true,
	}
}

// fakeOptions are the options of a connection to a fake server: no kills
// (the fake server has no process list to prove a target in).
func fakeOptions(srv *fakeserver.Server) *protocol.Options {
	return &protocol.Options{
		Network:     "tcp",
		Address:     srv.Addr(),
		User:        "u",
		Collation:   45,
		AuthPlugins: []string{"mysql_native_password", "client_ed25519"},
	}
}

// connect connects with opts; Close runs at the end of the test.
func connect(t testing.TB, opts *protocol.Options) *protocol.Conn {
	t.Helper()
	c, err := protocol.Connect(testCtx(t), opts)
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// nativeGreeting is a MySQL 8 greeting whose default plugin is
// mysql_native_password: a login is one response and an OK.
func nativeGreeting() wire.Handshake {
	g := fakeserver.MySQL8Greeting()
	g.AuthPluginName = "mysql_native_password"
	return g
}

// fakeLogin greets with g and accepts whatever the client answers.
func fakeLogin(c *fakeserver.Conn, g wire.Handshake) error {
	if err := c.Greet(g); err != nil {
		return err
	}
	if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
		return err
	}
	return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
}

// loggedIn runs script after a clean login with the native greeting.
func loggedIn(script func(c *fakeserver.Conn) error) fakeserver.Handler {
	return func(c *fakeserver.Conn) error {
		if err := fakeLogin(c, nativeGreeting()); err != nil {
			return err
		}
		return script(c)
	}
}

// waitGone waits until the client closes the connection.
func waitGone(c *fakeserver.Conn) error {
	for {
		if _, err := c.ReadPacket(); err != nil {
			return nil
		}
	}
}

// frame makes one packet with sequence id seq.
func frame(seq byte, payload ...byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// okPayload is an OK packet's payload as the fake server's client would
// read it.
func okPayload(t testing.TB, ok wire.OK, caps wire.Capability) []byte {
	t.Helper()
	b, err := ok.Encode(nil, caps)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeColumn writes one column definition (a string column).
func writeColumn(c *fakeserver.Conn, name string) error {
	d := wire.ColumnDefinition{Catalog: "def", Name: name, OrgName: name, CharacterSet: 45,
		ColumnLength: 255, Type: wire.TypeVarString}
	b, err := d.Encode(nil, c.Capabilities())
	if err != nil {
		return err
	}
	return c.WritePacket(b)
}

// writeTextRow writes one text-protocol row of the values.
func writeTextRow(c *fakeserver.Conn, values ...string) error {
	var b []byte
	for _, v := range values {
		b = wire.AppendLenEncString(b, []byte(v))
	}
	return c.WritePacket(b)
}

// writeResultSet writes a result set of one string column under
// CLIENT_DEPRECATE_EOF: count, definition, rows, the final OK (0xFE).
func writeResultSet(c *fakeserver.Conn, name string, status wire.StatusFlag, rows ...string) error {
	if err := c.WritePacket(wire.AppendLenEncInt(nil, 1)); err != nil {
		return err
	}
	if err := writeColumn(c, name); err != nil {
		return err
	}
	for _, r := range rows {
		if err := writeTextRow(c, r); err != nil {
			return err
		}
	}
	return c.WriteOK(wire.OK{Header: 0xFE, StatusFlags: status})
}

// firstColumn decodes the first value of a text row.
func firstColumn(t testing.TB, row []byte) string {
	t.Helper()
	v, _, err := wire.ReadLenEncString(row)
	if err != nil {
		t.Fatalf("row %x: %v", row, err)
	}
	return string(v)
}

// readAll reads the rest of r's current result set and returns the first
// column of each row.
func readAll(t testing.TB, r *protocol.Result) []string {
	t.Helper()
	var out []string
	for {
		row, err := r.NextRow()
		if err != nil {
			t.Fatalf("NextRow after %d rows: %v", len(out), err)
		}
		if row == nil {
			return out
		}
		out = append(out, firstColumn(t, row))
	}
}

// queryRows runs q and returns the first column of its rows.
func queryRows(t testing.TB, c *protocol.Conn, q string) []string {
	t.Helper()
	r, err := c.QueryText(testCtx(t), protocol.Request{Op: "query"}, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return readAll(t, r)
}

// exec runs q and fails the test on an error.
func exec(t testing.TB, c *protocol.Conn, q string) *wire.OK {
	t.Helper()
	ok, err := c.ExecText(testCtx(t), protocol.Request{Op: "exec"}, q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return ok
}

// queryText is a build function for COM_QUERY of q.
func queryText(q string) func([]byte) ([]byte, error) {
	return func(b []byte) ([]byte, error) { return wire.AppendComQuery(b, q), nil }
}

// spyConn is a socket that counts its writes and can report each one. It
// passes its file descriptor on (syscall.Conn), so that liveness peeks work
// through it.
type spyConn struct {
	net.Conn
	writes  atomic.Int64
	written atomic.Int64
	mu      sync.Mutex
	onWrite func(p []byte)
}

func (s *spyConn) Write(p []byte) (int, error) {
	s.mu.Lock()
	f := s.onWrite
	s.mu.Unlock()
	s.writes.Add(1)
	s.written.Add(int64(len(p)))
	n, err := s.Conn.Write(p)
	if f != nil {
		f(p)
	}
	return n, err
}

// setOnWrite sets the function called after each write.
func (s *spyConn) setOnWrite(f func(p []byte)) {
	s.mu.Lock()
	s.onWrite = f
	s.mu.Unlock()
}

func (s *spyConn) SyscallConn() (syscall.RawConn, error) {
	sc, ok := s.Conn.(syscall.Conn)
	if !ok {
		return nil, errors.New("not a syscall.Conn")
	}
	return sc.SyscallConn()
}

// spyDial makes opts dial through a spyConn and returns a function giving
// the first socket dialled (the connection's own; kills dial more).
func spyDial(opts *protocol.Options) func() *spyConn {
	var mu sync.Mutex
	var first *spyConn
	opts.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		s := &spyConn{Conn: nc}
		mu.Lock()
		if first == nil {
			first = s
		}
		mu.Unlock()
		return s, nil
	}
	return func() *spyConn {
		mu.Lock()
		defer mu.Unlock()
		return first
	}
}

// eventually calls f until it returns true, for up to 5 s: for conditions
// that nothing signals (a FIN reaching the client's socket).
func eventually(t testing.TB, what string, f func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !f() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5 s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
