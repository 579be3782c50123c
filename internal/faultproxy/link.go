package faultproxy

import (
	"context"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Link is one proxied connection: the socket accepted from the client, the
// socket dialed to the server, and the two directions between them. Its
// methods are safe for concurrent use, also while traffic flows.
type Link struct {
	p        *Proxy
	id       int
	upstream string          // the address dialed for this link
	conns    [2]*net.TCPConn // by side: clientIdx, serverIdx

	queue [2]chan item // by direction index: reader -> writer
	stop  [2]chan struct{}

	rec      [2]recorder
	progress signal // a count changed or the link ended

	running atomic.Int32  // reader and writer goroutines still running
	done    chan struct{} // closed when they have all returned
	cutSig  chan struct{} // closed at the first cut

	// gate is held shared by a writer writing bytes, and exclusively by one
	// writing bytes that a cut follows.
	gate sync.RWMutex

	mu       sync.Mutex
	closed   [2]bool // socket closed by the proxy
	wclosed  [2]bool // socket shut down for writing by the proxy
	stopped  [2]bool // stop[i] closed
	modes    [2]*Mode
	rewrites [2]RewriteFunc
	cuts     []Cut
	err      error
}

// item is one unit of a direction's queue: bytes to write when due, then
// possibly a cut to carry out.
type item struct {
	data []byte
	due  time.Time // zero: now
	cut  *Cut
}

func newLink(p *Proxy, id int, upstream string, client, server *net.TCPConn) *Link {
	l := &Link{
		p:        p,
		id:       id,
		upstream: upstream,
		conns:    [2]*net.TCPConn{client, server},
		done:     make(chan struct{}),
		cutSig:   make(chan struct{}),
	}
	for i := range 2 {
		l.queue[i] = make(chan item, queueLen)
		l.stop[i] = make(chan struct{})
		l.rec[i].limit = p.recordLimit
	}
	return l
}

// queueLen bounds how many chunks a direction holds between its reader and
// its writer; a full queue stops the reader.
const queueLen = 64

// start launches the link's four goroutines; p.wg must already count them.
func (l *Link) start() {
	l.running.Store(4)
	for _, d := range [2]Direction{Upstream, Downstream} {
		go l.readLoop(d)
		go l.writeLoop(d)
	}
}

// goroutineDone is deferred by each of the four goroutines; the last one
// closes both sockets and marks the link done.
func (l *Link) goroutineDone() {
	defer l.p.wg.Done()
	if l.running.Add(-1) != 0 {
		return
	}
	l.mu.Lock()
	for i, c := range l.conns {
		if !l.closed[i] {
			l.closed[i] = true
			_ = c.Close()
		}
	}
	l.mu.Unlock()
	close(l.done)
	l.progress.broadcast()
}

// ID returns the link's number: 0 for the first connection the proxy
// accepted and dialed through, 1 for the next, and so on.
func (l *Link) ID() int { return l.id }

// Upstream returns the server address this link was dialed to: Config.Upstream,
// or its turn's entry of Config.Upstreams.
func (l *Link) Upstream() string { return l.upstream }

// ClientAddr returns the client's address as the proxy sees it, which is the
// client socket's local address.
func (l *Link) ClientAddr() net.Addr { return l.conns[clientIdx].RemoteAddr() }

// UpstreamLocalAddr returns the local address of the socket dialed to the
// server, which is the client address the server sees.
func (l *Link) UpstreamLocalAddr() net.Addr { return l.conns[serverIdx].LocalAddr() }

// Done returns a channel closed when the link has ended: both sockets closed
// and its goroutines returned.
func (l *Link) Done() <-chan struct{} { return l.done }

// CutHappened returns a channel closed when the first cut of this link has
// been carried out, whether a mode, a PacketFunc or a call asked for it.
func (l *Link) CutHappened() <-chan struct{} { return l.cutSig }

// Cuts returns the cuts carried out on this link so far, in order.
func (l *Link) Cuts() []Cut {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Cut(nil), l.cuts...)
}

// Err returns the first misuse the link met while running, such as an invalid
// Action from a PacketFunc (which resets both sides), or nil.
func (l *Link) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.err
}

// SetMode sets the mode of direction d on this link, overriding the proxy's
// mode for d. It applies to the bytes read after it returns (see Mode).
func (l *Link) SetMode(d Direction, m Mode) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	if err := m.check(); err != nil {
		return err
	}
	l.mu.Lock()
	l.modes[d.index()] = &m
	l.mu.Unlock()
	l.p.modeSig.broadcast()
	return nil
}

// ClearMode removes this link's mode for direction d, so the proxy's applies again.
func (l *Link) ClearMode(d Direction) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	l.mu.Lock()
	l.modes[d.index()] = nil
	l.mu.Unlock()
	l.p.modeSig.broadcast()
	return nil
}

// SetRewrite sets the rewrite hook of direction d on this link, overriding
// the proxy's; nil removes it, so the proxy's applies again.
func (l *Link) SetRewrite(d Direction, fn RewriteFunc) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	l.mu.Lock()
	l.rewrites[d.index()] = fn
	l.mu.Unlock()
	return nil
}

// effective returns the mode and rewrite hook that apply to direction index i.
func (l *Link) effective(i int) (Mode, RewriteFunc) {
	l.mu.Lock()
	m, rw := l.modes[i], l.rewrites[i]
	l.mu.Unlock()
	pm, prw := l.p.defaults(i)
	if m == nil {
		m = &pm
	}
	if rw == nil {
		rw = prw
	}
	return *m, rw
}

// Close closes both sockets at once (the kernel sends a FIN, or an RST where
// unread bytes remain) and waits until the link has ended or ctx ends.
func (l *Link) Close(ctx context.Context) error {
	l.closeAll(false)
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Wait blocks until the link has ended or ctx ends.
func (l *Link) Wait(ctx context.Context) error {
	select {
	case <-l.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l *Link) endedErr(d Direction, fwd bool, nRead, nFwd, n int64) error {
	what, got := "read", nRead
	if fwd {
		what, got = "forwarded", nFwd
	}
	return fmt.Errorf("%w: link %d ended with %d of %d bytes %s %s", ErrClosed, l.id, got, n, what, d)
}
