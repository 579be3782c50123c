package protocol

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// State is where a connection is in its command/response cycle.
type State int32

// The states of a connection.
const (
	// StateIdle: no command in flight; a new command may start.
	StateIdle State = iota
	// StateCommand: a command was written and its reply is being read.
	StateCommand
	// StateResult: a result set is being streamed; the next command must wait
	// until it is read or discarded.
	StateResult
	// StateBroken: the stream is in an unknown state; the socket is closed.
	StateBroken
	// StateClosed: Close was called.
	StateClosed
)

func (s State) String() string {
	switch s {
	case StateIdle:
		return "idle"
	case StateCommand:
		return "command in flight"
	case StateResult:
		return "streaming a result"
	case StateBroken:
		return "broken"
	case StateClosed:
		return "closed"
	}
	return fmt.Sprintf("State(%d)", int32(s))
}

// Conn is one connection to a server. See the package comment for its rules.
type Conn struct {
	opts *Options
	nc   net.Conn // the stream in use (a *tls.Conn after the upgrade)
	raw  net.Conn // the socket under it: deadlines and closing act on it
	wc   *wire.Conn

	state     atomic.Int32
	closeOnce sync.Once
	brokenErr error // why the connection broke; set before state becomes broken

	// Negotiated at connect.
	caps         wire.Capability
	serverCaps   wire.Capability
	connectionID uint32
	version      string
	mariaDB      bool
	tls          bool
	unixSocket   bool
	downgraded   bool
	authPlugin   string
	scramble     []byte // the greeting's nonce, for COM_CHANGE_USER

	status  wire.StatusFlag
	session Session

	deadlineSet bool
	localInfile LocalInfileHandler

	// The exchange in flight: its name for errors, the context it is bound
	// to, and how to unbind it.
	op       string
	boundCtx context.Context
	unwatch  func() bool

	killState
	sent     int64 // bytes written so far
	cmdStart int64 // sent when the command in flight started
}

// Session is what the client knows of the session's state, kept current from
// the server's session-state tracking in OK packets.
type Session struct {
	Schema             string
	CharacterSetClient string
	TimeZone           string
	Autocommit         string // "ON"/"OFF" when tracked, else ""
	Collation          uint16 // from the handshake
}

// ConnectionID is the server's thread id for this connection.
func (c *Conn) ConnectionID() uint32 { return c.connectionID }

// ServerVersion is the version string of the greeting (MariaDB's "5.5.5-" prefix removed).
func (c *Conn) ServerVersion() string { return c.version }

// IsMariaDB reports whether the server is MariaDB.
func (c *Conn) IsMariaDB() bool { return c.mariaDB }

// Capabilities returns the negotiated capability flags.
func (c *Conn) Capabilities() wire.Capability { return c.caps }

// ServerCapabilities returns the flags the server offered.
func (c *Conn) ServerCapabilities() wire.Capability { return c.serverCaps }

// Status returns the status flags of the last OK or EOF packet.
func (c *Conn) Status() wire.StatusFlag { return c.status }

// Session returns the tracked session state.
func (c *Conn) Session() Session { return c.session }

// TLS reports whether the connection is encrypted.
func (c *Conn) TLS() bool { return c.tls }

// Downgraded reports whether TLS was preferred but the server did not offer it.
func (c *Conn) Downgraded() bool { return c.downgraded }

// AuthPlugin returns the name of the plugin that authenticated the connection.
func (c *Conn) AuthPlugin() string { return c.authPlugin }

// State returns the connection's state.
func (c *Conn) State() State { return State(c.state.Load()) }

// NetConn returns the socket (for tests and tracing).
func (c *Conn) NetConn() net.Conn { return c.nc }

// secure reports whether a clear-text password is acceptable on this channel.
func (c *Conn) secure() bool { return c.tls || c.unixSocket }

// begin moves an idle connection to StateCommand.
func (c *Conn) begin() error {
	if c.state.CompareAndSwap(int32(StateIdle), int32(StateCommand)) {
		// A kill sent for an earlier, cancelled command must have reached
		// the server before this command is written.
		c.waitKillers()
		c.canceled.Store(false)
		c.cmdStart = c.sent
		return nil
	}
	switch State(c.state.Load()) {
	case StateCommand, StateResult:
		return ErrBusy
	case StateBroken:
		if c.brokenErr != nil {
			return fmt.Errorf("%w (broken earlier: %v)", ErrClosed, c.brokenErr)
		}
	}
	return ErrClosed
}

// finish returns the connection to idle after a complete exchange.
func (c *Conn) finish() { c.state.CompareAndSwap(int32(StateCommand), int32(StateIdle)) }

// fail marks the connection broken and closes the socket; it returns err.
func (c *Conn) fail(err error) error {
	for {
		s := c.state.Load()
		if s == int32(StateBroken) || s == int32(StateClosed) {
			break
		}
		c.brokenErr = err
		if c.state.CompareAndSwap(s, int32(StateBroken)) {
			break
		}
	}
	c.signalClosing()
	c.closeOnce.Do(func() { _ = c.raw.Close() })
	return err
}

// Close sends COM_QUIT when the connection is idle, then closes the socket.
// It is idempotent and safe to call from any goroutine; it waits for a kill
// in flight (bounded by KillTimeout).
func (c *Conn) Close() error {
	defer c.waitKillers()
	c.signalClosing()
	if c.state.CompareAndSwap(int32(StateIdle), int32(StateClosed)) {
		c.closeOnce.Do(func() {
			_ = c.raw.SetWriteDeadline(time.Now().Add(time.Second))
			c.wc.ResetSequence()
			_ = c.wc.WritePacket(append(c.wc.StartPacket(), byte(wire.CommandQuit)))
			_ = c.nc.Close()
			_ = c.raw.Close()
		})
		return nil
	}
	c.state.Store(int32(StateClosed))
	c.closeOnce.Do(func() { _ = c.raw.Close() })
	return nil
}

// ioError turns an error of the socket or the framing into the error the
// caller sees, and breaks the connection: after it, the stream's position is
// unknown.
func (c *Conn) ioError(ctx context.Context, op string, err error) error {
	ctxErr := ctx.Err()
	if ne, ok := err.(net.Error); ctxErr == nil && (ok && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded)) {
		// The socket's deadline is the context's: it may fire a moment
		// before the context's own timer.
		if dl, has := ctx.Deadline(); has && !time.Now().Before(dl) {
			ctxErr = context.DeadlineExceeded
		}
	}
	if ctxErr != nil {
		return c.fail(fmt.Errorf("aiomysql: %s: %w (%w)", op, ctxErr, err))
	}
	var seq *wire.SequenceError
	var mal *wire.MalformedError
	if errors.As(err, &seq) && seq.Got == 0 {
		// A packet with sequence 0 where a reply was due is the server
		// speaking first: MySQL 8 sends ERR 4031 (and closes) to an idle
		// connection it times out. Read it to give the caller its text.
		if serverErr := c.unsolicitedErr(); serverErr != nil {
			return c.fail(fmt.Errorf("%w: %s: the server closed the connection: %w", c.lostError(), op, serverErr))
		}
	}
	if seq != nil || errors.As(err, &mal) {
		return c.fail(fmt.Errorf("%w: %s: %w", ErrProtocol, op, err))
	}
	if c.killable.Load() {
		// After the handshake, say whether the server may have run the command.
		return c.fail(fmt.Errorf("%w: %s: %w", c.lostError(), op, err))
	}
	return c.fail(fmt.Errorf("aiomysql: %s: %w", op, err))
}

// lostError says what a dead connection means for the command in flight:
// ErrNotSent when none of it was written and no transaction was open (a
// retry elsewhere is safe), else ErrConnLost (its outcome, or the open
// transaction, is lost).
func (c *Conn) lostError() error {
	if c.sent == c.cmdStart && c.status&wire.ServerStatusInTrans == 0 {
		return ErrNotSent
	}
	return ErrConnLost
}

// farewell looks, briefly, for an ERR the server sent before closing.
func (c *Conn) farewell() error {
	_ = c.raw.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
	return c.unsolicitedErr()
}

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

// serverError builds the error for an ERR packet.
func (c *Conn) serverError(e *wire.ErrPacket) error {
	if c.opts.ServerError != nil {
		return c.opts.ServerError(e.Code, e.SQLState, e.Message)
	}
	return e
}
