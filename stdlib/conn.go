package stdlib

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/aiomysql-go/aiomysql"
)

// conn is one database/sql connection: a native connection, and the pool
// lease it came from when the DB is over a Pool. database/sql uses it from
// one goroutine at a time.
type conn struct {
	c     *aiomysql.Conn
	lease aiomysql.PoolConn // zero unless from OpenDBFromPool
	opts  options
	spare *rows // the last rows closed, for the next query (see newRows)
}

func newConn(c *aiomysql.Conn, lease aiomysql.PoolConn, cfg *aiomysql.Config) *conn {
	return &conn{c: c, lease: lease, opts: optionsOf(cfg)}
}

// Close closes the connection, or releases it to its pool.
func (c *conn) Close() error {
	if c.lease != (aiomysql.PoolConn{}) {
		c.lease.Release()
		return nil
	}
	return c.c.Close()
}

// Prepare is PrepareContext without a context.
func (c *conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares query on the server.
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.c.Prepare(ctx, query)
	if err != nil {
		return nil, c.mapErr(err)
	}
	return &stmt{conn: c, s: s}, nil
}

// Begin is BeginTx with default options.
func (c *conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// Ping checks the connection with a round trip (COM_PING).
func (c *conn) Ping(ctx context.Context) error { return mapErr(c.c.Ping(ctx)) }

// IsValid reports whether the connection may be reused: it is not closed
// or broken (a command whose outcome is unknown closes it).
func (c *conn) IsValid() bool { return !c.c.IsClosed() }

// ResetSession runs before database/sql reuses the connection. It peeks at
// the socket (Conn.CheckConn, no round trip): a connection the server or
// the network closed while idle is driver.ErrBadConn, so database/sql takes
// another. When the session differs from a fresh one (Conn.SessionChanged)
// it is reset (COM_RESET_CONNECTION, which rolls back); statements
// prepared through database/sql on it, which the reset deallocates, are
// prepared again when they next run. An unchanged session costs nothing.
func (c *conn) ResetSession(ctx context.Context) error {
	if !c.opts.checkLiveness {
		if c.c.IsClosed() {
			return driver.ErrBadConn
		}
	} else if err := c.c.CheckConn(); err != nil {
		return badConn{err}
	}
	if !c.c.SessionChanged() {
		return nil
	}
	return resetErr(c.c.ResetSession(ctx))
}

// CheckNamedValue accepts every argument as it is: the native package
// encodes Go's types (sized ints, uints, floats, strings, []byte, time.Time,
// time.Duration, bool, json.RawMessage, pointers, driver.Valuer, slices for
// IN ?) without database/sql's conversion.
func (c *conn) CheckNamedValue(*driver.NamedValue) error { return nil }

var errNamedMix = errors.New("aiomysql/stdlib: named and positional arguments mixed in one call")

// nativeArgs turns database/sql's arguments into the native call's: the
// values in order, or one aiomysql.NamedArgs when all are named (sql.Named;
// the query then uses @name or :name).
func nativeArgs(args []driver.NamedValue) ([]any, error) {
	if len(args) == 0 {
		return nil, nil
	}
	if args[0].Name != "" {
		m := make(aiomysql.NamedArgs, len(args))
		for _, a := range args {
			if a.Name == "" {
				return nil, errNamedMix
			}
			m[a.Name] = a.Value
		}
		return []any{m}, nil
	}
	out := make([]any, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errNamedMix
		}
		out[i] = a.Value
	}
	return out, nil
}

var (
	_ driver.Conn               = (*conn)(nil)
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.QueryerContext     = (*conn)(nil)
	_ driver.ExecerContext      = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
	_ driver.NamedValueChecker  = (*conn)(nil)
)
