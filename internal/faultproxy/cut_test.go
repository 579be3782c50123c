package faultproxy_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

func TestCutAfterDownstream(t *testing.T) {
	script := randomBytes(1000, 3)
	tests := []struct {
		n    int64
		kind faultproxy.CloseKind
	}{
		{10, faultproxy.Reset},
		{10, faultproxy.Fin},
		{10, faultproxy.HalfClose},
		{0, faultproxy.Reset},
		{999, faultproxy.Fin},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%s", tt.n, tt.kind), func(t *testing.T) {
			fromClient := make(chan result, 1)
			srv := startServer(t, onRequest(script, fromClient))
			cut := faultproxy.Cut{Side: faultproxy.ClientSide, Kind: tt.kind}
			p := newProxy(t, faultproxy.Config{
				Upstream: srv.addr(),
				OnAccept: func(l *faultproxy.Link) {
					_ = l.SetMode(faultproxy.Downstream, faultproxy.CutAfter(tt.n, cut))
				},
			})
			c, l := link(t, p, 0)
			mustWrite(t, c, []byte("?"))

			got, err := readToErr(c)
			if !bytes.Equal(got, script[:tt.n]) {
				t.Fatalf("client got %d bytes, want exactly the first %d", len(got), tt.n)
			}
			if endKind(err) != wantEnd(tt.kind) {
				t.Fatalf("client's read ended with %v, want %s", err, wantEnd(tt.kind))
			}
			<-l.CutHappened()
			if cuts := l.Cuts(); len(cuts) != 1 || cuts[0] != cut {
				t.Errorf("Cuts() = %v, want [%v]", cuts, cut)
			}

			// A half-close leaves the way to the server open; a reset or a
			// FIN on the client's side passes on to the server as a FIN.
			if tt.kind == faultproxy.HalfClose {
				mustWrite(t, c, []byte("still heard"))
				if err := c.CloseWrite(); err != nil {
					t.Fatal(err)
				}
				if r := receive(t, fromClient); string(r.data) != "still heard" || endKind(r.err) != "eof" {
					t.Errorf("server got %q, %v", r.data, r.err)
				}
				return
			}
			if r := receive(t, fromClient); len(r.data) != 0 || endKind(r.err) != "eof" {
				t.Errorf("server got %q, %v; want only a FIN", r.data, r.err)
			}
		})
	}
}

func TestCutAfterUpstream(t *testing.T) {
	sent := randomBytes(1000, 4)
	for _, kind := range []faultproxy.CloseKind{faultproxy.Reset, faultproxy.Fin, faultproxy.HalfClose} {
		t.Run(kind.String(), func(t *testing.T) {
			fromClient := make(chan result, 1)
			srv := startServer(t, collect(nil, fromClient))
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, l := link(t, p, 0)
			// Traffic before the mode is set does not count.
			mustWrite(t, c, []byte("before"))
			if err := l.WaitForwarded(ctxT(t), faultproxy.Upstream, 6); err != nil {
				t.Fatal(err)
			}
			cut := faultproxy.Cut{Side: faultproxy.ServerSide, Kind: kind}
			if err := p.SetMode(faultproxy.Upstream, faultproxy.CutAfter(25, cut)); err != nil {
				t.Fatal(err)
			}
			mustWrite(t, c, sent)

			r := receive(t, fromClient)
			if want := concat([]byte("before"), sent[:25]); !bytes.Equal(r.data, want) {
				t.Fatalf("server got %d bytes, want %d", len(r.data), len(want))
			}
			if endKind(r.err) != wantEnd(kind) {
				t.Fatalf("server's read ended with %v, want %s", r.err, wantEnd(kind))
			}
			if err := l.WaitForwarded(ctxT(t), faultproxy.Upstream, 31); err != nil {
				t.Fatal(err)
			}
			if n := l.ForwardedLen(faultproxy.Upstream); n != 31 {
				t.Errorf("ForwardedLen = %d, want 31", n)
			}
		})
	}
}

// Cuts on demand act at once on either side.
func TestLinkCut(t *testing.T) {
	tests := []struct {
		cut        faultproxy.Cut
		client     string // how the client's read ends
		server     string // how the server's read ends
		write      string // what the client writes after the cut
		serverData string // what of it the server reads
	}{
		{faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset}, "reset", "eof", "", ""},
		{faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Fin}, "eof", "eof", "dropped", ""},
		{faultproxy.Cut{Side: faultproxy.ServerSide, Kind: faultproxy.Reset}, "eof", "reset", "", ""},
		{faultproxy.Cut{Side: faultproxy.ServerSide, Kind: faultproxy.Fin}, "eof", "eof", "", ""},
		{faultproxy.Cut{Side: faultproxy.BothSides, Kind: faultproxy.Reset}, "reset", "reset", "", ""},
		{faultproxy.Cut{Side: faultproxy.BothSides, Kind: faultproxy.Fin}, "eof", "eof", "dropped", ""},
		{faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.HalfClose}, "eof", "eof", "after", "after"},
	}
	for _, tt := range tests {
		t.Run(tt.cut.String(), func(t *testing.T) {
			fromClient := make(chan result, 1)
			srv := startServer(t, collect([]byte("hello"), fromClient))
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			c, l := link(t, p, 0)
			mustWrite(t, c, []byte("before"))
			if got := readN(t, c, 5); string(got) != "hello" {
				t.Fatalf("got %q", got)
			}
			if err := l.WaitForwarded(ctxT(t), faultproxy.Upstream, 6); err != nil {
				t.Fatal(err)
			}

			if err := l.Cut(tt.cut); err != nil {
				t.Fatal(err)
			}
			got, err := readToErr(c)
			if len(got) != 0 || endKind(err) != tt.client {
				t.Errorf("client read %q, %v; want %s", got, err, tt.client)
			}
			if tt.write != "" {
				mustWrite(t, c, []byte(tt.write))
				if err := l.WaitRecorded(ctxT(t), faultproxy.Upstream, int64(6+len(tt.write))); err != nil {
					t.Fatal(err)
				}
			}
			_ = c.CloseWrite()
			r := receive(t, fromClient)
			if want := "before" + tt.serverData; string(r.data) != want || endKind(r.err) != tt.server {
				t.Errorf("server read %q, %v; want %q then %s", r.data, r.err, want, tt.server)
			}
			if err := l.Wait(ctxT(t)); err != nil {
				t.Errorf("link did not end: %v", err)
			}
		})
	}
}

func TestCutAll(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c0, _ := link(t, p, 0)
	c1, _ := link(t, p, 1)
	if err := p.CutAll(faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset}); err != nil {
		t.Fatal(err)
	}
	for i, c := range []nc{c0, c1} {
		if _, err := readToErr(c); endKind(err) != "reset" {
			t.Errorf("client %d: %v, want a reset", i, err)
		}
	}
}
