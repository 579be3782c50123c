package protocol

import (
	"fmt"
	"net"
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
	// StateCommand: commands were queued or written and their replies are
	// due.
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

func isClosed(s State) bool { return s == StateBroken || s == StateClosed }

// Conn is one connection to a server. See the package comment for its rules.
type Conn struct {
	opts *Options
	nc   net.Conn // the stream the framing uses: sock, or a *tls.Conn over it
	raw  net.Conn // the socket: deadlines and closing act on it
	sock *sock
	wc   *wire.Conn

	state       atomic.Int32
	closeOnce   sync.Once
	brokenErr   error         // why the connection broke; set before state becomes broken
	closing     chan struct{} // closed by Close and fail
	closingOnce sync.Once

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

	// lastStmt is the statement this connection prepared last (see
	// CanPrepareExecute).
	lastStmt *Stmt

	status  wire.StatusFlag
	session Session
	changes sessionChanges
	// peek looks at the idle socket (CheckLiveness).
	peek peeker
	// cursors counts the server-side cursors open (Cursors).
	cursors int

	localInfile LocalInfileHandler

	call  call      // the call in progress
	watch watcher   // watches the call's context
	intr  interrupt // what an ended context did to the call
	killState
	cmdGen uint64 // advances when a command's exchange ends (guarded by intr.mu for kills)

	queue   cmdQueue // commands whose replies are due, oldest first
	flushed int64    // bytes of commands written so far
	phase   phase    // where the head command's exchange is
	res     Result   // the result being read; reused
}

// Session is what the client knows of the session's state, kept current from
// the server's session-state tracking in OK packets.
type Session struct {
	Schema             string
	CharacterSetClient string
	TimeZone           string
	Autocommit         string // "ON"/"OFF" when tracked, else ""
	LastGTID           string // the GTID of the session's last write, when tracked
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

// Session returns the tracked session state, for reading only: it changes
// with the server's replies.
func (c *Conn) Session() *Session { return &c.session }

// TLS reports whether the connection is encrypted.
func (c *Conn) TLS() bool { return c.tls }

// Compressed reports whether the connection speaks the compressed protocol.
func (c *Conn) Compressed() bool { return c.wc.Compressed() }

// Downgraded reports whether TLS was preferred but the server did not offer it.
func (c *Conn) Downgraded() bool { return c.downgraded }

// AuthPlugin returns the name of the plugin that authenticated the connection.
func (c *Conn) AuthPlugin() string { return c.authPlugin }

// Cursors returns the number of server-side cursors open on the
// connection: the connection is idle between their fetches, but a Cursor
// still reads from it.
func (c *Conn) Cursors() int { return c.cursors }

// State returns the connection's state.
func (c *Conn) State() State { return State(c.state.Load()) }

// NetConn returns the socket (for tests and tracing).
func (c *Conn) NetConn() net.Conn { return c.raw }

// secure reports whether a clear-text password is acceptable on this channel.
func (c *Conn) secure() bool { return c.tls || c.unixSocket }

// signalClosing tells the watch and a pending kill to give up.
func (c *Conn) signalClosing() { c.closingOnce.Do(func() { close(c.closing) }) }

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
	c.closeOnce.Do(func() { _ = c.raw.Close() })
	c.signalClosing()
	return err
}

// Close sends COM_QUIT when the connection is idle, then closes the socket.
// It is idempotent and safe to call from any goroutine. It never waits for a
// kill in flight (which gives up), only for the connection's own watch.
func (c *Conn) Close() error {
	if c.state.CompareAndSwap(int32(StateIdle), int32(StateClosed)) {
		c.closeOnce.Do(func() {
			c.sock.quiet.Store(true)
			c.wc.DiscardPending() // a deferred command, never sent
			_ = c.raw.SetWriteDeadline(time.Now().Add(time.Second))
			c.wc.ResetSequence()
			_ = c.wc.WritePacket(append(c.wc.StartPacket(), byte(wire.CommandQuit)))
			_ = c.nc.Close()
			_ = c.raw.Close()
		})
	} else {
		c.state.Store(int32(StateClosed))
		c.closeOnce.Do(func() { _ = c.raw.Close() })
	}
	c.signalClosing()
	c.waitWatch()
	return nil
}

// serverError builds the error for an ERR packet.
func (c *Conn) serverError(e *wire.ErrPacket) error {
	if c.opts.ServerError != nil {
		return c.opts.ServerError(e.Code, e.SQLState, e.Message)
	}
	return e
}
