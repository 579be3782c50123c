package stdlib

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/aiomysql-go/aiomysql"
)

// badConn is a native error that database/sql may retry on another
// connection: it matches driver.ErrBadConn and unwraps to the native error
// (which wraps aiomysql.ErrNotSent).
type badConn struct{ err error }

func (e badConn) Error() string        { return e.err.Error() }
func (e badConn) Unwrap() error        { return e.err }
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
