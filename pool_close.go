package aiomysql

import (
	"context"
	"fmt"
)

// Clear closes the idle connections, as aiomysql's clear; connections in
// use stay. The maintainer opens MinSize again.
func (p *Pool) Clear() {
	p.mu.Lock()
	idle := p.takeIdleLocked()
	p.mu.Unlock()
	for _, pc := range idle {
		p.destroy(pc, destroyClosed)
	}
}

// takeIdleLocked empties the idle list and returns what it held (still
// counted in p.all). p.mu is held.
func (p *Pool) takeIdleLocked() []*pooled {
	idle := append([]*pooled(nil), p.idle...)
	clear(p.idle)
	p.idle = p.idle[:0]
	return idle
}

// Close closes the pool, as aiomysql's close: Acquire fails with
// ErrPoolClosed from now on (waiters too), idle connections are closed,
// and those in use are closed when they are given back. Close stops the
// maintainer and waits for it; WaitClosed waits for the connections in use.
// It is idempotent.
func (p *Pool) Close() {
	p.shutDown(false)
}

// Terminate closes the pool and every connection now, those in use
// included, as aiomysql's terminate: calls in flight on them fail (with
// the connection's closed or lost error). It waits for the maintainer.
func (p *Pool) Terminate() {
	p.shutDown(true)
}

// shutDown is Close, and with all Terminate.
func (p *Pool) shutDown(all bool) {
	p.mu.Lock()
	first := !p.closed
	p.closed = true
	var victims []*pooled
	if all {
		for pc := range p.all {
			victims = append(victims, pc)
		}
		clear(p.all)
		clear(p.idle)
		p.idle = p.idle[:0]
	} else {
		victims = p.takeIdleLocked()
	}
	for w := p.waiters.pop(); w != nil; w = p.waiters.pop() {
		w.ch <- grant{err: ErrPoolClosed}
	}
	p.mu.Unlock()
	if first {
		p.cancel() // connects in progress give up
	}
	for _, pc := range victims {
		if all {
			p.stats.destroyed[destroyClosed].Add(1)
			p.closeConn(pc.conn)
		} else {
			p.destroy(pc, destroyClosed)
		}
	}
	p.mu.Lock()
	p.checkDoneLocked()
	p.mu.Unlock()
	p.closeOnce.Do(func() { <-p.maintDone })
}

// WaitClosed waits until the pool is closed and every connection with it,
// as aiomysql's wait_closed: after Close, until the connections in use were
// given back. It returns ctx's error when ctx ends first, and an error when
// the pool was not closed.
func (p *Pool) WaitClosed(ctx context.Context) error {
	if !p.isClosed() {
		return fmt.Errorf("aiomysql: WaitClosed on a pool that is not closed: call Close or Terminate first")
	}
	select {
	case <-p.done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("aiomysql: wait for the pool to close: %w", ctx.Err())
	}
}
