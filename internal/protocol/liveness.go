package protocol

import (
	"errors"
	"fmt"
)

// Liveness. A connection that sat idle may have been closed by the server
// (wait_timeout, a restart, KILL CONNECTION, MySQL 8's ERR 4031 farewell) or
// by the network. CheckLiveness finds that out before anything is written,
// without a round trip: it peeks at the socket without blocking. An idle
// connection must have nothing to read; end of stream means the server
// closed it, and bytes are either a farewell ERR (read, to give its text)
// or something no idle connection should receive. Under TLS the peek sees
// TLS records; they are read through TLS to tell a close_notify or an ERR
// from anything else.

// ErrNotAlive is wrapped (beside ErrNotSent) by the errors of
// CheckLiveness.
var ErrNotAlive = errors.New("aiomysql: idle connection is not alive")

// CheckLiveness reports whether an idle connection is still usable, without
// writing anything or blocking. It returns nil when the connection is alive
// (or when the platform cannot peek at a socket: see peekSocket). Otherwise
// the connection is closed and the error wraps ErrNotSent and ErrNotAlive
// and says why: closed by the server, the server's farewell ERR (with its
// text, e.g. MySQL 8's 4031), or unexpected bytes.
func (c *Conn) CheckLiveness() error {
	switch s := c.State(); s {
	case StateIdle:
	case StateCommand, StateResult:
		return ErrBusy
	default:
		return c.closedError()
	}
	if c.wc.Buffered() == 0 {
		readable, eof, err := c.peek.peekSocket(c.raw)
		switch {
		case err != nil:
			return c.fail(fmt.Errorf("%w: %w: the socket failed: %w", ErrNotSent, ErrNotAlive, err))
		case eof:
			return c.fail(fmt.Errorf("%w: %w: the server closed the connection", ErrNotSent, ErrNotAlive))
		case !readable:
			return nil
		}
	}
	// Bytes to read on an idle connection: the server's last words, or
	// garbage. Either way the connection is done.
	if serverErr := c.farewell(); serverErr != nil {
		return c.fail(fmt.Errorf("%w: %w: the server closed the connection: %w", ErrNotSent, ErrNotAlive, serverErr))
	}
	if c.tls && c.wc.Buffered() == 0 {
		// A TLS close_notify (or an alert) reads as the end of the stream.
		return c.fail(fmt.Errorf("%w: %w: the server closed the connection", ErrNotSent, ErrNotAlive))
	}
	return c.fail(fmt.Errorf("%w: %w: %w", ErrNotSent, ErrNotAlive, protocolError("unsolicited bytes from the server on an idle connection")))
}
