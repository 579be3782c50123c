package protocol

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
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
	return c.queueing(ctx, req.Op, func() error { return c.queueCmd(req, build) })
}

// queueing runs queue, which queues commands, under the claim rules of
// Queue.
func (c *Conn) queueing(ctx context.Context, op string, queue func() error) error {
	switch s := c.State(); s {
	case StateIdle:
		if err := c.begin(ctx, op); err != nil {
			return err
		}
		c.changes.queried = true
		if err := queue(); err != nil {
			c.unclaim()
			return c.endCall(err)
		}
		// The claim is the whole call: the writes are Flush's.
		return c.endCall(nil)
	case StateCommand:
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrNotSent, op, err)
		}
		c.changes.queried = true
		return queue()
	case StateResult:
		return ErrBusy
	}
	return c.closedError()
}

// QueuePrepare queues a COM_STMT_PREPARE of query, as Queue does; its
// reply is read with ReadPrepare.
func (c *Conn) QueuePrepare(ctx context.Context, req Request, query string) error {
	return c.Queue(ctx, req, func(b []byte) ([]byte, error) { return wire.AppendComStmtPrepare(b, query), nil })
}

// ReadPrepare reads the reply to the oldest command due, a COM_STMT_PREPARE
// queued with QueuePrepare, under ctx.
func (c *Conn) ReadPrepare(ctx context.Context) (*Stmt, error) {
	if err := c.startRead(ctx, "prepare"); err != nil {
		return nil, err
	}
	if err := c.skipInternal(); err != nil {
		return nil, c.endCall(err)
	}
	head := c.queue.head()
	if head == nil {
		return nil, c.endCall(errors.New("aiomysql: no reply is due"))
	}
	if head.err != nil {
		err := head.err
		c.exchangeDone()
		return nil, c.endCall(err)
	}
	c.startReply()
	st, err := c.readPrepareOK(head.req.Op)
	if !isClosed(c.State()) {
		c.exchangeDone()
	}
	return st, c.endCall(err)
}

// QueueExecute queues a COM_STMT_EXECUTE of st with params, and the long
// data of the parameters that go as long data, as Queue does; its reply is
// read with ReadResult.
func (c *Conn) QueueExecute(ctx context.Context, st *Stmt, req Request, params []wire.StmtParam) error {
	if err := checkExecute(st, req, params); err != nil {
		return err
	}
	return c.queueing(ctx, req.Op, func() error {
		_, err := c.queueExecute(st, req, params)
		return err
	})
}

// Pending returns the number of bytes queued and not yet written.
func (c *Conn) Pending() int { return c.wc.Pending() }

// Abandon gives up on the replies still due: the connection is closed, and
// ReadResult gives each command its outcome (ErrConnLost when it was
// written, ErrNotSent when not), each wrapping cause.
func (c *Conn) Abandon(cause error) {
	if isClosed(c.State()) {
		return
	}
	err := c.fail(c.lostError("pipeline", cause))
	c.failAll(err)
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
