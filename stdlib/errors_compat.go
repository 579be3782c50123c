package stdlib

import (
	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// Error is the server's error, *aiomysql.Error, under the name code ported
// from go-sql-driver/mysql looks for (its MySQLError): the fields Number,
// SQLState and Message are the same, so porting is a rename:
//
//	var me *stdlib.Error // was *mysql.MySQLError
//	if errors.As(err, &me) && me.Number == 1062 { ... }
type Error = aiomysql.Error

// go-sql-driver/mysql's sentinel errors, as values of the native package's
// errors, so errors.Is(err, stdlib.ErrX) keeps working after a port. Each
// is the native error that means the same; some are broader than
// go-sql-driver's (noted), since the native package reports those cases
// by category.
var (
	// ErrInvalidConn is aiomysql.ErrConnLost: the connection broke after a
	// command was written (go-sql-driver's "invalid connection").
	ErrInvalidConn = aiomysql.ErrConnLost
	// ErrMalformPkt is aiomysql.ErrProtocol: the server sent a packet that
	// makes no sense. Broader: every protocol violation matches.
	ErrMalformPkt = aiomysql.ErrProtocol
	// ErrNoTLS is aiomysql.ErrTLSRequired: TLS was required and the server
	// does not offer it.
	ErrNoTLS = aiomysql.ErrTLSRequired
	// ErrCleartextPassword matches a mysql_clear_password (or dialog)
	// request refused: allowCleartextPasswords is off, or the channel is
	// neither TLS nor a unix socket.
	ErrCleartextPassword = auth.ErrCleartextRefused
	// ErrNativePassword is aiomysql.ErrInsecureAuth: with
	// allowNativePasswords=false a server asking for mysql_native_password
	// is refused as a plugin off the allow-list. Broader: every refusal to
	// authenticate insecurely matches.
	ErrNativePassword = aiomysql.ErrInsecureAuth
	// ErrOldPassword matches mysql_old_password refused (allowOldPasswords
	// is off).
	ErrOldPassword = auth.ErrOldPasswordRefused
	// ErrPktSync is aiomysql.ErrProtocol: a packet out of sequence is a
	// protocol error, and the connection is closed.
	ErrPktSync = aiomysql.ErrProtocol
	// ErrPktSyncMul is aiomysql.ErrProtocol too. go-sql-driver gives it for
	// commands issued while a result is unread; the native package refuses
	// those before writing with aiomysql.ErrBusy (ErrBusyBuffer).
	ErrPktSyncMul = aiomysql.ErrProtocol
	// ErrPktTooLarge is aiomysql.ErrPacketTooLarge: a command larger than
	// maxAllowedPacket, refused before anything is written.
	ErrPktTooLarge = aiomysql.ErrPacketTooLarge
	// ErrBusyBuffer is aiomysql.ErrBusy: the connection is reading another
	// result. database/sql never causes it; code reaching the native
	// connection through sql.Conn.Raw can.
	ErrBusyBuffer = aiomysql.ErrBusy
)
