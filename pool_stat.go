package aiomysql

import (
	"sync/atomic"
	"time"
)

// destroyReason is why the pool closed a connection (Stat's Destroyed*).
type destroyReason int

const (
	keep               destroyReason = iota // not closed
	destroyDead                             // found closed or silent at checkout
	destroyRecycled                         // unused longer than PoolRecycle
	destroyLifetime                         // older than MaxConnLifetime
	destroyIdle                             // idle longer than MaxConnIdleTime
	destroyBroken                           // given back closed or broken
	destroyBusy                             // given back with a result unread
	destroyResetFailed                      // the rollback or reset at release failed
	destroyRejected                         // BeforeAcquire or AfterRelease said no
	destroyReadOnly                         // refused a statement as read-only (RejectReadOnly)
	destroyClosed                           // Clear, Close or Terminate
	destroyReasons
)

// poolCounters are the Pool's running counts, read by Stat.
type poolCounters struct {
	acquires     atomic.Int64
	acquireNanos atomic.Int64
	waits        atomic.Int64
	canceled     atomic.Int64
	created      atomic.Int64
	resets       atomic.Int64
	rollbacks    atomic.Int64
	hijacked     atomic.Int64
	destroyed    [destroyReasons]atomic.Int64
}

// PoolStat is a snapshot of a Pool's figures, as pgxpool's Stat.
type PoolStat struct {
	AcquireCount         int64         // acquires that succeeded
	AcquireDuration      time.Duration // total time spent in Acquire, waits included (an Acquire that took an idle connection at once, without a wait, a peek, a ping or a hook, adds nothing: timing it would cost a fifth of it)
	EmptyAcquireCount    int64         // acquires that had to wait in line
	CanceledAcquireCount int64         // acquires whose context ended first

	IdleConns         int // open and idle
	AcquiredConns     int // open and in use
	ConstructingConns int // being opened
	TotalConns        int // all three: never more than MaxConns
	MaxConns          int
	Waiting           int // acquires waiting in line now

	NewConnsCount  int64 // connections opened
	ResetCount     int64 // connections reset at release
	RollbackCount  int64 // transactions rolled back at release
	HijackedCount  int64 // connections taken out with Hijack
	DestroyedCount int64 // connections closed, all reasons

	// Connections closed, by reason.
	DestroyedDead        int64 // found closed by the server, or not answering a ping, at checkout
	DestroyedRecycled    int64 // unused for longer than PoolRecycle
	DestroyedLifetime    int64 // older than MaxConnLifetime
	DestroyedIdle        int64 // idle for longer than MaxConnIdleTime
	DestroyedBroken      int64 // given back closed or broken
	DestroyedBusy        int64 // given back with a result not read to its end
	DestroyedResetFailed int64 // the rollback or reset at release failed
	DestroyedRejected    int64 // refused by BeforeAcquire or AfterRelease
	DestroyedReadOnly    int64 // got a read-only refusal (Config.RejectReadOnly) or 1047 (a node not ready)
	DestroyedClosed      int64 // closed by Clear, Close or Terminate
}

// Stat returns the pool's figures now.
func (p *Pool) Stat() PoolStat {
	s := PoolStat{
		AcquireCount:         p.stats.acquires.Load(),
		AcquireDuration:      time.Duration(p.stats.acquireNanos.Load()),
		EmptyAcquireCount:    p.stats.waits.Load(),
		CanceledAcquireCount: p.stats.canceled.Load(),
		NewConnsCount:        p.stats.created.Load(),
		ResetCount:           p.stats.resets.Load(),
		RollbackCount:        p.stats.rollbacks.Load(),
		HijackedCount:        p.stats.hijacked.Load(),
		MaxConns:             p.cfg.MaxSize,
	}
	d := &p.stats.destroyed
	s.DestroyedDead = d[destroyDead].Load()
	s.DestroyedRecycled = d[destroyRecycled].Load()
	s.DestroyedLifetime = d[destroyLifetime].Load()
	s.DestroyedIdle = d[destroyIdle].Load()
	s.DestroyedBroken = d[destroyBroken].Load()
	s.DestroyedBusy = d[destroyBusy].Load()
	s.DestroyedResetFailed = d[destroyResetFailed].Load()
	s.DestroyedRejected = d[destroyRejected].Load()
	s.DestroyedReadOnly = d[destroyReadOnly].Load()
	s.DestroyedClosed = d[destroyClosed].Load()
	for i := range d {
		s.DestroyedCount += d[i].Load()
	}
	p.mu.Lock()
	s.IdleConns = len(p.idle)
	s.ConstructingConns = p.pending
	s.TotalConns = len(p.all) + p.pending
	s.AcquiredConns = len(p.all) - len(p.idle)
	s.Waiting = p.waiters.len()
	p.mu.Unlock()
	return s
}

// Size returns the number of connections open or being opened, idle or
// in use, as aiomysql's size.
func (p *Pool) Size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.all) + p.pending
}

// FreeSize returns the number of idle connections, as aiomysql's freesize.
func (p *Pool) FreeSize() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.idle)
}

// MinSize returns PoolConfig.MinSize, as aiomysql's minsize.
func (p *Pool) MinSize() int { return p.cfg.MinSize }

// MaxSize returns PoolConfig.MaxSize, as aiomysql's maxsize.
func (p *Pool) MaxSize() int { return p.cfg.MaxSize }

// Closed reports whether Close or Terminate was called, as aiomysql's
// closed.
func (p *Pool) Closed() bool { return p.isClosed() }
