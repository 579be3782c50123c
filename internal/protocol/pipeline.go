package protocol

import (
	"context"
	"errors"
	"fmt"
)

// Pipelining. Queue, Flush and ReadResult are the seam a batch of commands
// in one round trip is built on: Queue appends commands to the pending
// output (and their replies to the FIFO of replies due), Flush writes them
// all in one write, and ReadResult reads the replies in the order the
// commands were queued. Each reply continues the sequence of its own
// command.

// Queue appends a command to the pending output without writing it. build
// appends the payload, command byte first. The first command queued on an
// idle connection claims it as every command does: a context that has
// already ended claims nothing (the error wraps ErrNotSent and ctx.Err()),
// and a connection streaming a result refuses with ErrBusy. Later commands
// may be queued while replies are due. Queue never blocks; ctx governs only
// the claim. A command that build refuses, or that is too large for
// max_allowed_packet, is not queued.
func (c *Conn) Queue(ctx context.Context, req Request, build func([]byte) ([]byte, error)) error {
	switch s := c.State(); s {
	case StateIdle:
		if err := c.begin(ctx, req.Op); err != nil {
			return err
		}
		c.changes.queried = true
		if err := c.queueCmd(req, build); err != nil {
			c.unclaim()
			return c.endCall(err)
		}
		// The claim is the whole call: the writes are Flush's.
		return c.endCall(nil)
	case StateCommand:
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrNotSent, req.Op, err)
		}
		c.changes.queried = true
		return c.queueCmd(req, build)
	case StateResult:
		return ErrBusy
	}
	return c.closedError()
}

// Flush writes what Queue queued, in one write, under ctx. A context that
// has already ended writes nothing (the error wraps ErrNotSent and
// ctx.Err()) and leaves the commands queued. When the write fails, or ctx
// ends during it, the connection is closed, and ReadResult gives each
// command its outcome (ErrConnLost when it was written, ErrNotSent when
// not).
func (c *Conn) Flush(ctx context.Context) error {
	switch s := c.State(); {
	case isClosed(s):
		return c.closedError()
	case s == StateResult:
		return ErrBusy
	case s == StateIdle || c.wc.Pending() == 0:
		return nil // nothing queued (a deferred command waits for the next one)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: flush: %w", ErrNotSent, err)
	}
	c.setCall(ctx, "flush")
	err := c.flush("flush")
	if err == nil && c.interruptCause() != nil {
		// A kill may be on its way for the head command: the replies cannot
		// be trusted.
		err = c.fail(c.lostError("flush", errors.New("the context ended during the write")))
		c.failAll(err)
	}
	return c.endCall(err)
}
