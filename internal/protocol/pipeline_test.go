package protocol_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// readValue reads the next reply of a pipeline: the first column of its one
// row, or "OK" for a reply without rows.
func readValue(t *testing.T, c *protocol.Conn) string {
	t.Helper()
	r, err := c.ReadResult(testCtx(t))
	if err != nil {
		t.Fatalf("ReadResult: %v", err)
	}
	if !r.HasRows() {
		return "OK"
	}
	return strings.Join(readAll(t, r), ",")
}

// TestPipelineFIFO: three queued commands go out in one write, and their
// replies are read in order; the connection is idle after the last.
func TestPipelineFIFO(t *testing.T) {
	opts := realOptions(t)
	sock := spyDial(opts)
	c := connect(t, opts)
	ctx := testCtx(t)
	before := sock().writes.Load()
	for _, q := range []string{"SELECT 1", "SELECT 2", "DO 3"} {
		if err := c.Queue(ctx, protocol.Request{Op: "query"}, queryText(q)); err != nil {
			t.Fatalf("Queue %q: %v", q, err)
		}
		if s := c.State(); s != protocol.StateCommand {
			t.Fatalf("after Queue: %v, want %v", s, protocol.StateCommand)
		}
	}
	if n := sock().writes.Load() - before; n != 0 {
		t.Fatalf("Queue wrote %d times, want nothing before Flush", n)
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if n := sock().writes.Load() - before; n != 1 {
		t.Errorf("%d writes for three queued commands, want 1", n)
	}
	var got []string
	for range 3 {
		got = append(got, readValue(t, c))
	}
	if strings.Join(got, " ") != "1 2 OK" {
		t.Errorf("replies %v, want [1 2 OK]", got)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after the last reply: %v, want idle", s)
	}
	if _, err := c.ReadResult(ctx); err == nil {
		t.Error("ReadResult with no reply due succeeded")
	}
	if got := queryRows(t, c, "SELECT 7"); len(got) != 1 || got[0] != "7" {
		t.Errorf("SELECT 7 afterwards = %v", got)
	}
}

// TestPipelineNoReply: a command the server does not answer (COM_STMT_CLOSE
// of a statement that does not exist) queued before a COM_PING goes out in
// the same write, and the ping's reply is read as the ping's.
func TestPipelineNoReply(t *testing.T) {
	opts := realOptions(t)
	sock := spyDial(opts)
	c := connect(t, opts)
	ctx := testCtx(t)
	if err := c.Queue(ctx, protocol.Request{Op: "query"}, queryText("SELECT 5")); err != nil {
		t.Fatal(err)
	}
	err := c.QueueNoReplyForTest(func(b []byte) ([]byte, error) {
		return binary.LittleEndian.AppendUint32(append(b, byte(wire.CommandStmtClose)), 0x7fff_fff0), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ping := func(b []byte) ([]byte, error) { return append(b, byte(wire.CommandPing)), nil }
	if err := c.Queue(ctx, protocol.Request{Op: "ping"}, ping); err != nil {
		t.Fatal(err)
	}
	before := sock().writes.Load()
	var flushed []byte
	sock().setOnWrite(func(p []byte) { flushed = append(flushed, p...) })
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	sock().setOnWrite(nil)
	if n := sock().writes.Load() - before; n != 1 {
		t.Errorf("%d writes, want 1", n)
	}
	stmtClose := frame(0, byte(wire.CommandStmtClose), 0xf0, 0xff, 0xff, 0x7f)
	pingPkt := frame(0, byte(wire.CommandPing))
	if !bytes.HasSuffix(flushed, append(stmtClose, pingPkt...)) {
		t.Errorf("the write ends %x, want COM_STMT_CLOSE then COM_PING", flushed[max(0, len(flushed)-20):])
	}
	if v := readValue(t, c); v != "5" {
		t.Errorf("first reply %q, want 5", v)
	}
	if v := readValue(t, c); v != "OK" {
		t.Errorf("the ping's reply %q, want OK", v)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after the ping: %v, want idle", s)
	}
	if err := c.Ping(ctx); err != nil {
		t.Errorf("Ping afterwards: %v", err)
	}
}

// TestPipelineConnectionDies: the server reads three pipelined commands and
// closes, after answering the connection's own deferred SET or before. The
// first ReadResult gets ErrConnLost; the two after it get an error saying
// their own command was written and its outcome is unknown (ErrConnLost
// too); none hangs.
func TestPipelineConnectionDies(t *testing.T) {
	scripts := map[string]func(c *fakeserver.Conn) error{
		"after the deferred SET's reply": func(c *fakeserver.Conn) error {
			for range 3 {
				if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
					return err
				}
			}
			return c.Close()
		},
		"before the deferred SET's reply": func(c *fakeserver.Conn) error {
			for range 4 { // the SET and the three queries, unanswered
				c.SetSequence(0)
				if _, err := c.ReadPacket(); err != nil {
					return err
				}
			}
			return c.Close()
		},
	}
	for name, script := range scripts {
		t.Run(name, func(t *testing.T) {
			srv := fakeserver.Start(t, loggedIn(script))
			c := connect(t, fakeOptions(srv))
			ctx := testCtx(t)
			ops := []string{"query one", "query two", "query three"}
			for i, q := range []string{"SELECT 1", "SELECT 2", "DO 3"} {
				if err := c.Queue(ctx, protocol.Request{Op: ops[i]}, queryText(q)); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			for i, op := range ops {
				_, err := c.ReadResult(ctx)
				if !errors.Is(err, protocol.ErrConnLost) {
					t.Errorf("ReadResult for %s = %v, want ErrConnLost", op, err)
				}
				if i > 0 && !strings.Contains(err.Error(), op+":") {
					t.Errorf("ReadResult for %s = %v, want it named", op, err)
				}
			}
			if s := c.State(); s != protocol.StateBroken {
				t.Errorf("state %v, want broken", s)
			}
			if _, err := c.ReadResult(ctx); !errors.Is(err, protocol.ErrClosed) {
				t.Errorf("ReadResult with nothing due = %v, want ErrClosed", err)
			}
		})
	}
}

// TestPipelineNotSent: a context that ended before Queue or Flush claims
// and writes nothing.
func TestPipelineNotSent(t *testing.T) {
	opts := realOptions(t)
	sock := spyDial(opts)
	c := connect(t, opts)
	done, cancel := context.WithCancel(context.Background())
	cancel()
	before := sock().writes.Load()
	if err := c.Queue(done, protocol.Request{Op: "query"}, queryText("SELECT 1")); !errors.Is(err, protocol.ErrNotSent) {
		t.Errorf("Queue under an ended context = %v, want ErrNotSent", err)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("after a refused Queue: %v, want idle", s)
	}
	ctx := testCtx(t)
	if err := c.Queue(ctx, protocol.Request{Op: "query"}, queryText("SELECT 3")); err != nil {
		t.Fatal(err)
	}
	if err := c.Flush(done); !errors.Is(err, protocol.ErrNotSent) || !errors.Is(err, done.Err()) {
		t.Errorf("Flush under an ended context = %v, want ErrNotSent and the context's error", err)
	}
	if n := sock().writes.Load() - before; n != 0 {
		t.Errorf("%d writes under an ended context, want none", n)
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if v := readValue(t, c); v != "3" {
		t.Errorf("reply %q, want 3", v)
	}
}

// TestRepliesKeepTheirSequence: each reply of a pipeline starts with
// sequence id 1, whatever was written after its command; a reply of several
// packets continues its own sequence.
func TestRepliesKeepTheirSequence(t *testing.T) {
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		// Both commands arrive (in one write) before either reply.
		for range 2 {
			if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
				return err
			}
		}
		c.SetSequence(1)
		if err := writeResultSet(c, "a", wire.ServerStatusAutocommit, "x", "y"); err != nil {
			return err
		}
		c.SetSequence(1)
		if err := writeResultSet(c, "b", wire.ServerStatusAutocommit, "z"); err != nil {
			return err
		}
		return waitGone(c)
	}))
	c := connect(t, fakeOptions(srv))
	ctx := testCtx(t)
	for _, q := range []string{"SELECT a", "SELECT b"} {
		if err := c.Queue(ctx, protocol.Request{Op: "query"}, queryText(q)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if v := readValue(t, c); v != "x,y" {
		t.Errorf("first reply %q, want x,y", v)
	}
	if v := readValue(t, c); v != "z" {
		t.Errorf("second reply %q, want z", v)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("state %v, want idle", s)
	}
}

// TestFlushInterrupted: a context that ends while Flush is blocked writing
// (the server reads nothing) closes the connection; Flush's error wraps the
// context's error, and each queued command's ReadResult says whether any of
// it was written (ErrConnLost) or none (ErrNotSent).
func TestFlushInterrupted(t *testing.T) {
	release := make(chan struct{})
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		<-release // reads nothing: the client's write blocks
		return nil
	}))
	t.Cleanup(func() { close(release) }) // before the server's Close
	c := connect(t, fakeOptions(srv))
	big := "SELECT '" + strings.Repeat("x", 10<<20) + "'"
	const n = 4 // 40 MiB: more than the socket buffers hold
	for i := range n {
		if err := c.Queue(testCtx(t), protocol.Request{Op: "big " + strconv.Itoa(i)}, queryText(big)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	err := c.Flush(ctx)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, protocol.ErrConnLost) {
		t.Errorf("Flush = %v, want context.DeadlineExceeded and ErrConnLost", err)
	}
	if s := c.State(); s != protocol.StateBroken {
		t.Errorf("state %v, want broken", s)
	}
	for i := range n {
		_, err := c.ReadResult(testCtx(t))
		switch {
		case i == 0 && !errors.Is(err, protocol.ErrConnLost):
			t.Errorf("ReadResult for the first command = %v, want ErrConnLost (it was written, in part at least)", err)
		case i == n-1 && !errors.Is(err, protocol.ErrNotSent):
			t.Errorf("ReadResult for the last command = %v, want ErrNotSent (none of it fits in the socket buffers)", err)
		case err == nil || !strings.Contains(err.Error(), "big "+strconv.Itoa(i)+":"):
			t.Errorf("ReadResult %d = %v, want an error naming its command", i, err)
		}
	}
	if _, err := c.ReadResult(testCtx(t)); !errors.Is(err, protocol.ErrClosed) {
		t.Errorf("ReadResult with nothing due = %v, want ErrClosed", err)
	}
}
