package protocol

import (
	"context"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Kills. KILL QUERY <thread id> goes out on a short-lived side connection,
// which must reach the same server: behind a TCP load balancer, or with a
// Dialer that picks among servers, it could land on another server, where
// the same thread id belongs to someone else's session. So the side
// connection first proves its target, in the same round trip as nothing
// else: it looks the thread up in the process list and requires that the
// thread runs as this connection's user and, over TCP, that the server sees
// it coming from this connection's local port (over a unix socket, that it
// is a local connection). A thread id, a user and a client port matching by
// chance on another server is not a risk worth a stranger's query. The cost
// is one query on the side connection; connect pays nothing. Where the
// proof fails — through a proxy or NAT that changes the client port, or
// with a Dialer whose connections have no TCP address — no KILL is sent,
// the interrupted call's socket is woken at once and the connection is
// closed: the server notices the closed socket and ends the statement
// itself, later.
//
// A kill targets the command in flight when the context ended (its
// generation). It is not sent if that command has finished meanwhile, and
// the next command waits, under its own context, for a kill that is already
// being sent. Close never waits for a kill: a pending one gives up.

// killer is the kill in flight, if any. Guarded by intr.mu.
type killer struct {
	active  bool          // a kill goroutine is running
	gen     uint64        // the command generation it targets
	intrGen uint64        // the interruption it serves (for the deadline)
	sending bool          // it is past its last check: KILL is on its way
	done    chan struct{} // closed when the goroutine ends
}

// killState counts and remembers what kills did.
type killState struct {
	killable     atomic.Bool // the handshake is over: a kill can target the thread
	cancels      atomic.Uint64
	killsSent    atomic.Uint64
	killsSkipped atomic.Uint64
	killErr      atomic.Pointer[error]
	killer       killer
	resolvedAddr net.Addr // the server's address, for the side connection (TCP, default dialer)
	localPort    int      // this connection's local TCP port, 0 when unknown
}

// startKill starts a kill for the command in flight (intr.mu held). A kill
// already under way and not yet sending is retargeted instead.
func (c *Conn) startKill(intrGen uint64) {
	k := &c.killer
	if k.active {
		if !k.sending {
			k.gen, k.intrGen = c.cmdGen, intrGen
		}
		return
	}
	*k = killer{active: true, gen: c.cmdGen, intrGen: intrGen, done: make(chan struct{})}
	// The options are read here, under intr.mu, which ChangeUser holds to
	// replace them.
	go c.runKill(k.done, c.sideOptions(), c.killProof())
}

// runKill is the kill goroutine.
func (c *Conn) runKill(done chan struct{}, side *Options, proof string) {
	ok := c.sendKill(side, proof)
	c.intr.mu.Lock()
	k := &c.killer
	if k.intrGen == c.intr.gen && c.intr.ownsDeadline {
		if ok {
			_ = c.raw.SetDeadline(time.Now().Add(c.cancelGrace()))
		} else {
			_ = c.raw.SetDeadline(pastDeadline())
		}
	}
	k.active, k.sending = false, false
	close(done)
	c.intr.mu.Unlock()
}

// sendKill proves the target and sends KILL QUERY; it reports whether the
// server acknowledged it.
func (c *Conn) sendKill(sideOpts *Options, proof string) bool {
	if d := sideOpts.KillDelay; d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-c.closing:
			c.killsSkipped.Add(1)
			return false
		}
	}
	timeout := sideOpts.KillTimeout
	if timeout <= 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	go func() {
		select {
		case <-c.closing:
			cancel()
		case <-ctx.Done():
		}
	}()
	if proof == "" {
		c.killsSkipped.Add(1)
		c.storeKillErr(fmt.Errorf("%w: the kill's target cannot be proven (no TCP port or unix socket to match)", ErrKillUnproven))
		return false
	}
	side, err := Connect(ctx, sideOpts)
	if err != nil {
		c.storeKillErr(err)
		return false
	}
	defer side.Close()
	n, err := side.QueryValue(ctx, proof)
	if err != nil {
		c.storeKillErr(err)
		return false
	}
	if n != "1" {
		c.killsSkipped.Add(1)
		c.storeKillErr(fmt.Errorf("%w: the side connection reached a server where thread %d is not this connection", ErrKillUnproven, c.connectionID))
		return false
	}
	c.intr.mu.Lock()
	if c.killer.gen != c.cmdGen || isClosed(c.State()) {
		c.intr.mu.Unlock()
		c.killsSkipped.Add(1) // its command finished meanwhile
		return false
	}
	c.killer.sending = true
	c.intr.mu.Unlock()
	if _, err := side.ExecText(ctx, Request{Op: "kill query"}, "KILL QUERY "+strconv.FormatUint(uint64(c.connectionID), 10)); err != nil {
		c.storeKillErr(err)
		return false
	}
	c.killsSent.Add(1)
	return true
}

func (c *Conn) storeKillErr(err error) { c.killErr.Store(&err) }

// killProof is the query that finds this connection's thread on the server
// the side connection reached: it returns 1 when the thread runs as this
// connection's user and comes from this connection's port (TCP) or is local
// (unix socket). "" when nothing can prove it.
func (c *Conn) killProof() string {
	var where string
	switch {
	case c.unixSocket:
		where = "HOST = 'localhost'"
	case c.localPort > 0:
		where = "HOST LIKE '%:" + strconv.Itoa(c.localPort) + "'"
	default:
		return ""
	}
	return "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " +
		strconv.FormatUint(uint64(c.connectionID), 10) +
		" AND HEX(USER) = '" + hex.EncodeToString([]byte(c.opts.User)) + "' AND " + where
}

// sideOptions are the options of the connection that sends a kill: the same
// server and credentials, no database, no cancellation of its own.
func (c *Conn) sideOptions() *Options {
	o := *c.opts
	o.Database = ""
	o.KillOnCancel = false
	o.MultiStatements = false
	o.LocalFiles = false
	o.ReadTimeout, o.WriteTimeout = 0, 0
	o.side = true
	o.Attributes = append(append([]wire.Attribute(nil), o.Attributes...), wire.Attribute{Key: "_purpose", Value: "kill query"})
	if c.resolvedAddr != nil {
		// Kill on the very address this connection reached.
		o.Address = c.resolvedAddr.String()
	}
	return &o
}

// waitKill waits, under ctx, for a kill that is being sent: it must have
// reached the server before the next command is written. A kill still
// proving its target will see that its command is over and give up.
func (c *Conn) waitKill(ctx context.Context) error {
	c.intr.mu.Lock()
	k := c.killer
	c.intr.mu.Unlock()
	if !k.active || !k.sending {
		return nil
	}
	select {
	case <-k.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// KillError returns the error of the last kill sent on cancellation, if it
// failed or was not sent for lack of proof (for tests and diagnostics).
func (c *Conn) KillError() error {
	if p := c.killErr.Load(); p != nil {
		return *p
	}
	return nil
}

// KillStats counts what cancellation did on a connection (for tests and
// diagnostics).
type KillStats struct {
	// Cancels is how often a call's context ended while the call blocked.
	Cancels uint64
	// Sent is how many KILL QUERY statements the server acknowledged.
	Sent uint64
	// Skipped is how many kills were not sent because their command had
	// already finished, or their target could not be proven to be this
	// connection.
	Skipped uint64
}

// KillStats returns the connection's cancellation counters.
func (c *Conn) KillStats() KillStats {
	return KillStats{Cancels: c.cancels.Load(), Sent: c.killsSent.Load(), Skipped: c.killsSkipped.Load()}
}
