package faultproxy_test

import (
	"bytes"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// A chunk rewrite changes the bytes forwarded, not the bytes recorded.
func TestRewriteChunks(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	if err := p.SetRewrite(faultproxy.Upstream, func(d faultproxy.Direction, b []byte) []byte {
		if d != faultproxy.Upstream {
			t.Errorf("hook called for %s", d)
		}
		return bytes.ToUpper(b)
	}); err != nil {
		t.Fatal(err)
	}
	c, l := link(t, p, 0)
	mustWrite(t, c, []byte("select 1"))
	if got := readN(t, c, 8); string(got) != "SELECT 1" {
		t.Fatalf("echo %q", got)
	}
	if got := l.Recorded(faultproxy.Upstream); string(got) != "select 1" {
		t.Errorf("recorded %q", got)
	}
	if err := l.WaitForwarded(ctxT(t), faultproxy.Upstream, 8); err != nil {
		t.Fatal(err)
	}
	if got := l.Forwarded(faultproxy.Upstream); string(got) != "SELECT 1" {
		t.Errorf("forwarded %q", got)
	}

	// The link's own hook wins; removing it restores the proxy's.
	if err := l.SetRewrite(faultproxy.Upstream, func(_ faultproxy.Direction, b []byte) []byte {
		return append(b, '!')
	}); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c, []byte("x"))
	if got := readN(t, c, 2); string(got) != "x!" {
		t.Fatalf("echo %q", got)
	}
	if err := l.SetRewrite(faultproxy.Upstream, nil); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c, []byte("y"))
	if got := readN(t, c, 1); string(got) != "Y" {
		t.Fatalf("echo %q", got)
	}
}

// In the Packets mode the hook gets whole packets and may change their length.
func TestRewritePackets(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	var log packetLog
	if err := p.SetMode(faultproxy.Upstream, log.mode()); err != nil {
		t.Fatal(err)
	}
	var (
		mu     sync.Mutex
		hooked [][]byte
	)
	if err := p.SetRewrite(faultproxy.Upstream, func(_ faultproxy.Direction, b []byte) []byte {
		mu.Lock()
		hooked = append(hooked, bytes.Clone(b))
		mu.Unlock()
		if string(b[4:]) == "SELECT 1" {
			return packet(b[3], "SELECT 22")
		}
		return b
	}); err != nil {
		t.Fatal(err)
	}
	c, l := link(t, p, 0)
	in := concat(packet(0, "SELECT 1"), packet(1, "other"))
	// Sent a byte at a time, so a per-chunk hook would see single bytes.
	for i := range in {
		mustWrite(t, c, in[i:i+1])
		if err := l.WaitRecorded(ctxT(t), faultproxy.Upstream, int64(i+1)); err != nil {
			t.Fatal(err)
		}
	}
	want := concat(packet(0, "SELECT 22"), packet(1, "other"))
	if got := readN(t, c, len(want)); !bytes.Equal(got, want) {
		t.Fatalf("echo %q, want %q", got, want)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(hooked) != 2 || !bytes.Equal(hooked[0], packet(0, "SELECT 1")) || !bytes.Equal(hooked[1], packet(1, "other")) {
		t.Errorf("hook saw %q, want the two whole packets", hooked)
	}
}
