package protocol

import (
	"sync"
	"time"
)

// Interruption. When the context of a call ends while the call blocks on the
// socket, the connection cannot simply stop reading: the server would go on
// running the statement, and the unread reply would desynchronise the next
// command. So, once the connection is established and KillOnCancel is on:
//
//  1. the watch gives the socket a deadline KillDelay + CancelGrace away and
//     starts a kill (kill.go): a side connection that proves it reached this
//     connection's server and thread, then sends KILL QUERY;
//  2. once the kill is acknowledged, the deadline moves to CancelGrace after
//     that; a kill that failed or could not prove its target moves it to now.
//     The server, its statement killed, answers (an ERR 1317, or the end of
//     a result), and the call reads that answer to its end, leaving the
//     stream in step; if the answer does not come in time the read fails
//     and the connection is closed;
//  3. the next command waits (under its own context) for a kill that is
//     being sent, so a late KILL QUERY can never hit it; a kill whose
//     command has already finished is not sent at all.
//
// Without KillOnCancel, during the handshake, or with no command in flight,
// the deadline is set in the past at once and the connection is closed.

// defaultCancelGrace bounds how long a call may still read after its context
// ended: first while the kill is on its way, then again while the server
// answers it.
const defaultCancelGrace = 60 * time.Millisecond

// interrupt is what an ended context, or an abandoned result, did to the
// call in progress. mu orders the watch's actions against the call's end
// and against per-read deadline refreshes.
type interrupt struct {
	mu           sync.Mutex
	fired        bool   // the call's context ended while it was watched
	cause        error  // ctx.Err() then (nil for an abandoned result)
	readsAt      uint64 // sock reads that had brought data by then
	ownsDeadline bool   // the socket's deadline is the interruption's
	gen          uint64 // advances when a call's interruption is over
}

// pastDeadline is a deadline in the past: setting it wakes blocked I/O at once.
func pastDeadline() time.Time { return time.Unix(1, 0) }

func (c *Conn) cancelGrace() time.Duration {
	if g := c.opts.CancelGrace; g > 0 {
		return g
	}
	return defaultCancelGrace
}

// contextEnded runs on the watch goroutine when the armed context ends.
func (c *Conn) contextEnded(cause error) {
	c.cancels.Add(1)
	c.interruptCall(cause)
}

// interruptCall stops the exchange in flight: with a kill when one can be
// sent, else by waking the socket at once.
func (c *Conn) interruptCall(cause error) {
	c.intr.mu.Lock()
	defer c.intr.mu.Unlock()
	c.intr.fired = true
	c.intr.cause = cause
	c.intr.readsAt = c.sock.reads.Load()
	c.intr.ownsDeadline = true
	s := c.State()
	if c.killable.Load() && c.opts.KillOnCancel && (s == StateCommand || s == StateResult) {
		_ = c.raw.SetDeadline(time.Now().Add(c.opts.KillDelay + c.cancelGrace()))
		c.startKill(c.intr.gen)
		return
	}
	_ = c.raw.SetDeadline(pastDeadline())
}

// interruption is what endInterrupt reports of the call that ended.
type interruption struct {
	fired  bool
	cause  error
	inHand bool // no read brought data after the context ended
}

// endInterrupt closes the interruption of the call that is ending, if there
// was one, and gives the socket back its normal deadlines when an
// interruption (or Close's budget, or a farewell read) had set its own.
func (c *Conn) endInterrupt() interruption {
	c.intr.mu.Lock()
	defer c.intr.mu.Unlock()
	var in interruption
	if c.intr.fired {
		in = interruption{fired: true, cause: c.intr.cause, inHand: c.sock.reads.Load() == c.intr.readsAt}
		c.intr.fired, c.intr.cause = false, nil
		c.intr.gen++
	}
	if c.intr.ownsDeadline {
		c.intr.ownsDeadline = false
		if s := c.State(); s != StateBroken && s != StateClosed {
			_ = c.raw.SetDeadline(time.Time{})
		}
	}
	return in
}

// interrupted reports whether the call's context has ended while it was
// watched (a cheap check for the row loop).
func (c *Conn) interrupted() bool {
	if !c.call.armed {
		return false
	}
	c.intr.mu.Lock()
	defer c.intr.mu.Unlock()
	return c.intr.fired && c.sock.reads.Load() != c.intr.readsAt
}
