package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"
)

// ErrPoolClosed is returned by a closed Pool's Acquire (and every call that
// acquires), and by a call in flight that Terminate interrupts.
var ErrPoolClosed = errors.New("aiomysql: pool is closed")

// ErrAcquireTimeout is returned by Acquire when PoolConfig.AcquireTimeout
// passed before a connection was free. It wraps context.DeadlineExceeded.
var ErrAcquireTimeout = errors.New("aiomysql: timed out waiting for a pool connection")

// Pool is a pool of connections, as aiomysql's Pool, with pgxpool's
// guarantees: waiters are served in the order they came, a connection given
// back is cleaned (an open transaction rolled back, a changed session reset,
// a busy one closed) before the next user gets it, a connection the server
// closed is found at checkout without a round trip and replaced, and a
// background maintainer keeps MinSize connections open and closes old and
// idle ones. A Pool is safe for concurrent use.
//
// Get a connection with Acquire (or AcquireFunc) and give it back with its
// Release, or use the Pool's own Query, QueryRow, Exec, Begin, Cursor,
// SendBatch and CopyFrom, which acquire and release around one call.
type Pool struct {
	cfg        *PoolConfig
	epoch      time.Time // the pool's clock counts from it (clock)
	acquireTr  AcquireTracer
	releaseTr  ReleaseTracer
	ctx        context.Context // ends at Close: stops connects in progress
	cancel     context.CancelFunc
	kick       chan struct{} // wakes the maintainer (1-buffered)
	maintDone  chan struct{} // closed when the maintainer returned
	done       chan struct{} // closed when closed and every connection is
	stats      poolCounters
	closeOnce  sync.Once
	doneClosed bool // done is closed (under mu)

	mu      sync.Mutex
	idle    []*pooled // most recently given back last
	all     map[*pooled]struct{}
	pending int // connections being opened: they count toward MaxSize
	waiters waitQueue
	closed  bool

	// awaitEnded, when set (by tests only, before the pool is shared), runs
	// when a waiter's wait has ended, before it leaves the queue: the moment
	// a grant may still reach it.
	awaitEnded func()
}

// pooled is one connection of a Pool.
type pooled struct {
	pool     *Pool
	conn     *Conn
	expires  time.Duration // on the pool's clock; zero: no lifetime
	lastUsed time.Duration // on the pool's clock: when it was last given back (or made)
}

// CreatePool makes a Pool, as aiomysql's create_pool: it opens MinSize
// connections before it returns, and fails (closing what it opened) when
// it cannot.
func CreatePool(ctx context.Context, cfg *PoolConfig) (*Pool, error) {
	if cfg == nil {
		return nil, errors.New("aiomysql: CreatePool needs a PoolConfig")
	}
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if err := cfg.ConnConfig.validate(); err != nil {
		return nil, err
	}
	c := cfg.withDefaults()
	p := &Pool{
		cfg:       c,
		kick:      make(chan struct{}, 1),
		maintDone: make(chan struct{}),
		done:      make(chan struct{}),
		all:       make(map[*pooled]struct{}, c.MaxSize),
		idle:      make([]*pooled, 0, c.MaxSize),
		epoch:     time.Now(),
	}
	p.acquireTr, _ = c.ConnConfig.Tracer.(AcquireTracer)
	p.releaseTr, _ = c.ConnConfig.Tracer.(ReleaseTracer)
	p.ctx, p.cancel = context.WithCancel(context.Background())
	for range c.MinSize {
		p.mu.Lock()
		p.pending++
		p.mu.Unlock()
		pc, err := p.open(ctx)
		if err != nil {
			close(p.maintDone) // no maintainer runs yet
			p.Terminate()
			return nil, err
		}
		p.mu.Lock()
		p.giveLocked(pc)
		p.mu.Unlock()
	}
	go p.maintain()
	return p, nil
}

// CreatePoolDSN makes a Pool from a DSN read by ParsePoolConfig.
func CreatePoolDSN(ctx context.Context, dsn string) (*Pool, error) {
	cfg, err := ParsePoolConfig(dsn)
	if err != nil {
		return nil, err
	}
	return CreatePool(ctx, cfg)
}

// Config returns a copy of the Pool's configuration, defaults filled in.
func (p *Pool) Config() *PoolConfig {
	c := *p.cfg
	c.ConnConfig = p.cfg.ConnConfig.Clone()
	return &c
}

// open makes a new connection for a slot already counted in p.pending, and
// adds it to the pool, in use. On failure the slot is freed.
func (p *Pool) open(ctx context.Context) (*pooled, error) {
	conn, err := p.connect(ctx)
	p.mu.Lock()
	p.pending--
	if err != nil {
		p.freedLocked()
		p.mu.Unlock()
		return nil, err
	}
	p.stats.created.Add(1)
	if p.closed {
		p.freedLocked()
		p.mu.Unlock()
		p.stats.destroyed[destroyClosed].Add(1)
		p.closeConn(conn)
		return nil, ErrPoolClosed
	}
	now := p.clock()
	pc := &pooled{pool: p, conn: conn, lastUsed: now}
	if lt := p.cfg.MaxConnLifetime; lt > 0 {
		if j := p.cfg.MaxConnLifetimeJitter; j > 0 {
			lt += rand.N(j)
		}
		pc.expires = now + lt
	}
	p.all[pc] = struct{}{}
	p.mu.Unlock()
	return pc, nil
}

// connect dials one connection, with the hooks, ended early by Close.
func (p *Pool) connect(ctx context.Context) (*Conn, error) {
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	unhook := context.AfterFunc(p.ctx, stop)
	defer unhook()
	cfg := p.cfg.ConnConfig
	if p.cfg.BeforeConnect != nil {
		cfg = cfg.Clone()
		if err := p.cfg.BeforeConnect(ctx, cfg); err != nil {
			return nil, err
		}
	}
	conn, err := Connect(ctx, cfg)
	if err != nil {
		if p.ctx.Err() != nil && ctx.Err() != nil {
			return nil, errors.Join(ErrPoolClosed, err)
		}
		cause := ctx.Err()
		if dl, ok := ctx.Deadline(); ok && cause == nil && !time.Now().Before(dl) {
			cause = context.DeadlineExceeded // the dialer saw it before the context did
		}
		if cause != nil && !errors.Is(err, cause) {
			// The dialer reports an ended deadline as an i/o timeout.
			err = fmt.Errorf("%w (%w)", err, cause)
		}
		return nil, err
	}
	if p.cfg.AfterConnect != nil {
		if err := p.cfg.AfterConnect(ctx, conn); err != nil {
			_ = conn.Close()
			return nil, err
		}
		// What AfterConnect set is the connection's fresh state.
		conn.pc.MarkSessionClean()
	}
	return conn, nil
}

// giveLocked hands pc, which is in use, to the first waiter, or makes it
// idle. p.mu is held.
func (p *Pool) giveLocked(pc *pooled) {
	if w := p.waiters.pop(); w != nil {
		w.ch <- grant{pc: pc}
		return
	}
	p.idle = append(p.idle, pc)
}

// freedLocked is called when a connection's slot is freed: the first
// waiter gets the slot to open a connection in, and the maintainer is told
// (MinSize). p.mu is held.
func (p *Pool) freedLocked() {
	if !p.closed && len(p.all)+p.pending < p.cfg.MaxSize {
		if w := p.waiters.pop(); w != nil {
			p.pending++
			w.ch <- grant{create: true}
		}
	}
	p.wake()
	p.checkDoneLocked()
}

// wake tells the maintainer to look at the pool.
func (p *Pool) wake() {
	select {
	case p.kick <- struct{}{}:
	default:
	}
}

// destroy closes pc, which is not idle, and frees its slot.
func (p *Pool) destroy(pc *pooled, why destroyReason) {
	p.mu.Lock()
	_, ok := p.all[pc]
	delete(p.all, pc)
	if ok {
		p.freedLocked()
	}
	p.mu.Unlock()
	if !ok {
		return // Terminate closed it
	}
	p.stats.destroyed[why].Add(1)
	p.closeConn(pc.conn)
}

// closeConn closes a connection of the pool, after BeforeClose.
func (p *Pool) closeConn(c *Conn) {
	if p.cfg.BeforeClose != nil {
		p.cfg.BeforeClose(c)
	}
	_ = c.Close()
}

// checkDoneLocked closes done once the pool is closed and empty. p.mu is
// held.
func (p *Pool) checkDoneLocked() {
	if p.closed && !p.doneClosed && len(p.all) == 0 && p.pending == 0 {
		p.doneClosed = true
		close(p.done)
	}
}
