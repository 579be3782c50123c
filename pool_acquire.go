package aiomysql

import (
	"context"
	"fmt"
	"time"
)

// grant is what a waiter receives: a connection, or a free slot to open
// one in (counted in Pool.pending already), or the pool's closing.
type grant struct {
	pc     *pooled
	create bool
	err    error
}

// waiter is one Acquire waiting for a connection.
type waiter struct {
	ch chan grant // 1-buffered: a grant is never waited for by the giver
}

// waitQueue is the FIFO of waiters.
type waitQueue struct {
	q []*waiter
}

func (w *waitQueue) push(x *waiter) { w.q = append(w.q, x) }

func (w *waitQueue) pop() *waiter {
	if len(w.q) == 0 {
		return nil
	}
	x := w.q[0]
	w.q[0] = nil
	w.q = w.q[1:]
	if len(w.q) == 0 {
		w.q = w.q[:0:0] // let the backing array go once drained
	}
	return x
}

// remove takes x out of the queue; false when it was no longer there (it
// was granted something).
func (w *waitQueue) remove(x *waiter) bool {
	for i, y := range w.q {
		if y == x {
			copy(w.q[i:], w.q[i+1:])
			w.q[len(w.q)-1] = nil
			w.q = w.q[:len(w.q)-1]
			return true
		}
	}
	return false
}

func (w *waitQueue) len() int { return len(w.q) }

// Acquire returns a connection of the pool, waiting in line (first come,
// first served) while all MaxSize are in use, as long as ctx (and
// PoolConfig.AcquireTimeout) lets it. Give it back with its Release.
//
// An idle connection is checked before it is handed out, without a round
// trip (the socket is peeked at, when it was idle for longer than
// PeekAfterIdle: a connection the server closed, or said goodbye on, is
// closed and another one tried), and pinged when it was idle for longer
// than PingAfterIdle. A waiter whose context ends takes nothing
// with it: a connection that reached it goes to the next waiter. An
// uncontended Acquire and Release allocate nothing.
func (p *Pool) Acquire(ctx context.Context) (PoolConn, error) {
	start := p.clock()
	if p.acquireTr != nil {
		ctx = p.acquireTr.TraceAcquireStart(ctx, p, TraceAcquireStartData{})
	}
	pc, atOnce, err := p.acquire(ctx, start)
	if !atOnce {
		p.stats.acquireNanos.Add(int64(p.clock() - start))
	}
	var c PoolConn
	if err != nil {
		if ctx.Err() != nil {
			p.stats.canceled.Add(1)
		}
	} else {
		p.stats.acquires.Add(1)
		c = PoolConn{p: pc, gen: pc.conn.gen.Load()}
	}
	if p.acquireTr != nil {
		p.acquireTr.TraceAcquireEnd(ctx, p, TraceAcquireEndData{Conn: c.conn(), Err: err})
	}
	return c, err
}

// AcquireFunc acquires a connection, calls fn with it and releases it
// (also when fn panics), returning fn's error.
func (p *Pool) AcquireFunc(ctx context.Context, fn func(PoolConn) error) error {
	c, err := p.Acquire(ctx)
	if err != nil {
		return err
	}
	defer c.Release()
	return fn(c)
}

// acquire finds, makes or waits for a connection; now is the pool's clock
// when Acquire began (an idle connection found at once is vetted by it).
// atOnce reports an idle connection handed out without waiting, opening or
// checking (no system call, no hook): its time is not worth a clock read.
func (p *Pool) acquire(ctx context.Context, now time.Duration) (pc *pooled, atOnce bool, err error) {
	var wait context.Context // ctx bounded by AcquireTimeout, made once
	for {
		if err := ctx.Err(); err != nil {
			return nil, false, fmt.Errorf("aiomysql: acquire: %w", err)
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			return nil, false, ErrPoolClosed
		}
		if n := len(p.idle); n > 0 {
			pc := p.idle[n-1]
			p.idle[n-1] = nil
			p.idle = p.idle[:n-1]
			p.mu.Unlock()
			ok, checked, err := p.checkOut(ctx, pc, now)
			if err != nil {
				return nil, false, err
			}
			if ok {
				return pc, !checked, nil
			}
			continue
		}
		if len(p.all)+p.pending < p.cfg.MaxSize {
			p.pending++
			p.mu.Unlock()
			pc, err := p.openFor(ctx)
			return pc, false, err
		}
		w := &waiter{ch: make(chan grant, 1)}
		p.waiters.push(w)
		p.mu.Unlock()
		p.stats.waits.Add(1)
		if wait == nil {
			wait = ctx
			if t := p.cfg.AcquireTimeout; t > 0 {
				var cancel context.CancelFunc
				wait, cancel = context.WithTimeoutCause(ctx, t, ErrAcquireTimeout)
				defer cancel()
			}
		}
		g, err := p.await(ctx, wait, w)
		switch {
		case err != nil:
			return nil, false, err
		case g.err != nil:
			return nil, false, g.err
		case g.create:
			pc, err := p.openFor(ctx)
			return pc, false, err
		}
		now = p.clock()
		ok, _, err := p.checkOut(ctx, g.pc, now)
		if err != nil {
			return nil, false, err
		}
		if ok {
			return g.pc, false, nil
		}
	}
}

// openFor opens a connection for an acquire, in a slot already counted,
// within AcquireTimeout.
func (p *Pool) openFor(ctx context.Context) (*pooled, error) {
	if t := p.cfg.AcquireTimeout; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, t, ErrAcquireTimeout)
		defer cancel()
	}
	return p.open(ctx)
}

// await waits for w's grant until wait ends. A grant that came anyway is
// passed on, so nothing is lost.
func (p *Pool) await(ctx, wait context.Context, w *waiter) (grant, error) {
	select {
	case g := <-w.ch:
		return g, nil
	case <-wait.Done():
	}
	if p.awaitEnded != nil {
		p.awaitEnded()
	}
	p.mu.Lock()
	removed := p.waiters.remove(w)
	p.mu.Unlock()
	if !removed {
		p.passOn(<-w.ch)
	}
	if ctx.Err() == nil {
		return grant{}, fmt.Errorf("%w (%v)", ErrAcquireTimeout, p.cfg.AcquireTimeout)
	}
	return grant{}, fmt.Errorf("aiomysql: acquire: %w", ctx.Err())
}

// passOn gives a grant its waiter no longer wants to the next one.
func (p *Pool) passOn(g grant) {
	switch {
	case g.pc != nil:
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			p.destroy(g.pc, destroyClosed)
			return
		}
		p.giveLocked(g.pc)
		p.mu.Unlock()
	case g.create:
		p.mu.Lock()
		p.pending--
		p.freedLocked()
		p.mu.Unlock()
	}
}

// checkOut vets an idle connection, taken out of the idle list, before it
// is handed out at now: false (after closing it) when it must not be.
// checked reports that vetting it took more than arithmetic (a peek, a
// ping or BeforeAcquire).
func (p *Pool) checkOut(ctx context.Context, pc *pooled, now time.Duration) (ok, checked bool, err error) {
	conn := pc.conn
	idle := now - pc.lastUsed
	checked = p.cfg.PeekAfterIdle <= 0 || idle > p.cfg.PeekAfterIdle // a peek
	switch {
	case checked && conn.CheckConn() != nil:
		p.destroy(pc, destroyDead)
		return false, true, nil
	case p.cfg.PoolRecycle >= 0 && idle > p.cfg.PoolRecycle:
		p.destroy(pc, destroyRecycled)
		return false, checked, nil
	case pc.expired(now):
		p.destroy(pc, destroyLifetime)
		return false, checked, nil
	}
	if d := p.cfg.PingAfterIdle; d > 0 && idle > d {
		if err := conn.Ping(ctx); err != nil {
			p.destroy(pc, destroyDead)
			if ctx.Err() != nil {
				return false, true, fmt.Errorf("aiomysql: acquire: %w", ctx.Err())
			}
			return false, true, nil
		}
		checked = true
	}
	if p.cfg.BeforeAcquire != nil {
		if !p.cfg.BeforeAcquire(ctx, conn) {
			p.destroy(pc, destroyRejected)
			return false, true, nil
		}
		checked = true
	}
	return true, checked, nil
}

// expired reports whether pc is past its lifetime.
func (pc *pooled) expired(now time.Duration) bool {
	return pc.expires != 0 && now >= pc.expires
}

// clock reads the pool's clock: the time since the pool was made, from the
// monotonic clock alone. time.Now reads the wall clock as well, which cost
// more than the rest of an uncontended Acquire and Release together
// (three calls were 60 % of their CPU profile).
func (p *Pool) clock() time.Duration { return time.Since(p.epoch) }
