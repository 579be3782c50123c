package protocol

import (
	"context"
	"sync"
	"sync/atomic"
)

// Watching contexts. A context governs exactly the call it is passed to: it
// is checked before anything is written, watched only while the call blocks
// on the socket, and forgotten when the call returns (so a streaming
// cursor's fetch may use a context that is cancelled as soon as the fetch
// returns).
//
// The watch is one goroutine per connection, started the first time a call
// with a context that can end blocks, and ended by Close (or a failure).
// Arming it hands it the call's context; disarming tells it the call is
// over. Neither allocates, so a cancellable context costs a command no
// allocation (context.AfterFunc would cost several).

// call is the call in progress: the context that governs it.
type call struct {
	ctx   context.Context
	done  <-chan struct{} // ctx.Done(): nil when ctx cannot end
	op    string
	armed bool // the watch holds ctx
}

// watcher is the connection's watch goroutine.
type watcher struct {
	start   sync.Once
	started atomic.Bool
	arm     chan context.Context
	disarm  chan struct{}
	done    chan struct{} // closed when the goroutine has ended
}

func (w *watcher) init() {
	w.arm = make(chan context.Context)
	w.disarm = make(chan struct{})
	w.done = make(chan struct{})
}

// setCall makes ctx govern what the connection does next, without arming
// the watch (the socket arms it when it would block).
func (c *Conn) setCall(ctx context.Context, op string) {
	c.call = call{ctx: ctx, done: ctx.Done(), op: op}
}

// armWatch hands the call's context to the watch.
func (c *Conn) armWatch() {
	w := &c.watch
	if !w.started.Load() {
		w.start.Do(func() {
			w.started.Store(true)
			go c.watchLoop()
		})
	}
	select {
	case w.arm <- c.call.ctx:
		c.call.armed = true
	case <-w.done:
		// Closing: there is nothing left to interrupt.
	}
}

// disarmWatch takes the context back from the watch. When it returns, the
// watch's reaction to the context, if it had one, is complete.
func (c *Conn) disarmWatch() {
	if !c.call.armed {
		return
	}
	c.call.armed = false
	select {
	case c.watch.disarm <- struct{}{}:
	case <-c.watch.done:
	}
}

// watchLoop is the watch goroutine.
func (c *Conn) watchLoop() {
	w := &c.watch
	defer close(w.done)
	for {
		var ctx context.Context
		select {
		case ctx = <-w.arm:
		case <-c.closing:
			return
		}
		select {
		case <-ctx.Done():
			c.contextEnded(ctx.Err())
			select {
			case <-w.disarm:
			case <-c.closing:
				return
			}
		case <-w.disarm:
		case <-c.closing:
			return
		}
	}
}

// waitWatch waits for the watch goroutine to end (after closing).
func (c *Conn) waitWatch() {
	if c.watch.started.Load() {
		<-c.watch.done
	}
}
