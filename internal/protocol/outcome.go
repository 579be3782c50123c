package protocol

import (
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Outcomes. When a call fails, its error says what the server may have
// done, by the phase of the exchange it failed in:
//
//   - nothing of the command was written (and no transaction was open):
//     ErrNotSent, safe to retry elsewhere;
//   - written, and the reply is not complete: ErrConnLost (ErrCommitUnknown
//     for COMMIT), the outcome is unknown;
//   - the statement answered and its rows were being read: ErrResultIncomplete,
//     the statement ran and the rows read so far are right.
//
// Each wraps the cause: the context's error when the context ended, else the
// timeout or I/O error. After any of them the connection is closed. A reply
// read in full is a success, whatever the context did afterwards.

// phase is where the exchange of the head command is.
type phase uint8

const (
	phaseReply phase = iota // its reply (or the head of its next result) is due
	phaseRows               // a result set of it is being read
)

// ioError turns an error of the socket or the framing into the error the
// caller sees, and breaks the connection: after it, the stream's position is
// unknown.
func (c *Conn) ioError(op string, err error) error {
	var seq *wire.SequenceError
	var mal *wire.MalformedError
	var tooLarge *wire.TooLargeError
	if errors.As(err, &seq) && seq.Got == 0 && c.phase == phaseReply {
		// A packet with sequence 0 where a reply was due is the server
		// speaking first: MySQL 8 sends ERR 4031 (and closes) to an idle
		// connection it times out. Read it to give the caller its text.
		if serverErr := c.unsolicitedErr(); serverErr != nil {
			return c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", c.lostKind(), op, serverErr))
		}
	}
	if seq != nil || errors.As(err, &mal) || errors.As(err, &tooLarge) {
		return c.fail(fmt.Errorf("%w: %s: %w", ErrProtocol, op, err))
	}
	if !c.killable.Load() {
		// During the handshake there is no command whose outcome to tell.
		if cause := c.interruptCause(); cause != nil {
			return c.fail(fmt.Errorf("%s: %w (%w)", op, cause, err))
		}
		return c.fail(fmt.Errorf("%s: %w", op, err))
	}
	return c.fail(c.lostError(op, err))
}

// lostError is the error of a call whose connection failed with err.
func (c *Conn) lostError(op string, err error) error {
	kind := c.lostKind()
	if cause := c.interruptCause(); cause != nil {
		return fmt.Errorf("%w: %s: %w (%w)", kind, op, cause, err)
	}
	return fmt.Errorf("%w: %s: %w", kind, op, err)
}

// lostKind says what a dead connection means for the head command.
func (c *Conn) lostKind() error {
	if c.phase == phaseRows {
		return ErrResultIncomplete
	}
	head := c.queue.head()
	switch {
	case head == nil || c.flushed <= head.off:
		if c.status&wire.ServerStatusInTrans == 0 {
			return ErrNotSent
		}
		return ErrConnLost // the open transaction is lost
	case head.req.Commit:
		return ErrCommitUnknown
	}
	return ErrConnLost
}

// interruptCause is the error of the context that ended during the call, if
// one did.
func (c *Conn) interruptCause() error {
	c.intr.mu.Lock()
	defer c.intr.mu.Unlock()
	if !c.intr.fired {
		return nil
	}
	if c.intr.cause == nil {
		return errAbandoned
	}
	return c.intr.cause
}

// errAbandoned is the cause of an interruption for a result closed before
// its end.
var errAbandoned = errors.New("result closed before its end")

// unsolicitedErr reads a packet the server sent with sequence 0 and returns
// it as an error if it is a well-formed ERR; nil otherwise.
func (c *Conn) unsolicitedErr() error {
	c.wc.SetSequence(0)
	pkt, err := c.wc.ReadPacket()
	if err != nil || len(pkt) == 0 || pkt[0] != 0xFF {
		return nil
	}
	var e wire.ErrPacket
	if e.Decode(pkt, c.caps) != nil {
		return nil
	}
	return c.serverError(&e)
}

// interruptedError is the error of a call whose context ended while it ran
// but whose exchange ended cleanly (the server answered the kill): the
// connection is usable. serverErr is the server's own answer, if it was an
// error (1317 query interrupted, typically).
func interruptedError(op string, cause, serverErr error) error {
	if serverErr != nil {
		return fmt.Errorf("aiomysql: %s: %w (the server answered: %w)", op, cause, serverErr)
	}
	return fmt.Errorf("aiomysql: %s: %w", op, cause)
}
