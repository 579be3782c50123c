package replay

import (
	"context"
	"errors"
	"net"
	"sync"
)

// DialFunc is the shape of a client's dialer: aiomysql's Config.Dialer,
// go-sql-driver/mysql's DialFunc.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Recorder tees the connections it dials: see the package documentation.
type Recorder struct {
	dial DialFunc

	mu    sync.Mutex
	conns []*recordedConn
}

// NewRecorder returns a Recorder that opens its connections with dial, or
// with a net.Dialer when dial is nil.
func NewRecorder(dial DialFunc) *Recorder {
	if dial == nil {
		var d net.Dialer
		dial = d.DialContext
	}
	return &Recorder{dial: dial}
}

// Dial opens a connection with the Recorder's dialer and records it.
func (r *Recorder) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	nc, err := r.dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	rc := &recordedConn{Conn: nc, r: r}
	r.mu.Lock()
	r.conns = append(r.conns, rc)
	r.mu.Unlock()
	return rc, nil
}

// errConns: Mark and Script are about the one connection recorded.
var errConns = errors.New("replay: the recorder dialed no connection or more than one")

// one returns the single recorded connection; r.mu is held.
func (r *Recorder) one() (*recordedConn, error) {
	if len(r.conns) != 1 {
		return nil, errConns
	}
	return r.conns[0], nil
}

// Mark makes the Step the client starts next (its next write) the Loop
// step of the Script: what the client does from now on is what a replay
// repeats. It is an error unless exactly one connection was dialed.
func (r *Recorder) Mark() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	rc, err := r.one()
	if err != nil {
		return err
	}
	rc.loop = len(rc.steps) // after a reply the next write starts a Step
	if !rc.lastRead && rc.loop > 0 {
		rc.loop-- // a write without a reply yet: the next write joins its Step
	}
	return nil
}

// Script returns a copy of the recording of the one connection dialed.
func (r *Recorder) Script() (*Script, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rc, err := r.one()
	if err != nil {
		return nil, err
	}
	s := &Script{Loop: rc.loop, Steps: make([]Step, len(rc.steps))}
	for i, st := range rc.steps {
		s.Steps[i] = Step{Client: clone(st.Client), Server: clone(st.Server)}
	}
	return s, nil
}

func clone(p []byte) []byte { return append([]byte(nil), p...) }

// recordedConn is a connection whose traffic its Recorder keeps.
type recordedConn struct {
	net.Conn
	r        *Recorder
	steps    []Step
	loop     int
	lastRead bool // the last operation was a read: a write starts a Step
}

func (c *recordedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.r.mu.Lock()
	if len(c.steps) == 0 || c.lastRead {
		c.steps = append(c.steps, Step{})
	}
	st := &c.steps[len(c.steps)-1]
	st.Client = append(st.Client, p[:n]...)
	c.lastRead = false
	c.r.mu.Unlock()
	return n, err
}

func (c *recordedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.r.mu.Lock()
		if len(c.steps) == 0 {
			c.steps = append(c.steps, Step{})
		}
		st := &c.steps[len(c.steps)-1]
		st.Server = append(st.Server, p[:n]...)
		c.lastRead = true
		c.r.mu.Unlock()
	}
	return n, err
}
