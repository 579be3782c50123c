package aiomysql

import (
	"time"
)

// maintain is the Pool's one background goroutine: every HealthCheckPeriod,
// and whenever a connection closes, it closes idle connections past their
// lifetime or idle time and opens connections up to MinSize, backing off
// while connects fail. It returns when the pool closes.
func (p *Pool) maintain() {
	defer close(p.maintDone)
	tick := time.NewTicker(p.cfg.HealthCheckPeriod)
	defer tick.Stop()
	backoff := time.Duration(0)
	for {
		select {
		case <-p.ctx.Done():
			return
		case <-tick.C:
		case <-p.kick:
		}
		p.expireIdle(p.clock())
		if p.fillMin() {
			backoff = 0
			continue
		}
		backoff = min(max(2*backoff, poolConnectBackoffFloor), poolConnectBackoffCeiling)
		pause := time.NewTimer(backoff)
		select {
		case <-p.ctx.Done():
			pause.Stop()
			return
		case <-pause.C:
		}
		p.wake() // try again
	}
}

// expireIdle closes the idle connections that are past their lifetime, and
// those idle longer than MaxConnIdleTime while more than MinSize are open.
func (p *Pool) expireIdle(now time.Duration) {
	var victims []*pooled
	var reasons []destroyReason
	p.mu.Lock()
	kept := p.idle[:0]
	open := len(p.all) + p.pending
	for _, pc := range p.idle {
		switch {
		case pc.expired(now):
			victims, reasons = append(victims, pc), append(reasons, destroyLifetime)
			open--
		case open > p.cfg.MinSize && now-pc.lastUsed > p.cfg.MaxConnIdleTime:
			victims, reasons = append(victims, pc), append(reasons, destroyIdle)
			open--
		default:
			kept = append(kept, pc)
		}
	}
	clear(p.idle[len(kept):])
	p.idle = kept
	p.mu.Unlock()
	for i, pc := range victims {
		p.destroy(pc, reasons[i])
	}
}

// fillMin opens connections until MinSize are open (or being opened); it
// reports false when a connect failed.
func (p *Pool) fillMin() bool {
	for {
		p.mu.Lock()
		if p.closed || len(p.all)+p.pending >= p.cfg.MinSize {
			p.mu.Unlock()
			return true
		}
		p.pending++
		p.mu.Unlock()
		pc, err := p.openQuiet()
		if err != nil {
			return false
		}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			p.destroy(pc, destroyClosed)
			return true
		}
		p.giveLocked(pc)
		p.mu.Unlock()
	}
}

// openQuiet is open for the maintainer: a failed connect frees its slot
// for a waiter, but does not wake the maintainer (which backs off).
func (p *Pool) openQuiet() (*pooled, error) {
	pc, err := p.open(p.ctx)
	if err != nil {
		select { // the wake that freeing the slot sent
		case <-p.kick:
		default:
		}
	}
	return pc, err
}
