package aiomysql_test

import (
	"errors"
	"net"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// nativeGreeting is a MySQL 8 greeting whose default plugin is
// mysql_native_password, so that a fake login is one response and an OK.
func nativeGreeting() wire.Handshake {
	g := fakeserver.MySQL8Greeting()
	g.AuthPluginName = "mysql_native_password"
	return g
}

// fakeLogin greets and accepts whatever the client answers.
func fakeLogin(c *fakeserver.Conn) error {
	if err := c.Greet(nativeGreeting()); err != nil {
		return err
	}
	if _, _, err := c.ReadHandshakeResponse(nil); err != nil {
		return err
	}
	return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
}

// serveClean logs in and answers every command with OK until the client leaves.
func serveClean(c *fakeserver.Conn) error {
	if err := fakeLogin(c); err != nil {
		return err
	}
	return serveCleanLoggedIn(c)
}

// serveCleanLoggedIn answers every command with OK until the client leaves.
func serveCleanLoggedIn(c *fakeserver.Conn) error { return answerOK(c, nil) }

// answerOK answers every command on a logged-in connection with OK, until
// COM_QUIT; before each, a non-nil before sees the command and may end the
// connection instead (done true, with its error).
func answerOK(c *fakeserver.Conn, before func(cmd wire.Command) (done bool, err error)) error {
	for {
		pkt, err := c.ReadCommand()
		if err != nil {
			return err
		}
		if wire.Command(pkt[0]) == wire.CommandQuit {
			return nil
		}
		if before != nil {
			if done, err := before(wire.Command(pkt[0])); done {
				return err
			}
		}
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
	}
}

// hostileServer runs script on the first connection and serveClean on the
// later ones, and returns a Config for it.
func hostileServer(t *testing.T, script fakeserver.Handler) *aiomysql.Config {
	t.Helper()
	var n atomic.Int32
	srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
		if n.Add(1) == 1 {
			return script(c)
		}
		return serveClean(c)
	})
	host, port, err := net.SplitHostPort(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	cfg := aiomysql.NewConfig()
	cfg.Host = host
	cfg.Port, _ = strconv.Atoi(port)
	cfg.User, cfg.Password = "u", "p"
	cfg.TLSMode = aiomysql.TLSDisabled
	return cfg
}

// loggedIn wraps a script so that it runs after a clean login.
func loggedIn(script func(c *fakeserver.Conn) error) fakeserver.Handler {
	return func(c *fakeserver.Conn) error {
		if err := fakeLogin(c); err != nil {
			return err
		}
		return script(c)
	}
}

// replyToPing answers the first command with raw bytes, then waits for the
// client to go.
func replyToPing(raw []byte) fakeserver.Handler {
	return loggedIn(func(c *fakeserver.Conn) error {
		if _, err := c.ExpectCommand(wire.CommandPing); err != nil {
			return err
		}
		if err := c.WriteRaw(raw); err != nil {
			return err
		}
		_, err := c.ReadPacket()
		return err
	})
}

// frame makes one packet with sequence id seq.
func frame(seq byte, payload ...byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// checkBrokenThenClean asserts that err is a protocol error, that conn is
// closed for good, and that a new connection to the same server works.
func checkBrokenThenClean(t *testing.T, cfg *aiomysql.Config, conn *aiomysql.Conn, err error) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if !errors.Is(err, aiomysql.ErrProtocol) {
		t.Errorf("error %v is not ErrProtocol", err)
	}
	if !conn.IsClosed() {
		t.Error("the connection is not closed after a protocol error")
	}
	if err := conn.Ping(testCtx(t)); !errors.Is(err, aiomysql.ErrClosed) {
		t.Errorf("Ping on the broken connection = %v, want ErrClosed", err)
	}
	next, err := aiomysql.Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatalf("next connection: %v", err)
	}
	defer next.Close()
	if err := next.Ping(testCtx(t)); err != nil {
		t.Fatalf("next connection's Ping: %v", err)
	}
}

func TestH1_TruncatedErr(t *testing.T) {
	for _, errPkt := range [][]byte{{0xFF}, {0xFF, 0x15, 0x04}} {
		name := strconv.Itoa(len(errPkt)) + "-byte ERR"
		t.Run(name+" as greeting", func(t *testing.T) {
			cfg := hostileServer(t, func(c *fakeserver.Conn) error {
				return c.WriteRaw(frame(0, errPkt...))
			})
			_, err := aiomysql.Connect(testCtx(t), cfg)
			if err == nil || !errors.Is(err, aiomysql.ErrProtocol) {
				t.Fatalf("Connect = %v, want a protocol error", err)
			}
		})
		t.Run(name+" after a command", func(t *testing.T) {
			cfg := hostileServer(t, replyToPing(frame(1, errPkt...)))
			conn := connectT(t, cfg)
			checkBrokenThenClean(t, cfg, conn, conn.Ping(testCtx(t)))
		})
	}
}

func TestH2_HugeDeclaredCounts(t *testing.T) {
	tests := []struct {
		name  string
		reply []byte
	}{
		{"column count 2^63", frame(1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F)},
		{"column count 2^64-1", frame(1, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF)},
		{"lenenc string longer than its packet", append(frame(1, 1),
			frame(2, 0xFC, 0xFF, 0xFF, 'd', 'e', 'f')...)},
		{"row value longer than its packet", append(append(append(frame(1, 1),
			frame(2, columnDef("v")...)...),
			frame(3, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 'x')...),
			frame(4, 0xFE, 0, 0, 2, 0, 0, 0)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
				if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
					return err
				}
				if err := c.WriteRaw(tc.reply); err != nil {
					return err
				}
				_, err := c.ReadPacket()
				return err
			}))
			conn := connectT(t, cfg)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := aiomysql.QueryValueForTest(testCtx(t), conn, "SELECT v")
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 10<<20 {
				t.Errorf("allocated %d bytes for a hostile count", grew)
			}
			checkBrokenThenClean(t, cfg, conn, err)
		})
	}
}

// columnDef is a minimal column definition packet for a VARCHAR column.
func columnDef(name string) []byte {
	d := wire.ColumnDefinition{Catalog: "def", Name: name, OrgName: name, CharacterSet: 45,
		ColumnLength: 255, Type: wire.TypeVarString}
	b, err := d.Encode(nil, fakeserver.ServerCapabilities())
	if err != nil {
		panic(err)
	}
	return b
}

func TestH3_SequenceAndUnsolicited(t *testing.T) {
	ok := []byte{0, 0, 0, 2, 0, 0, 0}
	t.Run("wrong sequence id", func(t *testing.T) {
		cfg := hostileServer(t, replyToPing(frame(5, ok...)))
		conn := connectT(t, cfg)
		checkBrokenThenClean(t, cfg, conn, conn.Ping(testCtx(t)))
	})
	t.Run("zero-length packet", func(t *testing.T) {
		cfg := hostileServer(t, replyToPing(frame(1)))
		conn := connectT(t, cfg)
		checkBrokenThenClean(t, cfg, conn, conn.Ping(testCtx(t)))
	})
	t.Run("second OK after OK", func(t *testing.T) {
		cfg := hostileServer(t, replyToPing(append(frame(1, ok...), frame(2, ok...)...)))
		conn := connectT(t, cfg)
		if err := conn.Ping(testCtx(t)); err != nil {
			t.Fatalf("first Ping: %v", err)
		}
		checkBrokenThenClean(t, cfg, conn, conn.Ping(testCtx(t)))
	})
	t.Run("unexpected packet type", func(t *testing.T) {
		cfg := hostileServer(t, replyToPing(frame(1, 0x42, 0x42)))
		conn := connectT(t, cfg)
		checkBrokenThenClean(t, cfg, conn, conn.Ping(testCtx(t)))
	})
}
