package stdlib

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// badConn is a native error that database/sql may retry on another
// connection: it matches driver.ErrBadConn and unwraps to the native error
// (which wraps aiomysql.ErrNotSent).
type badConn struct{ err error }

// Error returns the native error's text.
func (e badConn) Error() string { return e.err.Error() }

// Unwrap returns the native error.
func (e badConn) Unwrap() error { return e.err }

// Is matches driver.ErrBadConn.
func (e badConn) Is(target error) bool { return target == driver.ErrBadConn }

// mapErr gives database/sql the native error, marked driver.ErrBadConn
// exactly when nothing of the command was written (aiomysql.ErrNotSent) and
// the cause is not the caller's context: only then is a retry on another
// connection safe. An error after a write (aiomysql.ErrConnLost, a lost
// COMMIT reply) is never ErrBadConn, so database/sql never runs it twice.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, aiomysql.ErrNotSent) &&
		!errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) &&
		!errors.Is(err, aiomysql.ErrConnReleased) {
		return badConn{err}
	}
	return err
}

// mapErr is mapErr with rejectReadOnly: a statement the server refused
// because it is read-only (1290, 1792, 1836: a replica after a failover)
// closes the connection and is driver.ErrBadConn, so database/sql retries
// it on a fresh connection, which finds the new primary. The server ran
// nothing, so that is safe.
func (c *conn) mapErr(err error) error {
	var se *aiomysql.Error
	if c.opts.rejectReadOnly && errors.As(err, &se) && readOnlyRefusal(se.Number) {
		c.c.Close()
		return badConn{err}
	}
	return mapErr(err)
}

// resetErr marks any failure of the driver's own reset driver.ErrBadConn:
// the connection's state is unknown, and database/sql must not reuse it
// (it ignores other errors of ResetSession). Nothing of the caller's ran.
func resetErr(err error) error {
	if err == nil {
		return nil
	}
	return badConn{err}
}

// readOnlyRefusal reports whether a server error number says the server is
// read-only.
func readOnlyRefusal(n uint16) bool {
	switch n {
	case errcode.OptionPreventsStatement, errcode.CantExecuteInReadOnlyTransaction, errcode.ReadOnlyMode:
		return true
	}
	return false
}
