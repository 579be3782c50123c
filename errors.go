package aiomysql

import (
	"strconv"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/errs"
)

// Error is an error the server reported: the contents of an ERR packet.
// Package errcode names the numbers and states. errors.Is matches an *Error
// against another *Error (see Error.Is) and against the PEP-249 category
// sentinels: errors.Is(err, ErrIntegrity) is true for a duplicate key however
// deeply err wraps it. An *Error is a plain value, safe to share once made.
type Error struct {
	Number   uint16 // server error number, e.g. 1062 (errcode.DupEntry)
	SQLState string // five-character SQLSTATE, e.g. "23000"
	Message  string // the server's message text
}

// Error returns the error as the server's command-line client shows it:
// "Error 1062 (23000): Duplicate entry '1' for key 'PRIMARY'".
func (e *Error) Error() string {
	s := "Error " + strconv.Itoa(int(e.Number))
	if e.SQLState != "" {
		s += " (" + e.SQLState + ")"
	}
	return s + ": " + e.Message
}

// Is reports whether e matches target. Another *Error matches when its
// Number is e's Number; a target whose Number is 0 matches by SQLState
// instead, so &Error{SQLState: "23000"} matches every error of that state;
// a target with neither matches nothing. A category sentinel matches when it
// is e's category (see ErrIntegrity and the others), and ErrDatabase matches
// every *Error.
func (e *Error) Is(target error) bool {
	switch t := target.(type) {
	case *Error:
		if t.Number != 0 {
			return e.Number == t.Number
		}
		return t.SQLState != "" && e.SQLState == t.SQLState
	case *errs.Category:
		return t == ErrDatabase || t == categoryOf(e.Number, e.SQLState)
	}
	return false
}

// newServerError makes the error for an ERR packet. A packet without a
// SQLSTATE (one sent before the handshake settled the protocol, or by an old
// server) gets the state MariaDB documents for the number, "HY000" when it
// has none.
func newServerError(number uint16, sqlState, message string) *Error {
	if sqlState == "" {
		sqlState = errcode.SQLState(number)
	}
	return &Error{Number: number, SQLState: sqlState, Message: message}
}

// The PEP-249 error categories, as Python's aiomysql (through PyMySQL)
// raises them. Use them with errors.Is; each *Error belongs to exactly one
// of ErrData, ErrOperational, ErrIntegrity, ErrInternal, ErrProgramming and
// ErrNotSupported, and the client-side sentinels below name their category
// too. The numbers PyMySQL lists keep its category; any other number goes by
// the class of its SQLSTATE: 22 data, 23 integrity, 42 programming, 0A not
// supported; numbers below 1000 are internal; everything else (classes HY,
// 08, 40, 28, ...) is operational.
var (
	// ErrInterface is the category of errors in the use of this package
	// rather than in the database: a closed connection, a result left
	// unread (PEP-249 InterfaceError). It is not a kind of ErrDatabase.
	ErrInterface error = errs.Interface
	// ErrDatabase matches every *Error and every error of the six categories
	// below (PEP-249 DatabaseError); errors.As into *Error tells whether the
	// server itself reported it.
	ErrDatabase error = errs.Database
	// ErrData is the category of errors in the data: a value too long or out
	// of range, a bad date, division by zero (PEP-249 DataError).
	ErrData error = errs.Data
	// ErrOperational is the category of errors in the server's operation
	// rather than the program: access denied, unknown database, too many
	// connections, deadlock, lock wait timeout, a lost connection
	// (PEP-249 OperationalError).
	ErrOperational error = errs.Operational
	// ErrIntegrity is the category of failed constraints: duplicate key,
	// foreign key, NOT NULL, CHECK (PEP-249 IntegrityError).
	ErrIntegrity error = errs.Integrity
	// ErrInternal is the category of errors inside the client or the
	// server: a packet that breaks the protocol, a number below 1000
	// (PEP-249 InternalError).
	ErrInternal error = errs.Internal
	// ErrProgramming is the category of errors in the SQL: syntax, an
	// unknown table or column, a table that already exists
	// (PEP-249 ProgrammingError).
	ErrProgramming error = errs.Programming
	// ErrNotSupported is the category of features the server does not
	// support or has disabled (PEP-249 NotSupportedError).
	ErrNotSupported error = errs.NotSupported
)

// categoryOf returns the category of a server error. The numbered cases are
// PyMySQL's table. 1049 (unknown database) is added as operational, where
// PyMySQL's default puts it and PEP-249 ("the data source name is not
// found") agrees; without it, its SQLSTATE 42000 would make it programming.
// 4025 (CHECK constraint failed), which PyMySQL calls operational, is left
// out: its SQLSTATE 23000 makes it integrity, like the other constraints.
// Where PyMySQL has no entry it says operational; here the SQLSTATE class
// decides first, so 1054 (unknown column, 42S22) is programming.
func categoryOf(number uint16, state string) error {
	switch number {
	case errcode.DBCreateExists, errcode.SyntaxError, errcode.ParseError,
		errcode.NoSuchTable, errcode.WrongDBName, errcode.WrongTableName,
		errcode.WrongColumnName, errcode.FieldSpecifiedTwice,
		errcode.InvalidGroupFuncUse, errcode.UnsupportedExtension,
		errcode.TableMustHaveColumns, errcode.CantDoThisDuringAnTransaction:
		return ErrProgramming
	case errcode.WarnDataTruncated, errcode.WarnNullToNotnull,
		errcode.WarnDataOutOfRange, errcode.NoDefault,
		errcode.PrimaryCantHaveNull, errcode.DataTooLong,
		errcode.DatetimeFunctionOverflow, errcode.TruncatedWrongValueForField,
		errcode.IllegalValueForType:
		return ErrData
	case errcode.DupEntry, errcode.NoReferencedRow, errcode.NoReferencedRow2,
		errcode.RowIsReferenced, errcode.RowIsReferenced2,
		errcode.CannotAddForeign, errcode.BadNullError:
		return ErrIntegrity
	case errcode.WarningNotCompleteRollback, errcode.NotSupportedYet,
		errcode.FeatureDisabled, errcode.UnknownStorageEngine:
		return ErrNotSupported
	case errcode.AccessDeniedError, errcode.DbaccessDeniedError,
		errcode.TableaccessDeniedError, errcode.ColumnaccessDeniedError,
		errcode.ConCountError, errcode.BadDBError, errcode.LockDeadlock:
		return ErrOperational
	}
	if len(state) == 5 {
		switch state[:2] {
		case "22":
			return ErrData
		case "23":
			return ErrIntegrity
		case "42":
			return ErrProgramming
		case "0A":
			return ErrNotSupported
		}
	}
	if number < 1000 {
		return ErrInternal
	}
	return ErrOperational
}

var (
	// ErrClosed is returned when a connection, or a result or statement of
	// it, is used after Close or after the connection broke.
	ErrClosed error = errs.Closed
	// ErrBusy is returned when a command is started on a connection whose
	// previous result is still being read.
	ErrBusy error = errs.Busy
	// ErrConnLost is returned when the connection failed after a command was
	// sent and before its reply was complete: the server may or may not have
	// run it, so it must not be retried blindly.
	ErrConnLost error = errs.ConnLost
	// ErrCommitUnknown is returned when the reply to COMMIT was lost: the
	// transaction may or may not have been committed. It is a case of
	// ErrConnLost.
	ErrCommitUnknown error = errs.CommitUnknown
	// ErrResultIncomplete is returned when reading the rows of a statement
	// that has already answered was interrupted (a timeout, a cancelled
	// context, a lost connection): the statement ran, and the rows read so
	// far are correct, but the result is incomplete. It is not ErrConnLost:
	// the statement's outcome is known.
	ErrResultIncomplete error = errs.ResultIncomplete
	// ErrNotSent is returned when the connection turned out to be dead
	// before any byte of the command was written: the server cannot have run
	// it, so it is safe to retry on another connection (the database/sql
	// driver turns it into driver.ErrBadConn; nothing else does).
	ErrNotSent error = errs.NotSent
	// ErrTLSRequired is returned when the configuration requires TLS and the
	// server does not offer it; nothing of the user's was sent.
	ErrTLSRequired error = errs.TLSRequired
	// ErrInsecureAuth is returned when the server asks for a password, or
	// an equivalent of it, on a channel that is neither TLS nor a unix
	// socket, for an authentication plugin the configuration does not allow,
	// or offers an RSA key that is unusable (not RSA, malformed, too small or
	// too large, or too short for the password); the password was not sent.
	ErrInsecureAuth error = errs.InsecureAuth
	// ErrProtocol is wrapped by the errors that mean the server sent a
	// malformed or unexpected packet; the connection is closed.
	ErrProtocol error = errs.Protocol
	// ErrLocalInfileRefused is returned when the server asked for a local
	// file that LOCAL INFILE is not enabled for, or that is not on the
	// allow-list; only the empty terminator was sent, the file never opened.
	ErrLocalInfileRefused error = errs.LocalInfile
	// ErrPacketTooLarge is returned when a command is larger than
	// Config.MaxAllowedPacket; it is refused before anything is written and
	// the connection stays usable.
	ErrPacketTooLarge error = errs.PacketTooLarge
	// ErrUnsafeInterpolation is returned when arguments would have to be
	// interpolated into a query in a character set where byte 0x5c can end a
	// multibyte character (big5, cp932, gbk, sjis, gb18030): escaping cannot
	// be made safe there, so the query is refused.
	ErrUnsafeInterpolation error = errs.UnsafeInterpolation
)

// ConnectError is the error of a connection attempt: Connect wraps every
// failure in one. It names the address and the user, never the password.
// The cause is a network error, a client-side refusal (ErrTLSRequired,
// ErrInsecureAuth) or an *Error from the server, whose messages do not echo
// passwords (access denied says only "using password: YES"), so the text
// of a ConnectError is safe to log.
type ConnectError struct {
	Host string // the address dialled: "host:port" or a unix socket path
	User string // the user name, possibly empty
	Err  error  // the cause
}

// Error returns `aiomysql: connect to HOST as "USER": CAUSE`.
func (e *ConnectError) Error() string {
	s := "aiomysql: connect to " + e.Host + " as " + strconv.Quote(e.User)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *ConnectError) Unwrap() error { return e.Err }
