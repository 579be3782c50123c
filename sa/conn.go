package sa

import (
	"context"

	"github.com/aiomysql-go/aiomysql"
)

// Conn is a connection of an Engine, as aiomysql.sa's SAConnection: it
// runs SQL strings and query builders (Execute), and holds transactions
// (Begin, BeginNested, BeginTwoPhase). A Conn is not safe for concurrent
// use: use it from one goroutine at a time. Give it back with Close, or
// with its Engine's Release.
//
// The context given to a call governs that call; the one given to Execute
// governs the reading of its Result too, as for aiomysql.Conn.Query.
type Conn struct {
	engine *Engine
	pc     aiomysql.PoolConn
	closed bool
	// open is the Result still streaming from the connection, if any: the
	// next statement reads the rest of it into memory first, and Close and
	// Release close it.
	open *Result
	// tx is the innermost active transaction, nil when there is none.
	tx *Tx
	// savepoints counts the savepoints BeginNested made: their names.
	savepoints int
	// broken says a transaction's end failed, so the session's state is
	// unknown: the connection is closed rather than given back.
	broken bool
}

func newConn(e *Engine, pc aiomysql.PoolConn) *Conn {
	return &Conn{engine: e, pc: pc}
}

// Connection returns the driver's connection under c, as aiomysql.sa's
// SAConnection.connection, for what sa does not offer. It is valid until
// c is closed or released; do not end a transaction of c behind its back.
func (c *Conn) Connection() aiomysql.PoolConn { return c.pc }

// Closed reports whether c was closed or released, as aiomysql.sa's
// SAConnection.closed.
func (c *Conn) Closed() bool { return c.closed }

// InTransaction reports whether a transaction begun on c (Begin,
// BeginNested, BeginTwoPhase) is active, as aiomysql.sa's
// SAConnection.in_transaction. A transaction begun with plain SQL is not
// counted; the pool rolls such a one back when the connection is given
// back.
func (c *Conn) InTransaction() bool { return c.tx != nil }

// Execute runs q, an SQL string with ? (or, given one map or struct,
// @name and :name) placeholders filled from args, or a query builder
// value that carries its own arguments, as aiomysql.sa's
// SAConnection.execute. The builders are accepted by method shape: bob's
// Build(ctx) (string, []any, error), squirrel's ToSql() (string, []any,
// error), goqu's ToSQL() (string, []any, error), go-jet's Sql() (string,
// []any) and go-sqlbuilder's Build() (string, []any). Use each with its
// MySQL dialect and ? placeholders (goqu: Prepared(true), or its
// interpolated SQL).
//
// When the only argument is a [][]any (rows for ? placeholders), or a
// []map[string]any or []aiomysql.NamedArgs (for :name or @name), the
// statement runs once per element, as aiomysql's executemany, through
// aiomysql.Conn.ExecMany: one bulk command on MariaDB, multi-row INSERTs
// elsewhere.
//
// A statement that returns rows gives a Result streaming from the
// connection; running another statement on c first reads the rest of it
// into memory, so it stays readable until c is closed or released.
func (c *Conn) Execute(ctx context.Context, q any, args ...any) (*Result, error) {
	conn, err := c.ready()
	if err != nil {
		return nil, err
	}
	text, args, err := compile(ctx, q, args)
	if err != nil {
		return nil, err
	}
	if len(args) == 1 {
		if rows, many, err := manyRows(conn, text, args[0]); many {
			if err != nil {
				return nil, err
			}
			return c.executeMany(ctx, conn, rows.text, rows.rows)
		}
	}
	rows, err := c.pc.Query(ctx, text, args...)
	if err != nil {
		return nil, err
	}
	res, err := newResult(c, rows)
	if err != nil {
		return nil, err
	}
	if res.rows != nil {
		c.open = res
	}
	return res, nil
}

// executeMany runs text over rows through the driver's bulk path.
func (c *Conn) executeMany(ctx context.Context, conn *aiomysql.Conn, text string, rows [][]any) (*Result, error) {
	if len(rows) == 0 {
		return &Result{conn: c}, nil
	}
	r, err := conn.ExecMany(ctx, text, rows)
	if err != nil {
		return nil, err
	}
	return resultOf(c, r), nil
}

// Scalar runs q as Execute does and returns the first column of its first
// row, nil when there is none, as aiomysql.sa's SAConnection.scalar.
func (c *Conn) Scalar(ctx context.Context, q any, args ...any) (any, error) {
	res, err := c.Execute(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return res.Scalar()
}

// ready returns the driver's connection for the next statement, after
// reading the rest of a streaming result into memory; ErrResourceClosed
// when c is closed.
func (c *Conn) ready() (*aiomysql.Conn, error) {
	if c.closed {
		return nil, errorf(ErrResourceClosed, "the connection is closed")
	}
	conn := c.pc.Conn()
	if conn == nil {
		return nil, errorf(ErrResourceClosed, "the connection was released: %w", aiomysql.ErrConnReleased)
	}
	if c.open != nil {
		// Its own error stays with it, for its reader.
		_ = c.open.detach()
	}
	return conn, nil
}

// exec runs one statement of sa's own (transaction control).
func (c *Conn) exec(ctx context.Context, query string) error {
	if _, err := c.ready(); err != nil {
		return err
	}
	_, err := c.pc.Exec(ctx, query)
	return err
}

// Close rolls back an open transaction and gives the connection back to
// its pool, as aiomysql.sa's SAConnection.close. A result not read to its
// end is closed first (reading it then gives ErrResourceClosed). When the
// rollback fails, or a two-phase transaction is open (it must not reach
// the next user: a prepared one stays prepared on the server, to be
// recovered with RecoverTwoPhase), the connection is closed instead of
// given back. Close is idempotent; it returns the rollback's error.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	var err error
	if root := c.rootTx(); root != nil {
		if root.kind == twoPhase {
			c.broken = true
		} else {
			ctx, cancel := context.WithTimeout(context.Background(), c.engine.pool.Config().ReleaseTimeout)
			err = root.Rollback(ctx)
			cancel()
		}
		c.endAll()
	}
	c.giveBack()
	return err
}

// release is Engine.Release.
func (c *Conn) release() error {
	if c.closed {
		return nil
	}
	if c.tx != nil {
		return errorf(ErrInvalidRequest, "cannot release a connection with a transaction not finished: commit or roll it back, or Close the connection")
	}
	c.giveBack()
	return nil
}

// giveBack closes c's open result and gives the connection to the pool,
// or closes it when its state is unknown.
func (c *Conn) giveBack() {
	if c.open != nil {
		c.open.discard()
	}
	c.closed = true
	if c.broken {
		if raw := c.pc.Hijack(); raw != nil {
			_ = raw.Close()
		}
		return
	}
	c.pc.Release()
}

// isReleased reports whether c no longer has its connection: c was
// closed or released, or its PoolConn was released behind its back
// (false for no Conn: a Result detached from it).
func (c *Conn) isReleased() bool { return c != nil && (c.closed || c.pc.Conn() == nil) }
