package replay

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"time"
)

// Dial is a DialFunc that returns a new Conn replaying s from its first
// Step; network and addr are those the Conn reports as its remote address.
func (s *Script) Dial(_ context.Context, network, addr string) (net.Conn, error) {
	return s.Conn(network, addr), nil
}

// Conn returns a new Conn replaying s from its first Step.
func (s *Script) Conn(network, addr string) *Conn {
	return &Conn{s: s, remote: fakeAddr{network, addr}}
}

// ErrNoRequest is the error of a read when the recorded reply has been
// served and the client has not written since: a real server would say
// nothing, and the client would wait for ever.
var ErrNoRequest = errors.New("replay: read with no request outstanding")

// Conn is a fake net.Conn that serves a Script's replies; see the package
// documentation. Deadlines are kept but only decide what a read with no
// request outstanding returns (a timeout when a read deadline is set).
// Reads and writes never block and cost no allocation.
type Conn struct {
	s       *Script
	remote  fakeAddr
	step    int    // the Step whose reply is being served
	reply   []byte // what is left of it
	written int    // client bytes since the reply began
	total   int64  // all the client bytes
	rounds  int64  // Steps served
	dead    bool   // a read deadline is set
	closed  bool
}

// Read serves the rest of the current reply; when it is served and the
// client has written since, the next Step's reply (after the last Step,
// the Loop step's).
func (c *Conn) Read(p []byte) (int, error) {
	if c.closed {
		return 0, net.ErrClosed
	}
	for tries := 0; len(c.reply) == 0; tries++ {
		if tries > len(c.s.Steps) {
			return 0, io.EOF // only empty Steps are left: nothing more to serve
		}
		if err := c.advance(); err != nil {
			return 0, err
		}
	}
	n := copy(p, c.reply)
	c.reply = c.reply[n:]
	return n, nil
}

// advance starts the next Step's reply.
func (c *Conn) advance() error {
	next := c.step + 1
	if c.rounds == 0 {
		next = 0
	}
	if next >= len(c.s.Steps) {
		next = c.s.Loop
	}
	if next >= len(c.s.Steps) {
		return io.EOF
	}
	if c.written == 0 && len(c.s.Steps[next].Client) > 0 {
		if c.dead {
			return os.ErrDeadlineExceeded
		}
		return ErrNoRequest
	}
	c.step, c.reply, c.written = next, c.s.Steps[next].Server, 0
	c.rounds++
	return nil
}

// Write takes p and counts it.
func (c *Conn) Write(p []byte) (int, error) {
	if c.closed {
		return 0, net.ErrClosed
	}
	c.written += len(p)
	c.total += int64(len(p))
	return len(p), nil
}

// Written returns how many bytes the client wrote on c.
func (c *Conn) Written() int64 { return c.total }

// Rounds returns how many Steps c has served (begun to serve).
func (c *Conn) Rounds() int64 { return c.rounds }

// Close closes c; later reads and writes fail with net.ErrClosed.
func (c *Conn) Close() error {
	c.closed = true
	return nil
}

// LocalAddr returns a fake address.
func (c *Conn) LocalAddr() net.Addr { return fakeAddr{c.remote.network, "replay"} }

// RemoteAddr returns the network and address the Conn was dialed with.
func (c *Conn) RemoteAddr() net.Addr { return c.remote }

// SetDeadline sets the read deadline (the write deadline is not used).
func (c *Conn) SetDeadline(t time.Time) error { return c.SetReadDeadline(t) }

// SetReadDeadline notes whether a read deadline is set.
func (c *Conn) SetReadDeadline(t time.Time) error {
	c.dead = !t.IsZero()
	return nil
}

// SetWriteDeadline does nothing: writes never block.
func (c *Conn) SetWriteDeadline(time.Time) error { return nil }

type fakeAddr struct{ network, addr string }

func (a fakeAddr) Network() string { return a.network }
func (a fakeAddr) String() string  { return a.addr }
