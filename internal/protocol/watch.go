package protocol

import (
	"context"
	"time"
)

// Binding an exchange to its context: deadlines only when there is one to
// set, a wake-up only when the context can end.

// pastDeadline is a deadline in the past: setting it wakes blocked I/O at once.
func pastDeadline() time.Time { return time.Unix(1, 0) }

// watch ties the socket to ctx for one exchange. It sets the deadline only
// when ctx has one (or a timeout is configured) and arms a wake-up on
// cancellation only when ctx can be cancelled. The returned function undoes
// both and reports whether ctx ended during the exchange.
func (c *Conn) watch(ctx context.Context, timeout time.Duration) (done func() (interrupted bool)) {
	dl, hasDL := ctx.Deadline()
	if timeout > 0 {
		if t := time.Now().Add(timeout); !hasDL || t.Before(dl) {
			dl, hasDL = t, true
		}
	}
	if hasDL {
		_ = c.raw.SetDeadline(dl)
		c.deadlineSet = true
	} else if c.deadlineSet {
		_ = c.raw.SetDeadline(time.Time{})
		c.deadlineSet = false
	}
	if ctx.Done() == nil {
		return func() bool { return false }
	}
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		if !c.onCancel() {
			_ = c.raw.SetDeadline(pastDeadline())
		}
		close(fired)
	})
	return func() bool {
		if !stop() {
			<-fired // its deadline is set before the next exchange sets its own
			c.deadlineSet = true
			return true
		}
		return false
	}
}

// bind ties the exchange in flight to ctx (see watch).
func (c *Conn) bind(ctx context.Context) {
	c.boundCtx = ctx
	c.unwatch = c.watch(ctx, c.opts.WriteTimeout+c.opts.ReadTimeout)
}

// unbind undoes bind and reports whether the bound context ended meanwhile.
func (c *Conn) unbind() bool {
	if c.unwatch == nil {
		return false
	}
	fired := c.unwatch()
	c.unwatch = nil
	return fired
}

// Rebind ties the rest of a result being read to another context: each fetch
// of a streaming cursor honours its own. A context that ended between
// fetches interrupted nothing; the new one governs what follows.
func (c *Conn) Rebind(ctx context.Context) error {
	if c.State() != StateResult {
		return nil
	}
	if c.boundCtx == ctx {
		return nil
	}
	c.unbind()
	if err := ctx.Err(); err != nil {
		return err
	}
	c.bind(ctx)
	return nil
}
