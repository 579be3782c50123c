package sa

import (
	"errors"
	"fmt"
)

// The errors of package sa, named as aiomysql.sa names them (its
// exc module). Test for them with errors.Is; the errors sa returns wrap
// one of these and, where the driver or the server failed, the driver's
// typed error too (an *aiomysql.Error, aiomysql.ErrConnLost, ...), so
// errors.As and errors.Is reach both.
var (
	// ErrArgument is returned for arguments sa cannot use: a query of a
	// type that is neither a string nor a query builder, arguments given
	// beside a builder that carries its own, an executemany whose rows
	// are of mixed kinds (aiomysql.sa's ArgumentError).
	ErrArgument = errors.New("sa: invalid argument")

	// ErrInvalidRequest is returned for a call the state forbids:
	// releasing a connection whose transaction is still open, committing a
	// transaction that is no longer active, an ambiguous column name
	// (aiomysql.sa's InvalidRequestError).
	ErrInvalidRequest = errors.New("sa: invalid request")

	// ErrNoSuchColumn is returned when a row has no column of that name or
	// index (aiomysql.sa's NoSuchColumnError).
	ErrNoSuchColumn = errors.New("sa: no such column")

	// ErrResourceClosed is returned when a result is read after it was
	// closed, or after its connection was closed or released, and when a
	// closed connection or engine is used (aiomysql.sa's
	// ResourceClosedError).
	ErrResourceClosed = errors.New("sa: resource closed")
)

// errorf makes an error that wraps kind, with a message after it.
func errorf(kind error, format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{kind}, args...)...)
}

// isKind reports whether err is of kind, one of the sentinels above.
func isKind(err, kind error) bool { return errors.Is(err, kind) }
