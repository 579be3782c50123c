package faultproxy_test

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// Close with links in every state returns promptly, ends every link and
// leaves no goroutine behind.
func TestCloseWithActiveLinks(t *testing.T) {
	srv := startServer(t, echo)
	p, err := faultproxy.New(context.Background(), faultproxy.Config{Upstream: srv.addr()})
	if err != nil {
		t.Fatal(err)
	}
	modes := []faultproxy.Mode{
		faultproxy.Pass(),
		faultproxy.Delay(time.Hour),
		faultproxy.Blackhole(),
		faultproxy.Stall(),
		faultproxy.Packets(func(faultproxy.Direction, byte, []byte) faultproxy.Action { return faultproxy.ForwardPacket() }),
		faultproxy.CutAfter(1<<40, faultproxy.Cut{Side: faultproxy.BothSides, Kind: faultproxy.Reset}),
	}
	var clients []net.Conn
	var links []*faultproxy.Link
	for i, m := range modes {
		c, err := net.Dial("tcp", p.Addr())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		l, err := p.WaitLink(ctxT(t), i)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.SetMode(faultproxy.Upstream, m); err != nil {
			t.Fatal(err)
		}
		// A partial packet, or data held or in flight, depending on the mode.
		mustWrite(t, c, []byte{200, 0, 0, 0, 'x'})
		clients = append(clients, c)
		links = append(links, l)
	}
	// One client keeps sending while the proxy closes.
	flood := make(chan error, 1)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			if _, err := clients[0].Write(buf); err != nil {
				flood <- err
				return
			}
		}
	}()
	if err := links[0].WaitForwarded(ctxT(t), faultproxy.Upstream, 1<<20); err != nil {
		t.Fatal(err)
	}

	start := time.Now()
	if err := p.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Close took %v", took)
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	for i, l := range links {
		select {
		case <-l.Done():
		default:
			t.Errorf("link %d not done after Close", i)
		}
		if err := l.WaitForwarded(ctxT(t), faultproxy.Upstream, 1<<50); !errors.Is(err, faultproxy.ErrClosed) {
			t.Errorf("link %d: WaitForwarded after Close = %v, want ErrClosed", i, err)
		}
	}
	for i, c := range clients[1:] {
		if _, err := readToErr(c); endKind(err) == "timeout" {
			t.Errorf("client %d still open after Close", i+1)
		}
	}
	if err := <-flood; err == nil {
		t.Error("the flooding client never failed")
	}
	if _, err := p.WaitLink(ctxT(t), len(modes)); !errors.Is(err, faultproxy.ErrClosed) {
		t.Errorf("WaitLink after Close = %v, want ErrClosed", err)
	}
	if _, err := net.Dial("tcp", p.Addr()); err == nil {
		t.Error("the proxy still accepts after Close")
	}
	for _, c := range clients {
		_ = c.Close()
	}
	srv.close()
	goleak.VerifyNone(t)
}

// A link can be closed on its own; the others go on.
func TestLinkClose(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c0, l0 := link(t, p, 0)
	c1, _ := link(t, p, 1)
	if err := l0.Close(ctxT(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := readToErr(c0); endKind(err) != "eof" {
		t.Errorf("closed link's client: %v, want EOF", err)
	}
	mustWrite(t, c1, []byte("alive"))
	if got := readN(t, c1, 5); string(got) != "alive" {
		t.Errorf("other link echoed %q", got)
	}
}

// A failed dial resets the client and is reported; no link is made.
func TestDialFailure(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	_ = ln.Close()
	p := newProxy(t, faultproxy.Config{Upstream: dead})
	// The reset may come before the client's connect returns.
	c, err := net.Dial("tcp", p.Addr())
	if err == nil {
		defer c.Close()
		_, err = readToErr(c)
	}
	if endKind(err) != "reset" {
		t.Errorf("client: %v, want a reset", err)
	}
	if errs := p.DialErrors(); len(errs) != 1 {
		t.Errorf("DialErrors() = %v, want one", errs)
	}
	if n := len(p.Links()); n != 0 {
		t.Errorf("%d links made", n)
	}
}

func TestWaitCancelled(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.WaitLink(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitLink = %v, want context.Canceled", err)
	}
	_, l := link(t, p, 0)
	if err := l.WaitRecorded(ctx, faultproxy.Upstream, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("WaitRecorded = %v, want context.Canceled", err)
	}
	if err := l.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}
}

func TestInvalidArguments(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	_, l := link(t, p, 0)
	bad := faultproxy.Direction(3)
	ctx := ctxT(t)
	calls := []struct {
		name string
		err  error
	}{
		{"New without upstream", newErr(faultproxy.Config{})},
		{"New with negative dial timeout", newErr(faultproxy.Config{Upstream: srv.addr(), DialTimeout: -1})},
		{"Proxy.SetMode direction", p.SetMode(bad, faultproxy.Pass())},
		{"Proxy.SetMode delay", p.SetMode(faultproxy.Upstream, faultproxy.Delay(-time.Second))},
		{"Proxy.SetMode count", p.SetMode(faultproxy.Upstream, faultproxy.CutAfter(-1, faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset}))},
		{"Proxy.SetMode cut", p.SetMode(faultproxy.Upstream, faultproxy.CutAfter(1, faultproxy.Cut{}))},
		{"Proxy.SetMode predicate", p.SetMode(faultproxy.Upstream, faultproxy.Packets(nil))},
		{"Proxy.SetRewrite", p.SetRewrite(bad, nil)},
		{"Proxy.CutAll", p.CutAll(faultproxy.Cut{Side: faultproxy.ClientSide})},
		{"Proxy.WaitLink", waitLinkErr(ctx, p, -1)},
		{"Link.SetMode", l.SetMode(0, faultproxy.Pass())},
		{"Link.ClearMode", l.ClearMode(bad)},
		{"Link.SetRewrite", l.SetRewrite(bad, nil)},
		{"Link.Cut side", l.Cut(faultproxy.Cut{Side: 4, Kind: faultproxy.Reset})},
		{"Link.Cut kind", l.Cut(faultproxy.Cut{Side: faultproxy.ServerSide, Kind: 9})},
		{"Link.WaitRecorded", l.WaitRecorded(ctx, bad, 1)},
		{"Link.WaitForwarded", l.WaitForwarded(ctx, bad, 1)},
	}
	for _, c := range calls {
		if !errors.Is(c.err, faultproxy.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", c.name, c.err)
		}
	}
	if l.Recorded(bad) != nil || l.Forwarded(bad) != nil || l.RecordedLen(bad) != 0 || l.ForwardedLen(bad) != 0 {
		t.Error("recordings of an invalid direction are not empty")
	}
	if len(l.Cuts()) != 0 {
		t.Errorf("invalid cuts were carried out: %v", l.Cuts())
	}
}

func newErr(cfg faultproxy.Config) error {
	p, err := faultproxy.New(context.Background(), cfg)
	if err == nil {
		_ = p.Close()
	}
	return err
}

func waitLinkErr(ctx context.Context, p *faultproxy.Proxy, id int) error {
	_, err := p.WaitLink(ctx, id)
	return err
}
