package aiomysql

import (
	"context"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
)

// Release gives c back to the pool, as aiomysql's release; the same as
// c.Release(). Before the next user gets the connection it is made clean,
// on the releasing goroutine, within PoolConfig.ReleaseTimeout:
//
//   - a connection closed or broken, or with a result not read to its end
//     (a Rows, a streaming cursor, a batch's replies, a server-side
//     cursor still open), is closed: reading what is left could take any
//     time, and the Rows is someone's;
//   - a session that changed is reset (COM_RESET_CONNECTION, then the
//     connection's own settings again), as ResetPolicy says, which also
//     rolls back an open transaction; under ResetNever an open transaction
//     is rolled back;
//   - a connection past MaxConnLifetime, one AfterRelease refuses, one
//     that got a read-only refusal with Config.RejectReadOnly, and every
//     one given back after Close is closed.
//
// A failure of any of these closes the connection; none reaches the
// caller. Giving back a connection that was already released does nothing.
func (p *Pool) Release(c PoolConn) { c.Release() }

// release cleans pc, whose lease has just ended, and gives it to a waiter
// or makes it idle, or closes it.
func (p *Pool) release(pc *pooled) {
	now := p.clock()
	why := p.clean(pc, now)
	if why == keep && p.cfg.AfterRelease != nil && !p.cfg.AfterRelease(pc.conn) {
		why = destroyRejected
	}
	if p.releaseTr != nil {
		p.releaseTr.TraceRelease(p, TraceReleaseData{Conn: pc.conn})
	}
	if why != keep {
		p.destroy(pc, why)
		return
	}
	pc.lastUsed = now
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		p.destroy(pc, destroyClosed)
		return
	}
	// Not closed, so pc is still counted in p.all: only Terminate (which
	// closes the pool first), destroy and Hijack take a connection out, and
	// neither of the last two leaves a lease to release.
	p.giveLocked(pc)
	p.mu.Unlock()
}

// clean makes a returned connection fit for its next user, or says why it
// must be closed instead.
func (p *Pool) clean(pc *pooled, now time.Duration) destroyReason {
	conn := pc.conn
	switch {
	case conn.pc.State() != protocol.StateIdle:
		if conn.IsClosed() {
			return destroyBroken
		}
		return destroyBusy
	case conn.pc.Cursors() > 0:
		return destroyBusy
	case conn.readOnlyRefused.Load():
		return destroyReadOnly
	case pc.expired(now):
		return destroyLifetime
	}
	reset := false
	switch p.cfg.ResetPolicy {
	case ResetAlways:
		reset = true
	case ResetChanged:
		reset = conn.SessionChanged() || conn.userStmts > 0
	}
	if !reset && !conn.InTransaction() {
		return keep
	}
	ctx, cancel := context.WithTimeout(p.ctx, p.cfg.ReleaseTimeout)
	defer cancel()
	if reset {
		if err := conn.ResetSession(ctx); err != nil {
			return destroyResetFailed
		}
		if p.cfg.AfterConnect != nil {
			// The reset undid what AfterConnect set up: set it up again.
			if err := p.cfg.AfterConnect(ctx, conn); err != nil {
				return destroyResetFailed
			}
			conn.pc.MarkSessionClean()
		}
		p.stats.resets.Add(1)
		return keep
	}
	if err := conn.Rollback(ctx); err != nil || conn.InTransaction() {
		return destroyResetFailed
	}
	p.stats.rollbacks.Add(1)
	return keep
}

// isClosed reports whether Close or Terminate was called.
func (p *Pool) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}
