package aiomysql

import (
	"context"
	"strconv"
	"sync/atomic"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Conn is one connection to a MySQL or MariaDB server, as aiomysql's
// Connection. A Conn is not safe for concurrent use: use it from one goroutine
// at a time (a Pool hands out connections for that). Close may be called from
// any goroutine.
//
// Every method that can block takes a context, which governs that call only
// (see "Context support" in the package documentation for what an ended
// context does, and the errors it gives).
type Conn struct {
	cfg       *Config
	pc        *protocol.Conn
	collation charset.Collation
	greeted   uint16 // the collation id the handshake asked for
	// decodeOpts is how values are decoded (zones, zero dates), from cfg
	// and the session's tracked time_zone (see timezone.go).
	decodeOpts decodeState

	// The character set as last proven by asking the server (see
	// charset_guard.go), and the tracked value at that time.
	charsetStale    bool
	charsetVerified string
	trackedAtVerify string
	// notedSafe is the last text noteSent found harmless.
	notedSafe string
	// stmtArgs holds the arguments of the pending text statement (c.stmt).
	stmtArgs []any
	// What ended Rows leave for the next one (rows_spare.go): their column
	// and value slices, and the last set of column names made (never
	// modified, so shared by every Rows with the same names).
	spareCols  []types.Column
	spareVals  [][]byte
	shareNames []string

	// serverMaxPacket is the server's max_allowed_packet once known (0 before).
	serverMaxPacket int

	// stmt is the statement the next command writes, through appendStmt
	// (c.writeStmt, bound once).
	stmt       stmtText
	appendStmt func([]byte) ([]byte, error)

	rowRows Rows // the Rows of QueryRow, reused

	// stmts is the statement cache (QueryExecModeCacheStatement);
	// unpreparable the statements the server would not prepare.
	stmts        stmtCache
	unpreparable map[string]bool
	// noBulk holds the statements the server would not run in bulk;
	// bulkOff turns bulk execution off (tests of the other paths).
	noBulk  map[string]bool
	bulkOff bool

	// gen is the connection's lease in a Pool: it advances when the
	// connection is given back, which ends PoolConn values and the Tx, Stmt
	// and Cursor objects made under the lease before (see leaseErr).
	gen atomic.Uint64
	// userStmts counts the statements of Prepare not closed: a pool resets
	// a connection given back with some open (ResetChanged).
	userStmts int
	// readOnlyRefused: a statement got a read-only refusal and
	// Config.RejectReadOnly is set, or 1047 (a Galera node not ready); a
	// pool closes the connection.
	readOnlyRefused *atomic.Bool
	// aborts counts the server errors that undo a transaction (RetryTx).
	aborts *atomic.Uint64
	// session advances with each COM_RESET_CONNECTION and COM_CHANGE_USER,
	// which deallocate every prepared statement: a Stmt of Prepare made
	// before prepares itself again (see Stmt.current).
	session uint64
}

// leaseErr returns ErrConnReleased when the lease gen, under which an
// object was made, has ended.
func (c *Conn) leaseErr(gen uint64) error {
	if c.gen.Load() != gen {
		return ErrConnReleased
	}
	return nil
}

// Ping checks that the server answers (COM_PING).
func (c *Conn) Ping(ctx context.Context) error {
	return c.pc.Ping(ctx)
}

// SelectDB makes db the default database (COM_INIT_DB), as aiomysql's select_db.
func (c *Conn) SelectDB(ctx context.Context, db string) error {
	return c.pc.InitDB(ctx, db)
}

// ResetSession resets the session with COM_RESET_CONNECTION: user variables,
// temporary tables, prepared statements and session variables return to their
// defaults and an open transaction is rolled back, without re-authenticating.
// The connection's own settings (character set, sql_mode, time zone,
// autocommit, session variables from Config) are applied again afterwards.
// A Stmt of Prepare still open is prepared again, in a round trip of its
// own, when it next runs.
func (c *Conn) ResetSession(ctx context.Context) error {
	err := c.pc.ResetConnection(ctx)
	c.forgetStatements() // the server deallocated them, or the connection is gone
	c.userStmts = 0
	c.session++
	if err != nil {
		return err
	}
	c.forgetCharset()
	return c.setUpSession(ctx, false)
}

// ChangeUser re-authenticates the connection as another user
// (COM_CHANGE_USER) with db as the default database ("" for none). The session
// is reset; the connection's own settings are applied again. When the server
// refuses the new credentials it closes the connection, and so does Conn.
func (c *Conn) ChangeUser(ctx context.Context, user, password, db string) error {
	err := c.pc.ChangeUser(ctx, user, password, db)
	c.forgetStatements()
	c.userStmts = 0
	c.session++
	if err != nil {
		return err
	}
	c.forgetCharset()
	cfg := c.cfg.Clone()
	cfg.User, cfg.Password, cfg.Database = user, password, db
	c.cfg = cfg
	return c.setUpSession(ctx, false)
}

// Kill asks the server to end the connection with that thread id
// (KILL CONNECTION), as aiomysql's kill. It may be this connection's own id.
func (c *Conn) Kill(ctx context.Context, threadID uint32) error {
	_, err := c.pc.ExecText(ctx, protocol.Request{Op: "kill"}, "KILL CONNECTION "+strconv.FormatUint(uint64(threadID), 10))
	return err
}

// KillQuery asks the server to stop the statement that connection threadID is
// running (KILL QUERY); the connection itself stays.
func (c *Conn) KillQuery(ctx context.Context, threadID uint32) error {
	_, err := c.pc.ExecText(ctx, protocol.Request{Op: "kill query"}, "KILL QUERY "+strconv.FormatUint(uint64(threadID), 10))
	return err
}

// CheckConn reports whether an idle connection is still usable, without a
// round trip and without blocking: it peeks at the socket. nil means alive
// (as far as the platform can tell: on systems where a socket cannot be
// peeked at, always). Otherwise the server closed the connection, said
// goodbye with an error (MySQL 8's ERR 4031, whose text the error carries),
// or sent bytes nobody asked for; the connection is then closed, and the
// error wraps ErrNotSent: nothing was written, so what the caller meant to
// run can go to another connection. A pool calls it before handing out an
// idle connection.
func (c *Conn) CheckConn() error { return c.pc.CheckLiveness() }

// SessionChanged reports whether the session may differ from a fresh one
// since the connection was set up (or last reset): a statement changed a
// user or session variable, a temporary table, a prepared statement or the
// default database (as the server reports with session_track_state_change,
// which the connection turns on at no cost where the server has it), or a
// transaction is open. Without that tracking, any statement counts as a
// change. A pool resets a returned connection only when it reports true.
func (c *Conn) SessionChanged() bool { return c.pc.SessionChanged() }

// Close says goodbye to the server (COM_QUIT) when the connection is idle and
// closes the socket. It is idempotent and safe from any goroutine.
func (c *Conn) Close() error { return c.pc.Close() }

// IsClosed reports whether the connection is closed or broken.
func (c *Conn) IsClosed() bool {
	s := c.pc.State()
	return s == protocol.StateBroken || s == protocol.StateClosed
}

// The status flags of the server's replies that Conn reads.
const (
	statusInTrans    = uint16(wire.ServerStatusInTrans)
	statusAutocommit = uint16(wire.ServerStatusAutocommit)
)

// ThreadID returns the server's id of this connection (CONNECTION_ID()).
func (c *Conn) ThreadID() uint32 { return c.pc.ConnectionID() }

// ServerVersion returns the server's version string, e.g. "10.11.19-MariaDB".
func (c *Conn) ServerVersion() string { return c.pc.ServerVersion() }

// IsMariaDB reports whether the server is MariaDB (else MySQL or compatible).
func (c *Conn) IsMariaDB() bool { return c.pc.IsMariaDB() }

// Capabilities returns the capability flags both sides agreed on.
func (c *Conn) Capabilities() uint64 { return uint64(c.pc.Capabilities()) }

// ServerStatus returns the status flags of the server's last reply
// (SERVER_STATUS_IN_TRANS = 1, SERVER_STATUS_AUTOCOMMIT = 2, …).
func (c *Conn) ServerStatus() uint16 { return uint16(c.pc.Status()) }

// InTransaction reports whether the server says a transaction is open.
func (c *Conn) InTransaction() bool { return c.ServerStatus()&statusInTrans != 0 }

// Charset returns the connection's character set, as the server last reported
// it through session tracking or as configured.
func (c *Conn) Charset() string { return c.clientCharset() }

// Database returns the default database as the server last reported it.
func (c *Conn) Database() string { return c.pc.Session().Schema }

// TLS reports whether the connection is encrypted.
func (c *Conn) TLS() bool { return c.pc.TLS() }

// Compressed reports whether the connection speaks the compressed protocol:
// Config.Compress asked for it and the server offered it.
func (c *Conn) Compressed() bool { return c.pc.Compressed() }

// TLSDowngraded reports whether TLS was preferred but the server did not offer
// it, so the connection is in clear.
func (c *Conn) TLSDowngraded() bool { return c.pc.Downgraded() }

// AuthPlugin returns the authentication plugin that logged the connection in.
func (c *Conn) AuthPlugin() string { return c.pc.AuthPlugin() }
