package faultproxy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// acceptBackoff is the pause after a failed Accept.
const acceptBackoff = 10 * time.Millisecond

// defaultDialTimeout is Config.DialTimeout's default.
const defaultDialTimeout = 5 * time.Second

// Config configures a Proxy.
type Config struct {
	// Upstream is the server's address (host:port), dialed once per
	// accepted connection. Required unless Upstreams is set.
	Upstream string

	// Upstreams, when set, are several servers' addresses taken in turn: the
	// first accepted connection is dialed to Upstreams[0], the next to
	// Upstreams[1], and so on round the list (an L4 load balancer's
	// round-robin). A failed dial still takes its turn. Upstream, if also
	// set, must be empty.
	Upstreams []string

	// DialTimeout bounds each dial to Upstream. Default: 5s. Dials are made
	// one at a time, in accept order, so link IDs follow that order. When a
	// dial fails the client's socket is reset, no Link is made and the
	// error is kept for DialErrors.
	DialTimeout time.Duration

	// RecordLimit is how many bytes Link.Recorded and Link.Forwarded keep
	// per link and direction; the counts stay exact beyond it. Default
	// (0): 64 MiB. Negative: keep none.
	RecordLimit int64

	// OnAccept, if set, is called with each new link before any byte flows,
	// so it can set the link's modes. It runs on the proxy's accept
	// goroutine: while it runs no other connection is accepted, and it must
	// not call Proxy.Close or wait for the link to end (Link.Close, Link.Wait).
	OnAccept func(*Link)
}

// Proxy is a TCP proxy on 127.0.0.1 that forwards each accepted connection
// to Config.Upstream (or the next of Config.Upstreams) through a Link whose two directions can be delayed,
// blackholed, stalled, cut, framed into MySQL packets, rewritten and
// recorded. Its methods are safe for concurrent use. Every goroutine it
// starts ends by the time Close returns.
type Proxy struct {
	ln          net.Listener
	upstreams   []string
	next        int // index in upstreams of the next dial; accept goroutine only
	dialTimeout time.Duration
	recordLimit int64
	onAccept    func(*Link)

	ctx    context.Context // cancelled by Close, ends dials
	cancel context.CancelFunc
	wg     sync.WaitGroup

	modeSig signal // a mode changed somewhere
	linkSig signal // a link was added

	mu       sync.Mutex
	closed   bool
	links    []*Link
	dialErrs []error
	modes    [2]Mode
	rewrites [2]RewriteFunc

	closeOnce sync.Once
	closeErr  error
}

// New starts a proxy listening on 127.0.0.1 on a free port. ctx bounds only
// the start; the proxy runs until Close.
func New(ctx context.Context, cfg Config) (*Proxy, error) {
	upstreams := cfg.Upstreams
	switch {
	case cfg.Upstream != "" && len(upstreams) > 0:
		return nil, fmt.Errorf("%w: both Upstream and Upstreams set", ErrInvalid)
	case cfg.Upstream != "":
		upstreams = []string{cfg.Upstream}
	case len(upstreams) == 0:
		return nil, fmt.Errorf("%w: empty upstream address", ErrInvalid)
	}
	for i, u := range upstreams {
		if u == "" {
			return nil, fmt.Errorf("%w: empty upstream address at Upstreams[%d]", ErrInvalid, i)
		}
	}
	if cfg.DialTimeout < 0 {
		return nil, fmt.Errorf("%w: negative dial timeout %v", ErrInvalid, cfg.DialTimeout)
	}
	if cfg.DialTimeout == 0 {
		cfg.DialTimeout = defaultDialTimeout
	}
	if cfg.RecordLimit == 0 {
		cfg.RecordLimit = defaultRecordLimit
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: listen: %w", err)
	}
	p := &Proxy{
		ln:          ln,
		upstreams:   append([]string(nil), upstreams...),
		dialTimeout: cfg.DialTimeout,
		recordLimit: cfg.RecordLimit,
		onAccept:    cfg.OnAccept,
	}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	p.wg.Add(1)
	go p.acceptLoop()
	return p, nil
}

// Addr returns the address clients connect to (127.0.0.1:port).
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Close stops accepting, closes every link's sockets and waits for all the
// proxy's goroutines. It returns the listener's close error, if any; calling
// it again returns the same.
func (p *Proxy) Close() error {
	p.closeOnce.Do(func() {
		p.mu.Lock()
		p.closed = true
		links := append([]*Link(nil), p.links...)
		p.mu.Unlock()
		p.linkSig.broadcast()
		p.cancel()
		p.closeErr = p.ln.Close()
		for _, l := range links {
			l.closeAll(false)
		}
		p.wg.Wait()
	})
	return p.closeErr
}

func (p *Proxy) acceptLoop() {
	defer p.wg.Done()
	for {
		nc, err := p.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || p.ctx.Err() != nil {
				return
			}
			// A transient failure, such as too many open files: pause.
			t := time.NewTimer(acceptBackoff)
			select {
			case <-t.C:
			case <-p.ctx.Done():
				t.Stop()
				return
			}
			continue
		}
		p.connect(nc.(*net.TCPConn))
	}
}

// connect dials the server for a newly accepted client and starts its link.
func (p *Proxy) connect(client *net.TCPConn) {
	ctx, cancel := context.WithTimeout(p.ctx, p.dialTimeout)
	upstream := p.upstreams[p.next]
	p.next = (p.next + 1) % len(p.upstreams)
	d := net.Dialer{}
	sc, err := d.DialContext(ctx, "tcp", upstream)
	cancel()
	if err != nil {
		p.mu.Lock()
		p.dialErrs = append(p.dialErrs, err)
		p.mu.Unlock()
		_ = client.SetLinger(0)
		_ = client.Close()
		return
	}
	server := sc.(*net.TCPConn)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		_ = client.Close()
		_ = server.Close()
		return
	}
	l := newLink(p, len(p.links), upstream, client, server)
	p.links = append(p.links, l)
	p.wg.Add(4)
	p.mu.Unlock()
	if p.onAccept != nil {
		p.onAccept(l)
	}
	l.start()
	p.linkSig.broadcast()
}

// Links returns every link made so far, ended ones included, in the order
// they were made (by ID).
func (p *Proxy) Links() []*Link {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]*Link(nil), p.links...)
}

// DialErrors returns the errors of the dials to Upstream that failed so far,
// in order. Each failure reset the client's socket.
func (p *Proxy) DialErrors() []error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]error(nil), p.dialErrs...)
}

// WaitLink returns the link with the given ID, waiting until it exists. It
// returns ctx's error if ctx ends first and an error wrapping ErrClosed if the
// proxy is closed first.
func (p *Proxy) WaitLink(ctx context.Context, id int) (*Link, error) {
	if id < 0 {
		return nil, fmt.Errorf("%w: link ID %d", ErrInvalid, id)
	}
	for {
		ch := p.linkSig.wait()
		p.mu.Lock()
		var l *Link
		if id < len(p.links) {
			l = p.links[id]
		}
		closed := p.closed
		p.mu.Unlock()
		switch {
		case l != nil:
			return l, nil
		case closed:
			return nil, fmt.Errorf("%w: waiting for link %d", ErrClosed, id)
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
