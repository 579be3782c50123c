package faultproxy

import (
	"net"
	"time"
)

// writeLoop writes direction d's queued bytes to its destination, each when
// due, and carries out queued cuts in order. When the queue ends it shuts the
// destination down for writing, passing a FIN on; when the direction is
// stopped it drops what is still queued.
func (l *Link) writeLoop(d Direction) {
	defer l.goroutineDone()
	defer l.shutWrite(d.dest())
	i := d.index()
	dst := l.conns[d.dest()]
	for {
		var it item
		select {
		case <-l.stop[i]:
			return
		case next, ok := <-l.queue[i]:
			if !ok {
				return
			}
			it = next
		}
		if l.stoppedDir(i) || !l.waitDue(i, it.due) {
			return
		}
		if !l.deliver(d, dst, it) {
			return
		}
	}
}

// deliver writes it.data and carries out it.cut, reporting false if the
// direction must end. An item with a cut holds the link's gate exclusively,
// so the other direction writes nothing between the data and the cut: a
// reply the server sends at once to a forwarded packet cannot slip through
// to a client the cut resets.
func (l *Link) deliver(d Direction, dst *net.TCPConn, it item) bool {
	i := d.index()
	if it.cut != nil {
		l.gate.Lock()
		defer l.gate.Unlock()
	} else {
		l.gate.RLock()
		defer l.gate.RUnlock()
	}
	if l.stoppedDir(i) {
		return false
	}
	if len(it.data) > 0 {
		n, err := dst.Write(it.data)
		if n > 0 {
			l.rec[i].addForwarded(it.data[:n])
			l.progress.broadcast()
		}
		if err != nil {
			if !l.closedByProxy(d.dest()) {
				l.closeAll(true)
			}
			return false
		}
	}
	if it.cut != nil {
		l.cut(*it.cut)
	}
	return true
}

// waitDue sleeps until due, reporting false if direction i is stopped first.
func (l *Link) waitDue(i int, due time.Time) bool {
	wait := time.Until(due)
	if due.IsZero() || wait <= 0 {
		return true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-l.stop[i]:
		return false
	}
}
