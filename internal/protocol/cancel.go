package protocol

import (
	"context"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Cancellation. When the context of an exchange ends, the connection cannot
// simply stop reading: the server would go on running the statement, and the
// unread reply would desynchronise the next command. So, once the connection
// is established and KillOnCancel is on:
//
//  1. a killer goroutine (owned by the Conn) opens a short-lived side
//     connection and sends KILL QUERY <thread id>, after KillDelay;
//  2. the socket gets a deadline KillDelay + CancelGrace away, the time the
//     kill may take; once the kill has been acknowledged, the deadline moves
//     to CancelGrace after that (a failed kill moves it to now). The server,
//     its statement killed, answers (an ERR 1317, or the rest of a result)
//     and the exchange reads that answer to its end, leaving the stream in
//     step; if the answer does not come in time the read fails and the
//     connection is closed;
//  3. the next command on the connection waits until the killer is done, so a
//     late KILL QUERY can never hit it (the server clears a KILL QUERY that
//     found the thread idle when the thread's next command starts, and the
//     KILL has returned before that command is sent).
//
// Without KillOnCancel, or during the handshake, the deadline is set in the
// past at once and the connection is closed.

// defaultCancelGrace bounds how long an exchange may still read after its
// context ended: first while the kill is on its way, then again while the
// server answers it.
const defaultCancelGrace = 60 * time.Millisecond

// onCancel runs (from the context's AfterFunc) when the bound context ends.
// It returns false when the caller should instead wake the exchange at once.
func (c *Conn) onCancel() bool {
	if !c.killable.Load() || !c.opts.KillOnCancel {
		return false
	}
	grace := c.opts.CancelGrace
	if grace <= 0 {
		grace = defaultCancelGrace
	}
	_ = c.raw.SetDeadline(time.Now().Add(c.opts.KillDelay + grace))
	c.canceled.Store(true)
	c.cancels.Add(1)
	c.killers.Add(1)
	go func() {
		defer c.killers.Done()
		if c.killQuery() {
			_ = c.raw.SetDeadline(time.Now().Add(grace))
		} else {
			_ = c.raw.SetDeadline(pastDeadline())
		}
	}()
	return true
}

// killQuery sends KILL QUERY for this connection's thread on a side
// connection and reports whether the server acknowledged it. A failure is
// kept for KillError; the connection is then closed, which is the fallback.
func (c *Conn) killQuery() bool {
	if d := c.opts.KillDelay; d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-c.closing:
			return false
		}
	}
	timeout := c.opts.KillTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	side, err := Connect(ctx, c.sideOptions())
	if err != nil {
		c.killErr.Store(&err)
		return false
	}
	defer side.Close()
	if _, err := side.Exec(ctx, "KILL QUERY "+strconv.FormatUint(uint64(c.connectionID), 10)); err != nil {
		c.killErr.Store(&err)
		return false
	}
	c.killsSent.Add(1)
	return true
}

// sideOptions are the options of the connection that sends a kill: the same
// server and credentials, no database, no cancellation of its own.
func (c *Conn) sideOptions() *Options {
	o := *c.opts
	o.Database = ""
	o.KillOnCancel = false
	o.MultiStatements = false
	o.LocalFiles = false
	o.Attributes = append(append([]wire.Attribute(nil), o.Attributes...), wire.Attribute{Key: "_purpose", Value: "kill query"})
	if c.resolvedAddr != nil {
		// Kill on the very server this connection reached.
		o.Address = c.resolvedAddr.String()
	}
	return &o
}

// waitKillers waits for any kill in flight before the connection is used
// again or closed.
func (c *Conn) waitKillers() { c.killers.Wait() }

// KillError returns the error of the last KILL QUERY sent on cancellation,
// if it failed (for tests and diagnostics).
func (c *Conn) KillError() error {
	if p := c.killErr.Load(); p != nil {
		return *p
	}
	return nil
}

// KillStats counts what cancellation did on a connection (for tests and
// diagnostics).
type KillStats struct {
	// Cancels is how often a command's context ended while it was in flight.
	Cancels uint64
	// Sent is how many KILL QUERY statements the server acknowledged.
	Sent uint64
	// Skipped is how many kills were not sent because their command had
	// already finished (or the target could not be proven to be this
	// connection).
	Skipped uint64
}

// KillStats returns the connection's cancellation counters.
func (c *Conn) KillStats() KillStats {
	return KillStats{Cancels: c.cancels.Load(), Sent: c.killsSent.Load(), Skipped: c.killsSkipped.Load()}
}

// killState is the cancellation state of a Conn.
type killState struct {
	cancels      atomic.Uint64
	killsSent    atomic.Uint64
	killsSkipped atomic.Uint64
	killable     atomic.Bool // the handshake is over: a kill can target the thread
	canceled     atomic.Bool // the exchange in flight was cancelled
	killErr      atomic.Pointer[error]
	killers      sync.WaitGroup
	closing      chan struct{} // closed by Close and fail: a pending kill gives up
	closingOnce  sync.Once
	resolvedAddr net.Addr // the server's address, for the side connection (TCP, default dialer)
}

func (c *Conn) signalClosing() { c.closingOnce.Do(func() { close(c.closing) }) }

// countingWriter counts the bytes the connection wrote, so that an error can
// tell "nothing was sent" from "the command went out".
type countingWriter struct {
	w    interface{ Write([]byte) (int, error) }
	sent *int64
}

func (cw countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	*cw.sent += int64(n)
	return n, err
}
