package faultproxy_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// nc is the server side of a test connection.
type nc = net.Conn

// waitLimit bounds every wait in these tests; nothing should come near it.
const waitLimit = 10 * time.Second

// quiet is how long a read waits to show that nothing arrives.
const quiet = 150 * time.Millisecond

// server is a loopback TCP server running a handler per connection; its
// goroutines are owned by it and awaited by close.
type server struct {
	ln net.Listener
	wg sync.WaitGroup

	mu     sync.Mutex
	conns  []net.Conn
	closed bool
}

func startServer(t *testing.T, h func(net.Conn)) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{ln: ln}
	s.wg.Add(1)
	go s.serve(h)
	t.Cleanup(s.close)
	return s
}

func (s *server) addr() string { return s.ln.Addr().String() }

func (s *server) serve(h func(net.Conn)) {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.conns = append(s.conns, c)
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			defer c.Close()
			h(c)
		}()
	}
}

func (s *server) close() {
	s.mu.Lock()
	s.closed = true
	conns := s.conns
	s.mu.Unlock()
	_ = s.ln.Close()
	for _, c := range conns {
		_ = c.Close()
	}
	s.wg.Wait()
}

// echo writes back what it reads and passes a FIN on.
func echo(c net.Conn) {
	_, _ = io.Copy(c, c)
	_ = c.(*net.TCPConn).CloseWrite()
	_, _ = io.Copy(io.Discard, c)
}

// result is what a server connection read before its read failed.
type result struct {
	data []byte
	err  error
}

// collect returns a handler that first writes script, then reads until an
// error and reports what it read on out.
func collect(script []byte, out chan<- result) func(net.Conn) {
	return func(c net.Conn) {
		if len(script) > 0 {
			if _, err := c.Write(script); err != nil {
				out <- result{err: err}
				return
			}
		}
		data, err := readToErr(c)
		out <- result{data, err}
	}
}

// onRequest returns a handler that waits for the client's request (one
// byte), writes script, then reads until an error and reports what it read
// after the request on out. Waiting lets the client's connect complete
// before any cut the script triggers.
func onRequest(script []byte, out chan<- result) func(net.Conn) {
	return func(c net.Conn) {
		var req [1]byte
		if _, err := io.ReadFull(c, req[:]); err != nil {
			out <- result{err: err}
			return
		}
		collect(script, out)(c)
	}
}

// readToErr reads until an error other than a timeout, or waitLimit passes.
func readToErr(c net.Conn) ([]byte, error) {
	_ = c.SetReadDeadline(time.Now().Add(waitLimit))
	var got []byte
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil {
			return got, err
		}
	}
}

// receive waits for a server result.
func receive(t *testing.T, ch <-chan result) result {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(waitLimit):
		t.Fatal("no result from the server")
		return result{}
	}
}

// newProxy starts a proxy to upstream and closes it at cleanup, before the
// server's cleanup runs.
func newProxy(t *testing.T, cfg faultproxy.Config) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

// link dials the proxy and waits for the link it makes.
func link(t *testing.T, p *faultproxy.Proxy, id int) (*net.TCPConn, *faultproxy.Link) {
	t.Helper()
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	l, err := p.WaitLink(ctxT(t), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.(*net.TCPConn), l
}

// ctxT is a context bounded by waitLimit and the test.
func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), waitLimit)
	t.Cleanup(cancel)
	return ctx
}

func mustWrite(t *testing.T, c net.Conn, b []byte) {
	t.Helper()
	if _, err := c.Write(b); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// readN reads exactly n bytes.
func readN(t *testing.T, c net.Conn, n int) []byte {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(waitLimit))
	b := make([]byte, n)
	if _, err := io.ReadFull(c, b); err != nil {
		t.Fatalf("read %d bytes: %v", n, err)
	}
	return b
}

// expectSilence checks that nothing arrives on c for a while, and that the
// socket is still open.
func expectSilence(t *testing.T, c net.Conn) {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(quiet))
	var b [1]byte
	n, err := c.Read(b[:])
	if n != 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("read got %d bytes and %v, want a timeout", n, err)
	}
}

// endKind classifies how a stream ended.
func endKind(err error) string {
	switch {
	case errors.Is(err, io.EOF):
		return "eof"
	case errors.Is(err, syscall.ECONNRESET):
		return "reset"
	case errors.Is(err, os.ErrDeadlineExceeded):
		return "timeout"
	case err == nil:
		return "none"
	}
	return "other: " + err.Error()
}

// wantEnd maps the close kind a peer sees to endKind's name.
func wantEnd(k faultproxy.CloseKind) string {
	if k == faultproxy.Reset {
		return "reset"
	}
	return "eof"
}

// packet builds a MySQL packet.
func packet(seq byte, payload string) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

func concat(bs ...[]byte) []byte {
	var out []byte
	for _, b := range bs {
		out = append(out, b...)
	}
	return out
}
