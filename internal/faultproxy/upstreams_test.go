package faultproxy_test

import (
	"context"
	"errors"
	"io"
	"net"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// greeter returns a handler that writes name and then holds the connection
// until the client closes it.
func greeter(name byte) func(net.Conn) {
	return func(c net.Conn) {
		_, _ = c.Write([]byte{name})
		_, _ = io.Copy(io.Discard, c)
	}
}

// Each new connection goes to the next upstream, round the list; a dial
// that fails still takes its turn.
func TestUpstreamsRoundRobin(t *testing.T) {
	a := startServer(t, greeter('A'))
	b := startServer(t, greeter('B'))
	// A port nobody listens on: its turn fails.
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadAddr := dead.Addr().String()
	dead.Close()

	p := newProxy(t, faultproxy.Config{Upstreams: []string{a.addr(), b.addr(), deadAddr}})
	want := []byte("ABAB")
	for i, name := range want {
		if i == 2 {
			// The third connection is the dead upstream's turn.
			// The proxy resets the client's connection when its dial
			// fails; the reset may even reach the client's connect.
			if c, err := net.Dial("tcp", p.Addr()); err == nil {
				if _, err := readToErr(c); err == nil {
					t.Error("the dead upstream's turn read no error")
				}
				c.Close()
			}
		}
		id := i
		c, l := link(t, p, id)
		got := readN(t, c, 1)
		if got[0] != name {
			t.Errorf("connection %d reached server %c, want %c", i, got[0], name)
		}
		wantAddr := a.addr()
		if name == 'B' {
			wantAddr = b.addr()
		}
		if l.Upstream() != wantAddr {
			t.Errorf("link %d: Upstream() = %s, want %s", l.ID(), l.Upstream(), wantAddr)
		}
	}
	if n := len(p.DialErrors()); n != 1 {
		t.Errorf("%d dial errors, want 1 (the dead upstream's turn)", n)
	}
}

func TestUpstreamsInvalid(t *testing.T) {
	for _, cfg := range []faultproxy.Config{
		{},
		{Upstreams: []string{}},
		{Upstreams: []string{"127.0.0.1:1", ""}},
		{Upstream: "127.0.0.1:1", Upstreams: []string{"127.0.0.1:2"}},
	} {
		if p, err := faultproxy.New(context.Background(), cfg); !errors.Is(err, faultproxy.ErrInvalid) {
			if p != nil {
				p.Close()
			}
			t.Errorf("New(%+v) = %v, want ErrInvalid", cfg, err)
		}
	}
}
