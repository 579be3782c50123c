package protocol

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// idlePipeConn is an idle connection over one end of a net.Pipe, with a
// kill that is being sent and never finishes.
func idlePipeConn(t *testing.T) (*Conn, net.Conn) {
	t.Helper()
	client, server := net.Pipe()
	t.Cleanup(func() { client.Close(); server.Close() })
	c := &Conn{opts: &Options{KillOnCancel: true}, raw: client, closing: make(chan struct{})}
	c.watch.init()
	c.sock = &sock{Conn: client, c: c}
	c.nc = c.sock
	c.wc = wire.NewConn(c.nc, c.nc, 0)
	c.killable.Store(true)
	c.killer = killer{active: true, sending: true, done: make(chan struct{})}
	return c, server
}

// TestWaitForKillHonoursContext: the next command waits for a kill that is
// being sent, but only as long as its own context allows; it then writes
// nothing, says so, and leaves the connection idle.
func TestWaitForKillHonoursContext(t *testing.T) {
	c, _ := idlePipeConn(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.Ping(ctx)
	if d := time.Since(start); d > time.Second {
		t.Errorf("Ping waited %v for the kill, past its 100ms context", d)
	}
	if !errors.Is(err, ErrNotSent) || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Ping = %v, want ErrNotSent wrapping context.DeadlineExceeded", err)
	}
	if c.State() != StateIdle || c.flushed != 0 {
		t.Errorf("state %v, %d bytes written; want idle and nothing written", c.State(), c.flushed)
	}
	// Once the kill is done, the next command goes ahead.
	close(c.killer.done)
	c.killer.active, c.killer.sending = false, false
}

// TestCloseDoesNotWaitForKill: Close returns at once although a kill is
// still being sent.
func TestCloseDoesNotWaitForKill(t *testing.T) {
	c, server := idlePipeConn(t)
	go func() { // the far end takes COM_QUIT and nothing else
		b := make([]byte, 64)
		for {
			if _, err := server.Read(b); err != nil {
				return
			}
		}
	}()
	done := make(chan struct{})
	go func() {
		c.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Close waited for a kill that never ends")
	}
	if c.State() != StateClosed {
		t.Errorf("state %v after Close", c.State())
	}
}
