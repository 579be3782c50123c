package faultproxy_test

import (
	"bytes"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// Blackhole discards: the socket stays open, writes succeed, nothing comes
// back, and after Pass only new bytes flow.
func TestBlackhole(t *testing.T) {
	for _, d := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
		t.Run(d.String(), func(t *testing.T) {
			srv := startServer(t, echo)
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, l := link(t, p, 0)
			if err := p.SetMode(d, faultproxy.Blackhole()); err != nil {
				t.Fatal(err)
			}

			mustWrite(t, c, []byte("lost"))
			// The proxy has read the bytes in d (and discarded them).
			if err := l.WaitRecorded(ctxT(t), d, 4); err != nil {
				t.Fatal(err)
			}
			expectSilence(t, c)
			mustWrite(t, c, []byte("-still-open"))
			if err := l.WaitRecorded(ctxT(t), d, 15); err != nil {
				t.Fatal(err)
			}
			expectSilence(t, c)

			if err := p.SetMode(d, faultproxy.Pass()); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, c, []byte("found"))
			if got := readN(t, c, 5); string(got) != "found" {
				t.Fatalf("after Pass got %q, want %q", got, "found")
			}
			// The count follows the write the peer may already have seen.
			if err := l.WaitForwarded(ctxT(t), d, 5); err != nil {
				t.Fatal(err)
			}
			if got := l.Recorded(d); string(got) != "lost-still-openfound" {
				t.Errorf("recorded %q", got)
			}
			if got := l.Forwarded(d); string(got) != "found" {
				t.Errorf("forwarded %q", got)
			}
		})
	}
}

// Stall holds: nothing comes back while it lasts, and nothing is lost.
func TestStall(t *testing.T) {
	for _, d := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
		t.Run(d.String(), func(t *testing.T) {
			srv := startServer(t, echo)
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, l := link(t, p, 0)
			if err := l.SetMode(d, faultproxy.Stall()); err != nil {
				t.Fatal(err)
			}

			mustWrite(t, c, []byte("held"))
			expectSilence(t, c)
			mustWrite(t, c, []byte("-more"))
			expectSilence(t, c)
			if n := l.ForwardedLen(d); n != 0 {
				t.Fatalf("%d bytes forwarded during the stall", n)
			}

			if err := l.SetMode(d, faultproxy.Pass()); err != nil {
				t.Fatal(err)
			}
			if got := readN(t, c, 9); string(got) != "held-more" {
				t.Fatalf("after Pass got %q", got)
			}
		})
	}
}

// A link's own mode beats the proxy's; ClearMode restores the proxy's.
func TestLinkModeOverridesProxy(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c0, _ := link(t, p, 0)
	c1, l1 := link(t, p, 1)
	if err := p.SetMode(faultproxy.Upstream, faultproxy.Blackhole()); err != nil {
		t.Fatal(err)
	}
	if err := l1.SetMode(faultproxy.Upstream, faultproxy.Pass()); err != nil {
		t.Fatal(err)
	}

	mustWrite(t, c0, []byte("zero"))
	mustWrite(t, c1, []byte("one"))
	if got := readN(t, c1, 3); string(got) != "one" {
		t.Fatalf("link 1 got %q", got)
	}
	expectSilence(t, c0)

	if err := l1.ClearMode(faultproxy.Upstream); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c1, []byte("gone"))
	if err := l1.WaitRecorded(ctxT(t), faultproxy.Upstream, 7); err != nil {
		t.Fatal(err)
	}
	expectSilence(t, c1)
	if err := l1.WaitForwarded(ctxT(t), faultproxy.Upstream, 3); err != nil {
		t.Fatal(err)
	}
	if got := l1.Forwarded(faultproxy.Upstream); !bytes.Equal(got, []byte("one")) {
		t.Errorf("link 1 forwarded %q, want %q", got, "one")
	}
}

// OnAccept sets a link's mode before its first byte: the server's greeting,
// sent at once, never reaches the client.
func TestOnAcceptBeforeFirstByte(t *testing.T) {
	got := make(chan result, 1)
	srv := startServer(t, collect([]byte("greeting"), got))
	p := newProxy(t, faultproxy.Config{
		Upstream: srv.addr(),
		OnAccept: func(l *faultproxy.Link) {
			_ = l.SetMode(faultproxy.Downstream, faultproxy.Blackhole())
		},
	})
	c, l := link(t, p, 0)
	if err := l.WaitRecorded(ctxT(t), faultproxy.Downstream, 8); err != nil {
		t.Fatal(err)
	}
	expectSilence(t, c)
	if n := l.ForwardedLen(faultproxy.Downstream); n != 0 {
		t.Fatalf("%d bytes of the greeting forwarded", n)
	}
}
