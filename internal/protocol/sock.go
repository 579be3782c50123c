package protocol

import (
	"net"
	"sync/atomic"
	"time"
)

// sock is the socket as the connection uses it: every Read and Write first
// arms the watch of the call in progress (so a context is watched only while
// its call can block) and refreshes the per-read or per-write timeout, and
// Reads that brought data are counted (so a reply that was already in hand
// when a context ended can be told from one read after it). The framing,
// or the TLS layer over it, reads and writes through it.
type sock struct {
	net.Conn // the raw socket: addresses, deadlines and Close go to it
	c        *Conn
	reads    atomic.Uint64 // Reads that returned data
	// quiet makes it a plain socket: Close's farewell (COM_QUIT, the TLS
	// close_notify) may run on another goroutine than the calls, and
	// belongs to no call.
	quiet atomic.Bool
}

// timeoutChunk bounds one write syscall when a write timeout is set, so that
// the timeout is refreshed as a long write makes progress.
const timeoutChunk = 256 << 10

func (s *sock) Read(p []byte) (int, error) {
	if s.quiet.Load() {
		return s.Conn.Read(p)
	}
	c := s.c
	if c.call.done != nil && !c.call.armed {
		c.armWatch()
	}
	if t := c.opts.ReadTimeout; t > 0 {
		c.refreshDeadline(s.Conn.SetReadDeadline, t)
	}
	n, err := s.Conn.Read(p)
	if n > 0 {
		s.reads.Add(1)
	}
	return n, err
}

func (s *sock) Write(p []byte) (int, error) {
	if s.quiet.Load() {
		return s.Conn.Write(p)
	}
	c := s.c
	if c.call.done != nil && !c.call.armed {
		c.armWatch()
	}
	t := c.opts.WriteTimeout
	if t <= 0 {
		return s.Conn.Write(p)
	}
	written := 0
	for written < len(p) {
		c.refreshDeadline(s.Conn.SetWriteDeadline, t)
		n, err := s.Conn.Write(p[written:min(len(p), written+timeoutChunk)])
		written += n
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// WriteBuffers writes bufs in one vectored write (writev) when no write
// timeout is set; with one, buffer by buffer, refreshing it.
func (s *sock) WriteBuffers(bufs *net.Buffers) (int64, error) {
	if s.quiet.Load() {
		return bufs.WriteTo(s.Conn)
	}
	c := s.c
	if c.opts.WriteTimeout > 0 {
		var total int64
		for _, b := range *bufs {
			n, err := s.Write(b)
			total += int64(n)
			if err != nil {
				return total, err
			}
		}
		return total, nil
	}
	if c.call.done != nil && !c.call.armed {
		c.armWatch()
	}
	return bufs.WriteTo(s.Conn)
}

// refreshDeadline moves a per-read or per-write deadline timeout from now,
// unless an interruption owns the socket's deadline.
func (c *Conn) refreshDeadline(set func(time.Time) error, timeout time.Duration) {
	c.intr.mu.Lock()
	if !c.intr.ownsDeadline {
		_ = set(time.Now().Add(timeout))
	}
	c.intr.mu.Unlock()
}
