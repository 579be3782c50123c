package aiomysql

import (
	"context"
	"fmt"
)

// ErrConnReleased is returned by a call on a pool connection after it was
// given back (PoolConn's methods, and those of a Tx, Stmt or Cursor made on
// it). Nothing was sent: the connection may be someone else's by then.
var ErrConnReleased = fmt.Errorf("%w: the connection was released to its pool", ErrNotSent)

// PoolConn is a connection acquired from a Pool: a small value, valid until
// its Release. Its methods are the Conn's; after Release (of this value or
// of a copy) they return ErrConnReleased, and so do those of a Tx, Stmt or
// Cursor made on it, so a connection given back can never run a statement
// of its previous user in its next user's session. Conn gives the *Conn for
// the rest of the Conn's methods, valid until Release too.
type PoolConn struct {
	p   *pooled
	gen uint64 // the connection's lease: valid while conn.gen is this
}

// conn returns the connection while the lease holds, else nil.
func (c PoolConn) conn() *Conn {
	if c.p == nil || c.p.conn.gen.Load() != c.gen {
		return nil
	}
	return c.p.conn
}

// use returns the connection, or ErrConnReleased.
func (c PoolConn) use() (*Conn, error) {
	if conn := c.conn(); conn != nil {
		return conn, nil
	}
	return nil, ErrConnReleased
}

// Conn returns the connection, or nil after Release. Do not keep it past
// Release: the pool gives it to someone else.
func (c PoolConn) Conn() *Conn { return c.conn() }

// Release gives the connection back to its pool. It is idempotent (and a
// no-op on the zero PoolConn); see Pool.Release for what giving back does.
func (c PoolConn) Release() {
	if c.p == nil || !c.p.conn.gen.CompareAndSwap(c.gen, c.gen+1) {
		return
	}
	c.p.pool.release(c.p)
}

// Hijack takes the connection out of the pool: the caller owns it (and
// closes it), and the pool opens another in its place. After Hijack the
// PoolConn is released; objects made on it before (a Tx, Stmt or Cursor)
// end with it. It returns nil when the PoolConn was already released.
func (c PoolConn) Hijack() *Conn {
	if c.p == nil || !c.p.conn.gen.CompareAndSwap(c.gen, c.gen+1) {
		return nil
	}
	p := c.p.pool
	p.mu.Lock()
	delete(p.all, c.p)
	p.freedLocked()
	p.mu.Unlock()
	p.stats.hijacked.Add(1)
	return c.p.conn
}

// Query runs a query on the connection (see Conn.Query).
func (c PoolConn) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	conn, err := c.use()
	if err != nil {
		return nil, err
	}
	return conn.Query(ctx, query, args...)
}

// QueryRow runs a one-row query on the connection (see Conn.QueryRow).
func (c PoolConn) QueryRow(ctx context.Context, query string, args ...any) *Row {
	conn, err := c.use()
	if err != nil {
		return &Row{err: err}
	}
	return conn.QueryRow(ctx, query, args...)
}

// Exec runs a statement on the connection (see Conn.Exec).
func (c PoolConn) Exec(ctx context.Context, query string, args ...any) (Result, error) {
	conn, err := c.use()
	if err != nil {
		return Result{}, err
	}
	return conn.Exec(ctx, query, args...)
}

// Prepare prepares a statement on the connection (see Conn.Prepare). The
// Stmt ends with the lease.
func (c PoolConn) Prepare(ctx context.Context, query string) (*Stmt, error) {
	conn, err := c.use()
	if err != nil {
		return nil, err
	}
	return conn.Prepare(ctx, query)
}

// Begin starts a transaction (see Conn.BeginTx with default options).
// Releasing the connection with the transaction open rolls it back.
func (c PoolConn) Begin(ctx context.Context) (*Tx, error) {
	return c.BeginTx(ctx, TxOptions{})
}

// BeginTx starts a transaction with options (see Conn.BeginTx).
func (c PoolConn) BeginTx(ctx context.Context, opts TxOptions) (*Tx, error) {
	conn, err := c.use()
	if err != nil {
		return nil, err
	}
	return conn.BeginTx(ctx, opts)
}

// Cursor returns a cursor of Config.DefaultCursor's kind (see Conn.Cursor);
// use Conn for the other kinds.
func (c PoolConn) Cursor() (*Cursor[[]any], error) {
	conn, err := c.use()
	if err != nil {
		return nil, err
	}
	return conn.Cursor(), nil
}

// SendBatch sends a batch on the connection (see Conn.SendBatch).
func (c PoolConn) SendBatch(ctx context.Context, b *Batch) *BatchResults {
	conn, err := c.use()
	if err != nil {
		return failedBatch(ctx, b, err)
	}
	return conn.SendBatch(ctx, b)
}

// CopyFrom loads rows into a table (see Conn.CopyFrom).
func (c PoolConn) CopyFrom(ctx context.Context, table string, columns []string, src CopyFromSource) (CopyFromResult, error) {
	conn, err := c.use()
	if err != nil {
		return CopyFromResult{}, err
	}
	return conn.CopyFrom(ctx, table, columns, src)
}

// Ping checks that the server answers (see Conn.Ping).
func (c PoolConn) Ping(ctx context.Context) error {
	conn, err := c.use()
	if err != nil {
		return err
	}
	return conn.Ping(ctx)
}
