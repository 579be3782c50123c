package protocol_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// deadError waits until CheckLiveness finds c dead and returns its error.
func deadError(t *testing.T, c *protocol.Conn) error {
	t.Helper()
	var err error
	eventually(t, "CheckLiveness reporting the connection dead", func() bool {
		err = c.CheckLiveness()
		return err != nil
	})
	return err
}

// checkNotAlive checks a CheckLiveness error: it wraps ErrNotSent and
// ErrNotAlive, says want, and left the connection closed.
func checkNotAlive(t *testing.T, c *protocol.Conn, err error, want string) {
	t.Helper()
	if !errors.Is(err, protocol.ErrNotSent) || !errors.Is(err, protocol.ErrNotAlive) {
		t.Errorf("CheckLiveness = %v, want ErrNotSent and ErrNotAlive", err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("CheckLiveness = %v, want it to say %q", err, want)
	}
	if s := c.State(); s != protocol.StateBroken {
		t.Errorf("state %v after a dead connection was found, want broken", s)
	}
}

// TestLivenessKilled: an idle connection is alive; once another session
// kills it (KILL CONNECTION), CheckLiveness reports it closed by the server
// without writing anything. Over TCP and over TLS.
func TestLivenessKilled(t *testing.T) {
	for _, withTLS := range []bool{false, true} {
		name := "tcp"
		if withTLS {
			name = "tls"
		}
		t.Run(name, func(t *testing.T) {
			opts := realOptions(t)
			if withTLS {
				cfg, err := testServer(t).TLS.ClientConfig("127.0.0.1", false)
				if err != nil {
					t.Fatal(err)
				}
				opts.TLSConfig, opts.TLSRequired = cfg, true
			}
			sock := spyDial(opts)
			c := connect(t, opts)
			if c.TLS() != withTLS {
				t.Fatalf("TLS %v, want %v", c.TLS(), withTLS)
			}
			if err := c.Ping(testCtx(t)); err != nil {
				t.Fatal(err)
			}
			if err := c.CheckLiveness(); err != nil {
				t.Fatalf("CheckLiveness on a fresh idle connection = %v, want nil", err)
			}
			if s := c.State(); s != protocol.StateIdle {
				t.Fatalf("state %v after CheckLiveness, want idle", s)
			}
			admin := connect(t, realOptions(t))
			exec(t, admin, "KILL CONNECTION "+strconv.FormatUint(uint64(c.ConnectionID()), 10))
			before := sock().written.Load()
			err := deadError(t, c)
			checkNotAlive(t, c, err, "the server closed the connection")
			if n := sock().written.Load() - before; n != 0 {
				t.Errorf("CheckLiveness wrote %d bytes, want none", n)
			}
			if err := c.Ping(testCtx(t)); !errors.Is(err, protocol.ErrClosed) {
				t.Errorf("Ping afterwards = %v, want ErrClosed", err)
			}
		})
	}
}

// TestLivenessFake: what the fake server sends to an idle connection: MySQL
// 8's farewell (ERR 4031 with sequence 0, then FIN) gives its text; bytes no
// idle connection should receive are an error; a connection with a result
// open is busy.
func TestLivenessFake(t *testing.T) {
	t.Run("ERR 4031", func(t *testing.T) {
		srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
			c.SetSequence(0)
			if err := c.WriteErr(4031, "HY000", "The client was disconnected by the server because of inactivity."); err != nil {
				return err
			}
			return c.Close()
		}))
		c := connect(t, fakeOptions(srv))
		err := deadError(t, c)
		checkNotAlive(t, c, err, "disconnected by the server because of inactivity")
		var se *wire.ErrPacket
		if !errors.As(err, &se) || se.Code != 4031 {
			t.Errorf("CheckLiveness = %v, want it to carry the ERR 4031", err)
		}
	})
	t.Run("unexpected bytes", func(t *testing.T) {
		srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
			if err := c.WriteRaw(frame(0, 'h', 'e', 'l', 'l', 'o')); err != nil {
				return err
			}
			return waitGone(c)
		}))
		c := connect(t, fakeOptions(srv))
		err := deadError(t, c)
		checkNotAlive(t, c, err, "unsolicited bytes")
		if !errors.Is(err, protocol.ErrProtocol) {
			t.Errorf("CheckLiveness = %v, want ErrProtocol", err)
		}
	})
	t.Run("busy", func(t *testing.T) {
		srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
			if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
				return err
			}
			if err := writeResultSet(c, "v", autocommit, "1", "2"); err != nil {
				return err
			}
			return waitGone(c)
		}))
		c := connect(t, fakeOptions(srv))
		r, err := c.QueryText(testCtx(t), protocol.Request{Op: "query"}, "SELECT v")
		if err != nil {
			t.Fatal(err)
		}
		if err := c.CheckLiveness(); !errors.Is(err, protocol.ErrBusy) {
			t.Errorf("CheckLiveness with a result open = %v, want ErrBusy", err)
		}
		if got := readAll(t, r); strings.Join(got, ",") != "1,2" {
			t.Errorf("rows %v after CheckLiveness", got)
		}
		if err := c.CheckLiveness(); err != nil {
			t.Errorf("CheckLiveness once idle = %v, want nil", err)
		}
	})
}
