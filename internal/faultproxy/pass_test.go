package faultproxy_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestPassThroughEcho(t *testing.T) {
	for _, size := range []int{1, 1000, 1 << 20} {
		t.Run("", func(t *testing.T) {
			srv := startServer(t, echo)
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, l := link(t, p, 0)
			data := randomBytes(size, uint64(size))

			werr := make(chan error, 1)
			go func() {
				_, err := c.Write(data)
				werr <- err
			}()
			got := readN(t, c, size)
			if err := <-werr; err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Fatal("echo through the proxy differs from what was sent")
			}
			for _, d := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
				// The count follows the write the peer may already have seen.
				if err := l.WaitForwarded(ctxT(t), d, int64(size)); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(l.Recorded(d), data) || !bytes.Equal(l.Forwarded(d), data) {
					t.Errorf("%s: recorded %d and forwarded %d bytes, want the %d sent",
						d, len(l.Recorded(d)), len(l.Forwarded(d)), size)
				}
				if l.RecordedLen(d) != int64(size) || l.ForwardedLen(d) != int64(size) {
					t.Errorf("%s: counts %d/%d, want %d", d, l.RecordedLen(d), l.ForwardedLen(d), size)
				}
			}
		})
	}
}

// A FIN from the client reaches the server and the server's FIN comes back,
// after which the link ends.
func TestPassThroughHalfClose(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, l := link(t, p, 0)
	mustWrite(t, c, []byte("last words"))
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	got, err := readToErr(c)
	if string(got) != "last words" || endKind(err) != "eof" {
		t.Fatalf("got %q, %v; want the echo then EOF", got, err)
	}
	if err := l.Wait(ctxT(t)); err != nil {
		t.Fatalf("link did not end: %v", err)
	}
}

// What the server sends arrives byte-exact, and its FIN follows.
func TestPassThroughServerScript(t *testing.T) {
	script := randomBytes(100_000, 7)
	srv := startServer(t, func(c nc) {
		_, _ = c.Write(script)
	})
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, _ := link(t, p, 0)
	got, err := readToErr(c)
	if !bytes.Equal(got, script) || err != io.EOF {
		t.Fatalf("got %d bytes and %v, want the %d-byte script then EOF", len(got), err, len(script))
	}
}
