package protocol_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestStateTransitions: a query moves the connection from idle to command
// (while it is written) to result (while rows remain) and back to idle once
// the rows are read or the Result closed; a command started while a Result
// is open is refused with ErrBusy and leaves the Result readable.
func TestStateTransitions(t *testing.T) {
	opts := realOptions(t)
	sock := spyDial(opts)
	c := connect(t, opts)
	ctx := testCtx(t)
	if s := c.State(); s != protocol.StateIdle {
		t.Fatalf("after Connect: %v, want idle", s)
	}
	var duringWrite []protocol.State
	sock().setOnWrite(func([]byte) { duringWrite = append(duringWrite, c.State()) })
	r, err := c.QueryText(ctx, protocol.Request{Op: "query"}, "SELECT seq FROM seq_1_to_3")
	if err != nil {
		t.Fatal(err)
	}
	sock().setOnWrite(nil)
	if len(duringWrite) != 1 || duringWrite[0] != protocol.StateCommand {
		t.Errorf("states during the query's writes %v, want [%v]", duringWrite, protocol.StateCommand)
	}
	if s := c.State(); s != protocol.StateResult {
		t.Fatalf("after Query: %v, want %v", s, protocol.StateResult)
	}

	// Busy: every kind of command is refused while the rows remain.
	if err := c.Ping(ctx); !errors.Is(err, protocol.ErrBusy) {
		t.Errorf("Ping with a Result open = %v, want ErrBusy", err)
	}
	if _, err := c.QueryText(ctx, protocol.Request{Op: "query"}, "SELECT 1"); !errors.Is(err, protocol.ErrBusy) {
		t.Errorf("Query with a Result open = %v, want ErrBusy", err)
	}
	if err := c.Queue(ctx, protocol.Request{Op: "query"}, queryText("SELECT 1")); !errors.Is(err, protocol.ErrBusy) {
		t.Errorf("Queue with a Result open = %v, want ErrBusy", err)
	}
	if s := c.State(); s != protocol.StateResult {
		t.Fatalf("after refused commands: %v, want %v", s, protocol.StateResult)
	}
	row, err := r.NextRow()
	if err != nil || firstColumn(t, row) != "1" {
		t.Fatalf("first row %q, %v", row, err)
	}
	if s := c.State(); s != protocol.StateResult {
		t.Errorf("mid-rows: %v, want %v", s, protocol.StateResult)
	}
	if rest := readAll(t, r); strings.Join(rest, ",") != "2,3" {
		t.Errorf("rest of the rows %v, want [2 3]", rest)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after the last row: %v, want idle", s)
	}

	// Close mid-rows gives the connection back too.
	r, err = c.QueryText(ctx, protocol.Request{Op: "query"}, "SELECT seq FROM seq_1_to_1000")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.NextRow(); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatalf("Result.Close: %v", err)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after Result.Close: %v, want idle", s)
	}
	if got := queryRows(t, c, "SELECT 42"); len(got) != 1 || got[0] != "42" {
		t.Errorf("SELECT 42 afterwards = %v", got)
	}

	// An OK-only reply never enters the result state.
	if _, err := c.ExecText(ctx, protocol.Request{Op: "exec"}, "DO 1"); err != nil {
		t.Fatal(err)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after DO 1: %v, want idle", s)
	}

	// Close: closed, idempotent, and every call refused with ErrClosed.
	if err := c.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if s := c.State(); s != protocol.StateClosed {
		t.Errorf("after Close: %v, want %v", s, protocol.StateClosed)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := c.Ping(ctx); !errors.Is(err, protocol.ErrClosed) {
		t.Errorf("Ping after Close = %v, want ErrClosed", err)
	}
}

// TestBrokenAfterProtocolError: a reply with the wrong sequence id, a
// second packet after a complete OK, and an empty packet each break the
// connection: its socket is closed, and every later call fails with an error
// wrapping ErrClosed that says why it broke.
func TestBrokenAfterProtocolError(t *testing.T) {
	cases := []struct {
		name  string
		reply func(t *testing.T) []byte
	}{
		{"wrong sequence id", func(t *testing.T) []byte {
			return frame(5, okPayload(t, wire.OK{StatusFlags: wire.ServerStatusAutocommit}, fakeserver.ServerCapabilities())...)
		}},
		{"packet after OK", func(t *testing.T) []byte {
			ok := okPayload(t, wire.OK{StatusFlags: wire.ServerStatusAutocommit}, fakeserver.ServerCapabilities())
			return append(frame(1, ok...), frame(2, ok...)...)
		}},
		{"zero-length packet", func(*testing.T) []byte { return frame(1) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reply := tc.reply(t)
			srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
				if _, err := c.ExpectCommand(wire.CommandPing); err != nil {
					return err
				}
				if err := c.WriteRaw(reply); err != nil {
					return err
				}
				return waitGone(c)
			}))
			c := connect(t, fakeOptions(srv))
			ctx := testCtx(t)
			err := c.Ping(ctx)
			if err == nil {
				// The extra packet may be found only by the next command.
				err = c.Ping(ctx)
			}
			if !errors.Is(err, protocol.ErrProtocol) {
				t.Fatalf("error %v, want ErrProtocol", err)
			}
			if s := c.State(); s != protocol.StateBroken {
				t.Errorf("state %v, want %v", s, protocol.StateBroken)
			}
			later := c.Ping(ctx)
			if !errors.Is(later, protocol.ErrClosed) || !strings.Contains(later.Error(), "broke earlier") {
				t.Errorf("the next call = %v, want ErrClosed saying it broke earlier", later)
			}
			// The socket is closed: the server sees the end of the stream.
			select {
			case sc := <-srv.Accepted():
				select {
				case <-sc.Done():
				case <-ctx.Done():
					t.Fatal("the server never saw the connection close")
				}
			case <-ctx.Done():
				t.Fatal("no connection")
			}
		})
	}
}

// TestCloseDuringQuery: Close from another goroutine while a query waits
// for its reply ends the query at once with an error, and leaves the
// connection closed; a second Close is harmless.
func TestCloseDuringQuery(t *testing.T) {
	opts := realOptions(t)
	sock := spyDial(opts)
	c := connect(t, opts)
	written := make(chan struct{})
	sock().setOnWrite(func(p []byte) {
		if bytes.Contains(p, []byte("SLEEP(5)")) {
			close(written)
		}
	})
	closed := make(chan error, 1)
	go func() {
		<-written
		closed <- c.Close()
	}()
	start := time.Now()
	_, err := c.ExecText(testCtx(t), protocol.Request{Op: "exec"}, "SELECT SLEEP(5)")
	if err == nil {
		t.Fatal("the query succeeded although the connection was closed under it")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the query returned %v after it started, want at once", d)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if s := c.State(); s != protocol.StateClosed {
		t.Errorf("state %v, want %v", s, protocol.StateClosed)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := c.Ping(testCtx(t)); !errors.Is(err, protocol.ErrClosed) {
		t.Errorf("Ping after Close = %v, want ErrClosed", err)
	}
}
