package fakeserver

import (
	"net"
	"sync"
	"testing"
)

// Handler scripts one client connection. Its error, if any and unless it is
// caused by the client closing, fails the test.
type Handler func(c *Conn) error

// Server listens on 127.0.0.1 and runs a Handler per connection.
type Server struct {
	t       testing.TB
	ln      net.Listener
	handler Handler

	mu     sync.Mutex
	conns  []*Conn
	closed bool
	wg     sync.WaitGroup
	accept chan *Conn
}

// Start starts a server and registers its Close with t.Cleanup.
func Start(t testing.TB, h Handler) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("fakeserver: %v", err)
	}
	s := &Server{t: t, ln: ln, handler: h, accept: make(chan *Conn, 64)}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(s.Close)
	return s
}

// Addr returns the server's address (127.0.0.1:port).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Accepted delivers each connection as it is accepted (buffered; extra ones are dropped).
func (s *Server) Accepted() <-chan *Conn { return s.accept }

// Conns returns the connections accepted so far.
func (s *Server) Conns() []*Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*Conn(nil), s.conns...)
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		c := newConn(nc)
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = nc.Close()
			return
		}
		s.conns = append(s.conns, c)
		s.wg.Add(1)
		s.mu.Unlock()
		select {
		case s.accept <- c:
		default:
		}
		go s.run(c)
	}
}

func (s *Server) run(c *Conn) {
	defer s.wg.Done()
	defer close(c.done)
	err := s.handler(c)
	c.finish()
	if err != nil && !c.clientGone(err) {
		s.t.Errorf("fakeserver handler: %v", err)
	}
}

// Close stops accepting, closes every connection and waits for the handlers.
func (s *Server) Close() {
	s.mu.Lock()
	already := s.closed
	s.closed = true
	conns := append([]*Conn(nil), s.conns...)
	s.mu.Unlock()
	if already {
		return
	}
	_ = s.ln.Close()
	for _, c := range conns {
		_ = c.raw.Close() // raw, not nc: the handler may be switching nc to TLS
	}
	s.wg.Wait()
}
