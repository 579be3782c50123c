package sa

import (
	"context"
	"errors"
)

// Run calls fn and ends tx by how fn ended: Commit when it returned nil,
// Rollback when it returned an error (returned, joined with the
// rollback's own error if that failed too) or panicked (the panic goes on
// after the rollback). It is what `async with conn.begin():` does in
// aiomysql.sa. The rollback runs even when ctx has ended, under ctx's
// values. tx must be active.
func (tx *Tx) Run(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	if !tx.active {
		return errorf(ErrInvalidRequest, "this transaction is inactive")
	}
	panicked := true
	defer func() {
		if panicked {
			_ = tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	err = fn(ctx)
	panicked = false
	if err != nil {
		if rerr := tx.Rollback(context.WithoutCancel(ctx)); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return tx.Commit(ctx)
}

// BeginFunc begins a transaction (Begin) and runs fn in it with Run:
// committed when fn returns nil, rolled back when it returns an error or
// panics.
func (c *Conn) BeginFunc(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	tx, err := c.Begin(ctx)
	if err != nil {
		return err
	}
	return tx.Run(ctx, func(ctx context.Context) error { return fn(ctx, tx) })
}

// BeginNestedFunc begins a nested transaction (BeginNested) and runs fn in
// it with Run: the savepoint is released when fn returns nil, rolled back
// to when it returns an error or panics.
func (c *Conn) BeginNestedFunc(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	tx, err := c.BeginNested(ctx)
	if err != nil {
		return err
	}
	return tx.Run(ctx, func(ctx context.Context) error { return fn(ctx, tx) })
}
