package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aiomysql-go/aiomysql/errcode"
)

// RetryOptions bounds RetryTx. The zero value (or nil) is ready to use.
type RetryOptions struct {
	// MaxAttempts is how many times the transaction runs at most.
	// Default 5.
	MaxAttempts int
	// BaseDelay is the wait before the second attempt; each later wait
	// doubles, with jitter, up to MaxDelay. Defaults 10 ms and 1 s.
	BaseDelay, MaxDelay time.Duration
	// TxOptions are the transaction's (see BeginTx).
	TxOptions TxOptions
}

func (o *RetryOptions) withDefaults() RetryOptions {
	var out RetryOptions
	if o != nil {
		out = *o
	}
	if out.MaxAttempts <= 0 {
		out.MaxAttempts = 5
	}
	if out.BaseDelay <= 0 {
		out.BaseDelay = 10 * time.Millisecond
	}
	if out.MaxDelay <= 0 {
		out.MaxDelay = time.Second
	}
	return out
}

// retryableNumber reports whether a server error says the transaction
// was undone and may simply run again: a deadlock or, on Galera, a
// certification conflict (1213), a lock wait timeout (1205), a node not
// ready for applications (1047).
func retryableNumber(n uint16) bool {
	switch n {
	case errcode.LockDeadlock, errcode.LockWaitTimeout, errcode.UnknownComError:
		return true
	}
	return false
}

// ErrTxAborted is matched by errors.Is when RetryTx's transaction function
// returned, or committed, after a statement of the transaction had got an
// error that undoes it (1213, 1205, 1047), whatever the function did with
// that error: after a Galera brute-force abort a later COMMIT can return
// OK having written nothing.
var ErrTxAborted = errors.New("aiomysql: a statement of the transaction was refused in a way that undoes it")

// RetryTx runs fn in a transaction on c and commits it; when the
// transaction is undone by the server — a deadlock or Galera certification
// conflict (1213), a lock wait timeout (1205), a node not ready (1047) — it
// rolls back and runs fn again, after a growing wait, at most
// opts.MaxAttempts times. The decision keys on the errors of every
// statement the transaction ran, also those fn swallowed or that came in a
// Rows, not only on what fn and COMMIT returned. A COMMIT whose outcome is
// unknown (ErrCommitUnknown, a lost connection) is never retried: it may
// have committed. fn must do nothing outside the transaction that cannot
// run twice. It returns fn's error (or the last attempt's) as is.
func (c *Conn) RetryTx(ctx context.Context, opts *RetryOptions, fn func(tx *Tx) error) error {
	o := opts.withDefaults()
	return retry(ctx, &o, func() error { return c.tryTx(ctx, &o, fn) })
}

// RetryTx is Conn.RetryTx on connections of the pool, a fresh acquire for
// each attempt: a connection refused with 1047 (a Galera node not ready) is
// closed when given back, so that the next attempt can reach another node
// (with Config.Hosts).
func (p *Pool) RetryTx(ctx context.Context, opts *RetryOptions, fn func(tx *Tx) error) error {
	o := opts.withDefaults()
	return retry(ctx, &o, func() error {
		return p.AcquireFunc(ctx, func(pc PoolConn) error {
			c, err := pc.use()
			if err != nil {
				return err
			}
			return c.tryTx(ctx, &o, fn)
		})
	})
}

// retry runs attempt until it succeeds, fails for good, or runs out of
// attempts, waiting between attempts.
func retry(ctx context.Context, o *RetryOptions, attempt func() error) error {
	delay := o.BaseDelay
	for n := 1; ; n++ {
		err := attempt()
		if err == nil || n >= o.MaxAttempts || !retryableTx(err) {
			return err
		}
		wait := delay/2 + rand.N(delay/2+1) // jitter: [d/2, d]
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%w (retrying after: %w)", ctx.Err(), err)
		case <-t.C:
		}
		delay = min(2*delay, o.MaxDelay)
	}
}

// retryableTx reports whether a failed attempt may run again: the server
// undid the transaction, and nothing says a COMMIT may have landed.
func retryableTx(err error) bool {
	if errors.Is(err, ErrCommitUnknown) || errors.Is(err, ErrConnLost) || errors.Is(err, ErrResultIncomplete) {
		return false
	}
	if errors.Is(err, ErrTxAborted) {
		return true
	}
	var se *Error
	return errors.As(err, &se) && retryableNumber(se.Number)
}

// tryTx runs one attempt of RetryTx on c.
func (c *Conn) tryTx(ctx context.Context, o *RetryOptions, fn func(tx *Tx) error) error {
	before := c.aborts.Load()
	tx, err := c.BeginTx(ctx, o.TxOptions)
	if err != nil {
		return err
	}
	err = fn(tx)
	aborted := c.aborts.Load() != before
	if err != nil || aborted {
		_ = tx.Rollback(ctx)
		if aborted && !retryableTx(err) {
			return fmt.Errorf("%w (the function returned: %v)", ErrTxAborted, err)
		}
		return err
	}
	return tx.Commit(ctx)
}
