package aiomysql

import (
	"context"
	"errors"
)

// The Pool's own calls acquire a connection, run one call on it and give it
// back: at once for Exec and CopyFrom, when the result ends for the others
// (Rows read to the end or closed, Row scanned, Tx committed or rolled back,
// Cursor or BatchResults closed). A result left open keeps its connection.
// Query, QueryRow, Exec and Begin run again on another connection, up to
// twice, when nothing of the call reached the server because its
// connection turned out dead (an error wrapping ErrNotSent on a connection
// now closed, with ctx still live): the checkout's peek cannot see a
// connection that dies just after it.

// poolRetries is how many times a call that was not sent runs again.
const poolRetries = 2

// run acquires a connection and calls fn on it, again on another when fn's
// error says nothing was sent on a dead connection. It returns the
// connection still held when fn succeeds; on error it gave it back.
func (p *Pool) run(ctx context.Context, fn func(*Conn) error) (PoolConn, error) {
	for try := 0; ; try++ {
		c, err := p.Acquire(ctx)
		if err != nil {
			return PoolConn{}, err
		}
		conn := c.p.conn
		err = fn(conn)
		if err == nil {
			return c, nil
		}
		c.Release()
		if try == poolRetries || !errors.Is(err, ErrNotSent) || !conn.IsClosed() || ctx.Err() != nil {
			return PoolConn{}, err
		}
	}
}

// Query acquires a connection and runs a query on it (see Conn.Query); the
// connection goes back when the Rows ends (read to the end, or closed).
func (p *Pool) Query(ctx context.Context, query string, args ...any) (*Rows, error) {
	var rows *Rows
	c, err := p.run(ctx, func(conn *Conn) (err error) {
		rows, err = conn.Query(ctx, query, args...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if rows.closed {
		c.Release()
		return rows, nil
	}
	rows.pool = c
	return rows, nil
}

// QueryRow acquires a connection and runs a one-row query on it (see
// Conn.QueryRow); the connection goes back when the Row is scanned.
func (p *Pool) QueryRow(ctx context.Context, query string, args ...any) *Row {
	var row *Row
	c, err := p.run(ctx, func(conn *Conn) error {
		row = conn.QueryRow(ctx, query, args...)
		return row.err
	})
	if err != nil {
		return &Row{err: err}
	}
	row.pool = c
	return row
}

// Exec acquires a connection, runs a statement on it (see Conn.Exec) and
// gives the connection back.
func (p *Pool) Exec(ctx context.Context, query string, args ...any) (Result, error) {
	var res Result
	c, err := p.run(ctx, func(conn *Conn) (err error) {
		res, err = conn.Exec(ctx, query, args...)
		return err
	})
	if err != nil {
		return Result{}, err
	}
	c.Release()
	return res, nil
}

// Begin acquires a connection and starts a transaction on it; the
// connection goes back when the Tx is committed or rolled back.
func (p *Pool) Begin(ctx context.Context) (*Tx, error) {
	return p.BeginTx(ctx, TxOptions{})
}

// BeginTx is Begin with options (see Conn.BeginTx).
func (p *Pool) BeginTx(ctx context.Context, opts TxOptions) (*Tx, error) {
	var tx *Tx
	c, err := p.run(ctx, func(conn *Conn) (err error) {
		tx, err = conn.BeginTx(ctx, opts)
		return err
	})
	if err != nil {
		return nil, err
	}
	tx.pool = c
	return tx, nil
}

// Cursor acquires a connection and returns a cursor on it of
// Config.DefaultCursor's kind (see Conn.Cursor); the connection goes back
// when the cursor is closed.
func (p *Pool) Cursor(ctx context.Context) (*Cursor[[]any], error) {
	c, err := p.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	cur := c.p.conn.Cursor()
	cur.pool = c
	return cur, nil
}

// SendBatch acquires a connection and sends the batch on it (see
// Conn.SendBatch); the connection goes back when the BatchResults is
// closed.
func (p *Pool) SendBatch(ctx context.Context, b *Batch) *BatchResults {
	c, err := p.Acquire(ctx)
	if err != nil {
		return failedBatch(ctx, b, err)
	}
	br := c.p.conn.SendBatch(ctx, b)
	br.pool = c
	return br
}

// CopyFrom acquires a connection, loads the rows on it (see Conn.CopyFrom)
// and gives the connection back.
func (p *Pool) CopyFrom(ctx context.Context, table string, columns []string, src CopyFromSource) (CopyFromResult, error) {
	c, err := p.Acquire(ctx)
	if err != nil {
		return CopyFromResult{}, err
	}
	defer c.Release()
	return c.p.conn.CopyFrom(ctx, table, columns, src)
}

// failedBatch is the BatchResults of a batch never sent: each of its
// statements' results (and callbacks) gets err.
func failedBatch(ctx context.Context, b *Batch, err error) *BatchResults {
	br := &BatchResults{ctx: ctx, err: err, items: make([]batchItem, len(b.items))}
	for i, q := range b.items {
		br.items[i].q = q
	}
	return br
}
