package protocol

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// The command lifecycle: begin claims an idle connection under a context,
// queueCmd appends a command to the pending output (and its reply to the
// FIFO), flush writes everything pending in one write, the reply is read,
// and exchangeDone pops the FIFO. endCall ends the call: it stops watching
// the context and says what an ended context did.

// begin claims an idle connection for a call under ctx. A context that has
// already ended claims nothing: the error wraps ErrNotSent and ctx.Err().
func (c *Conn) begin(ctx context.Context, op string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrNotSent, op, err)
	}
	if !c.state.CompareAndSwap(int32(StateIdle), int32(StateCommand)) {
		switch State(c.state.Load()) {
		case StateCommand, StateResult:
			return ErrBusy
		}
		return c.closedError()
	}
	// A kill being sent for an earlier command must have reached the
	// server before this command is written.
	if err := c.waitKill(ctx); err != nil {
		c.state.CompareAndSwap(int32(StateCommand), int32(StateIdle))
		return fmt.Errorf("%w: %s: waiting for an earlier KILL QUERY: %w", ErrNotSent, op, err)
	}
	if n := c.wc.Buffered(); n > 0 {
		// The server sent something nobody asked for: whatever the next reply
		// is, it could not be told apart from it. It may be a farewell ERR.
		c.phase = phaseReply
		if serverErr := c.farewell(); serverErr != nil {
			return c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", ErrNotSent, op, serverErr))
		}
		return c.fail(protocolError("%d unsolicited bytes from the server before %s", n, op))
	}
	c.setCall(ctx, op)
	c.phase = phaseReply
	return nil
}

// closedError is the error of a call on a closed or broken connection.
func (c *Conn) closedError() error {
	if c.State() == StateBroken && c.brokenErr != nil {
		return fmt.Errorf("%w; it broke earlier: %s", ErrClosed, strings.TrimPrefix(c.brokenErr.Error(), "aiomysql: "))
	}
	return ErrClosed
}

// unclaim gives the connection back after a call that wrote nothing.
func (c *Conn) unclaim() {
	if c.queue.len() == 0 || c.onlyDeferred() {
		c.state.CompareAndSwap(int32(StateCommand), int32(StateIdle))
	}
}

// queueCmd appends a command made by build (which appends the payload,
// command byte first) to the pending output, and its reply to the FIFO.
func (c *Conn) queueCmd(req Request, build func([]byte) ([]byte, error)) error {
	c.wc.ResetSequence()
	off := c.flushed + int64(c.wc.Pending())
	buf, err := build(c.wc.StartPacket())
	if err == nil && len(buf)-4 >= maxPacket(c.opts) {
		// The server accepts a command only if it is smaller than its
		// max_allowed_packet.
		err = fmt.Errorf("%w: %s of %d bytes, which must be below %d (max_allowed_packet); nothing was sent",
			ErrPacketTooLarge, req.Op, len(buf)-4, maxPacket(c.opts))
	}
	if err == nil {
		err = c.wc.QueuePacket(buf)
	}
	if err != nil {
		c.wc.AbortPacket()
		return err
	}
	c.queue.push(pending{req: req, off: off, seq: c.wc.Sequence()})
	return nil
}

// startReply positions the framing at the head command's reply: each reply
// continues the sequence of its own command, whatever was written after it.
func (c *Conn) startReply() {
	if head := c.queue.head(); head != nil {
		c.wc.SetSequence(head.seq)
	}
}

// queueNoReply appends a command the server does not answer
// (COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA): it goes out with the next flush.
func (c *Conn) queueNoReply(build func([]byte) ([]byte, error)) error {
	// The sequence is shared with the reading side: a reply may be being
	// read (a result streaming) while the command is queued.
	seq := c.wc.Sequence()
	defer c.wc.SetSequence(seq)
	c.wc.ResetSequence()
	buf, err := build(c.wc.StartPacket())
	if err == nil {
		err = c.wc.QueuePacket(buf)
	}
	if err != nil {
		c.wc.AbortPacket()
	}
	return err
}

// flush writes the pending output.
func (c *Conn) flush(op string) error {
	n, err := c.wc.Flush()
	c.flushed += n
	if err == nil {
		return nil
	}
	// The server may have said why before closing (MySQL 8's ERR 4031).
	if serverErr := c.farewell(); serverErr != nil {
		err = c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", c.lostKind(), op, serverErr))
	} else {
		err = c.ioError(op, err)
	}
	c.failAll(err)
	return err
}

// farewellWait is how long a connection found dead looks for the server's
// last words.
const farewellWait = 20 * time.Millisecond

// farewell looks, briefly, for an ERR the server sent before closing.
func (c *Conn) farewell() error {
	c.intr.mu.Lock()
	c.intr.ownsDeadline = true
	_ = c.raw.SetReadDeadline(time.Now().Add(farewellWait))
	c.intr.mu.Unlock()
	return c.unsolicitedErr()
}

// closeCall stops watching the call's context, ends its interruption and
// forgets the call; it returns what the interruption was.
func (c *Conn) closeCall() interruption {
	c.disarmWatch()
	in := c.endInterrupt()
	c.call = call{}
	return in
}

// endCall ends the call in progress and returns what its caller gets: err,
// or, when the call's context ended while the call waited for the server
// and the exchange still ended cleanly (the server answered the kill), an
// error wrapping the context's error (and err). A reply that was in hand
// before the context ended is what it is: err.
func (c *Conn) endCall(err error) error {
	op := c.call.op
	in := c.closeCall()
	if !in.fired || in.inHand || isClosed(c.State()) {
		return err
	}
	return interruptedError(op, in.cause, err)
}

// skipInternal reads the replies of the connection's own deferred commands
// at the head of the FIFO (see sessionTrackingRequest) and drops them.
func (c *Conn) skipInternal() error {
	for {
		head := c.queue.head()
		if head == nil || !head.req.internal {
			return nil
		}
		if head.err != nil {
			return head.err
		}
		c.startReply()
		// The connection's own set-up is part of the fresh session: the
		// state change its reply reports is not a change of the session.
		before := c.changes
		ok, err := c.readOK(c.call.op) // a failure is the caller's
		if isClosed(c.State()) {
			return err
		}
		c.changes = before // the connection's own statement changes nothing of the caller's
		if !head.req.dropReply {
			c.internalReply(ok, err)
		}
		c.exchangeDone()
	}
}

// onlyDeferred reports whether the FIFO holds only deferred commands of the
// connection's own that were not written yet.
func (c *Conn) onlyDeferred() bool {
	q := &c.queue
	for i := q.first; i < len(q.items); i++ {
		if !q.items[i].req.internal || c.flushed > q.items[i].off {
			return false
		}
	}
	return true
}

// roundTrip runs one command under ctx: it claims the connection, writes
// the command made by build, reads the replies of the connection's own
// deferred commands, then the command's reply with read, and ends the
// exchange and the call.
func (c *Conn) roundTrip(ctx context.Context, req Request, build func([]byte) ([]byte, error), read func() error) error {
	if err := c.begin(ctx, req.Op); err != nil {
		return err
	}
	if err := c.queueCmd(req, build); err != nil {
		c.unclaim()
		return c.endCall(err)
	}
	if err := c.flush(req.Op); err != nil {
		return c.endCall(err)
	}
	if err := c.skipInternal(); err != nil {
		return c.endCall(err)
	}
	c.startReply()
	err := read()
	if !isClosed(c.State()) {
		c.exchangeDone()
	}
	return c.endCall(err)
}

// simple runs a command whose reply is OK or ERR.
func (c *Conn) simple(ctx context.Context, req Request, build func([]byte) ([]byte, error)) (*wire.OK, error) {
	var ok *wire.OK
	err := c.roundTrip(ctx, req, build, func() (err error) {
		ok, err = c.readOK(req.Op)
		return err
	})
	return ok, err
}

// readOK reads a reply that must be OK or ERR.
func (c *Conn) readOK(op string) (*wire.OK, error) {
	pkt, err := c.wc.ReadPacket()
	if err != nil {
		return nil, c.ioError(op, err)
	}
	if len(pkt) == 0 {
		return nil, c.fail(protocolError("%s: empty reply", op))
	}
	switch pkt[0] {
	case 0x00:
		ok := new(wire.OK)
		if err := ok.Decode(pkt, c.caps); err != nil {
			return nil, c.ioError(op, err)
		}
		c.applyOK(ok)
		return ok, nil
	case 0xFF:
		return nil, c.readErr(op, pkt)
	}
	return nil, c.fail(protocolError("%s: unexpected reply 0x%02x where OK or ERR was due", op, pkt[0]))
}

// readErr decodes an ERR packet into the caller's error. A malformed one
// breaks the connection.
func (c *Conn) readErr(op string, pkt []byte) error {
	var e wire.ErrPacket
	if err := e.Decode(pkt, c.caps); err != nil {
		return c.ioError(op, err)
	}
	return c.serverError(&e)
}

// Ping checks that the server answers (COM_PING).
func (c *Conn) Ping(ctx context.Context) error {
	_, err := c.simple(ctx, Request{Op: "ping"}, func(b []byte) ([]byte, error) { return append(b, byte(wire.CommandPing)), nil })
	return err
}

// InitDB makes schema the default database (COM_INIT_DB).
func (c *Conn) InitDB(ctx context.Context, schema string) error {
	_, err := c.simple(ctx, Request{Op: "select database"}, func(b []byte) ([]byte, error) {
		return wire.ComInitDB{Schema: schema}.Encode(b, c.caps)
	})
	if err == nil {
		c.session.Schema = schema
		c.changes.noteSchema(schema)
	}
	return err
}

// ResetConnection resets the session (COM_RESET_CONNECTION): user variables,
// temporary tables, prepared statements and session variables go back to
// their defaults, and an open transaction is rolled back.
//
// The server gives the session back the handshake's character set and the
// global time zone and autocommit without reporting them, so the tracked
// state is forgotten (the default database stays, as on the server).
func (c *Conn) ResetConnection(ctx context.Context) error {
	schema := c.session.Schema
	_, err := c.simple(ctx, Request{Op: "reset connection"}, func(b []byte) ([]byte, error) {
		return append(b, byte(wire.CommandResetConnection)), nil
	})
	if err == nil {
		c.session = Session{Schema: schema}
		c.changes.reset()
		c.requestTracking()
	}
	return err
}

// Exec runs a statement through COM_QUERY and returns the OK packet that
// ends its reply. Result sets, if the statement returns any, are read and
// discarded under ctx.
func (c *Conn) Exec(ctx context.Context, req Request, build func([]byte) ([]byte, error)) (*wire.OK, error) {
	r, err := c.Query(ctx, req, build)
	if err != nil {
		return nil, err
	}
	if err := r.Discard(ctx); err != nil {
		return nil, err
	}
	ok := r.ok
	return &ok, nil
}

// ExecText is Exec of a fixed text.
func (c *Conn) ExecText(ctx context.Context, req Request, query string) (*wire.OK, error) {
	return c.Exec(ctx, req, func(b []byte) ([]byte, error) { return append(b, query...), nil })
}
