package aiomysql

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// Begin starts a transaction (START TRANSACTION), as aiomysql's begin.
func (c *Conn) Begin(ctx context.Context) error {
	_, err := c.execAs(ctx, protocol.Request{Op: "begin"}, "START TRANSACTION", sqltext.Question, nil)
	return err
}

// Commit commits the current transaction, as aiomysql's commit.
//
// When the connection is lost after COMMIT was sent and before its reply
// arrived, the error wraps ErrCommitUnknown: the transaction may or may not
// have been committed, and nothing is retried.
func (c *Conn) Commit(ctx context.Context) error {
	_, err := c.execAs(ctx, protocol.Request{Op: "commit", Commit: true}, "COMMIT", sqltext.Question, nil)
	return err
}

// Rollback rolls the current transaction back, as aiomysql's rollback.
func (c *Conn) Rollback(ctx context.Context) error {
	_, err := c.execAs(ctx, protocol.Request{Op: "rollback"}, "ROLLBACK", sqltext.Question, nil)
	return err
}

// SetAutocommit turns autocommit on or off for the session, as aiomysql's
// autocommit(value).
func (c *Conn) SetAutocommit(ctx context.Context, on bool) error {
	q := "SET autocommit = 0"
	if on {
		q = "SET autocommit = 1"
	}
	_, err := c.exec(ctx, q, sqltext.Question, nil)
	return err
}

// Autocommit reports whether autocommit is on, as the server's last reply
// said (aiomysql's get_autocommit).
func (c *Conn) Autocommit() bool { return c.ServerStatus()&statusAutocommit != 0 }

// IsolationLevel is a transaction isolation level.
type IsolationLevel int

// The isolation levels. LevelDefault keeps the session's.
const (
	LevelDefault IsolationLevel = iota
	LevelReadUncommitted
	LevelReadCommitted
	LevelRepeatableRead
	LevelSerializable
)

func (l IsolationLevel) sql() string {
	switch l {
	case LevelReadUncommitted:
		return "READ UNCOMMITTED"
	case LevelReadCommitted:
		return "READ COMMITTED"
	case LevelRepeatableRead:
		return "REPEATABLE READ"
	case LevelSerializable:
		return "SERIALIZABLE"
	}
	return ""
}

// TxOptions configures BeginTx.
type TxOptions struct {
	// Isolation sets the level for this transaction only.
	Isolation IsolationLevel
	// ReadOnly starts a READ ONLY transaction.
	ReadOnly bool
	// ConsistentSnapshot starts WITH CONSISTENT SNAPSHOT (InnoDB reads from
	// a snapshot taken now rather than at the first read).
	ConsistentSnapshot bool
}

// Tx is a transaction on a connection, with savepoints. Use it from the
// goroutine that uses the connection. After Commit or Rollback it is done and
// its methods return ErrTxDone.
type Tx struct {
	conn *Conn
	done bool
	gen  uint64   // the lease it began under (a pool connection's)
	pool PoolConn // the Pool's Begin: released when the Tx ends
}

// ErrTxDone is returned by a Tx's methods after it was committed or rolled back.
var ErrTxDone = errors.New("aiomysql: transaction has already been committed or rolled back")

// ErrInTransaction is returned by BeginTx when the connection is already in
// a transaction: START TRANSACTION would commit it silently. Commit or roll it
// back first, or use a savepoint.
var ErrInTransaction = errors.New("aiomysql: a transaction is already in progress on the connection")

// BeginTx starts a transaction with options. The isolation level applies to
// this transaction only (SET TRANSACTION ISOLATION LEVEL, then START
// TRANSACTION). When the server says a transaction is already open (Begin,
// or autocommit off and a statement run), it returns ErrInTransaction and
// sends nothing.
func (c *Conn) BeginTx(ctx context.Context, opts TxOptions) (*Tx, error) {
	if c.InTransaction() {
		return nil, ErrInTransaction
	}
	if lvl := opts.Isolation.sql(); lvl != "" {
		if _, err := c.exec(ctx, "SET TRANSACTION ISOLATION LEVEL "+lvl, sqltext.Question, nil); err != nil {
			return nil, err
		}
	} else if opts.Isolation != LevelDefault {
		return nil, fmt.Errorf("aiomysql: unknown isolation level %d", opts.Isolation)
	}
	q := "START TRANSACTION"
	switch {
	case opts.ReadOnly && opts.ConsistentSnapshot:
		q += " WITH CONSISTENT SNAPSHOT, READ ONLY"
	case opts.ReadOnly:
		q += " READ ONLY"
	case opts.ConsistentSnapshot:
		q += " WITH CONSISTENT SNAPSHOT"
	}
	if _, err := c.exec(ctx, q, sqltext.Question, nil); err != nil {
		return nil, err
	}
	return &Tx{conn: c, gen: c.gen.Load()}, nil
}

// Conn returns the transaction's connection.
func (tx *Tx) Conn() *Conn { return tx.conn }

// Exec runs a statement in the transaction (see Conn.Exec).
func (tx *Tx) Exec(ctx context.Context, query string, args ...any) (Result, error) {
	if err := tx.usable(); err != nil {
		return Result{}, err
	}
	return tx.conn.Exec(ctx, query, args...)
}

// Query runs a query in the transaction (see Conn.Query).
func (tx *Tx) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	if err := tx.usable(); err != nil {
		return nil, err
	}
	return tx.conn.Query(ctx, query, args...)
}

// QueryRow runs a one-row query in the transaction (see Conn.QueryRow).
func (tx *Tx) QueryRow(ctx context.Context, query string, args ...any) *Row {
	if err := tx.usable(); err != nil {
		return &Row{err: err}
	}
	return tx.conn.QueryRow(ctx, query, args...)
}

// Commit commits the transaction.
func (tx *Tx) Commit(ctx context.Context) error {
	if err := tx.usable(); err != nil {
		return err
	}
	tx.done = true
	defer tx.end()
	return tx.conn.Commit(ctx)
}

// Rollback rolls the transaction back. After Commit it returns ErrTxDone,
// so `defer tx.Rollback(ctx)` is safe.
func (tx *Tx) Rollback(ctx context.Context) error {
	if err := tx.usable(); err != nil {
		return err
	}
	tx.done = true
	defer tx.end()
	return tx.conn.Rollback(ctx)
}

// usable returns ErrTxDone after Commit or Rollback, and ErrConnReleased
// when its pool connection was given back since Begin.
func (tx *Tx) usable() error {
	if tx.done {
		return ErrTxDone
	}
	return tx.conn.leaseErr(tx.gen)
}

// end gives a Pool's Begin's connection back.
func (tx *Tx) end() {
	if tx.pool.p != nil {
		c := tx.pool
		tx.pool = PoolConn{}
		c.Release()
	}
}

// Savepoint sets a savepoint with that name (quoted as an identifier).
func (tx *Tx) Savepoint(ctx context.Context, name string) error {
	return tx.simple(ctx, "SAVEPOINT "+QuoteIdentifier(name))
}

// RollbackTo rolls back to a savepoint; the transaction goes on.
func (tx *Tx) RollbackTo(ctx context.Context, name string) error {
	return tx.simple(ctx, "ROLLBACK TO SAVEPOINT "+QuoteIdentifier(name))
}

// ReleaseSavepoint removes a savepoint.
func (tx *Tx) ReleaseSavepoint(ctx context.Context, name string) error {
	return tx.simple(ctx, "RELEASE SAVEPOINT "+QuoteIdentifier(name))
}

func (tx *Tx) simple(ctx context.Context, q string) error {
	if err := tx.usable(); err != nil {
		return err
	}
	_, err := tx.conn.exec(ctx, q, sqltext.Question, nil)
	return err
}
