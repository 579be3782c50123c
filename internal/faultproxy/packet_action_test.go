package faultproxy_test

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// echoRecord echoes like echo and reports all it read on out, with the
// first error of a read or a write (a reset is reported only once).
func echoRecord(out chan<- result) func(net.Conn) {
	return func(c net.Conn) {
		var got []byte
		buf := make([]byte, 4096)
		for {
			n, err := c.Read(buf)
			got = append(got, buf[:n]...)
			if n > 0 && err == nil {
				_, err = c.Write(buf[:n])
			}
			if err != nil {
				out <- result{got, err}
				return
			}
		}
	}
}

func TestPacketActions(t *testing.T) {
	pkts := [][]byte{packet(0, "BEGIN"), packet(0, "INSERT"), packet(0, "COMMIT")}
	on := func(payload string, a faultproxy.Action) func(faultproxy.Direction, byte, string) faultproxy.Action {
		return func(_ faultproxy.Direction, _ byte, p string) faultproxy.Action {
			if p == payload {
				return a
			}
			return faultproxy.ForwardPacket()
		}
	}
	client := faultproxy.ClientSide
	server := faultproxy.ServerSide
	tests := []struct {
		name       string
		decide     func(faultproxy.Direction, byte, string) faultproxy.Action
		at         int    // the packet the action applies to
		client     string // how the client's read ends on that packet
		serverGot  int    // packets the server reads
		serverEnds string
	}{
		{"forward then reset client", on("COMMIT", faultproxy.ForwardThen(faultproxy.Cut{Side: client, Kind: faultproxy.Reset})), 2, "reset", 3, "eof"},
		{"forward then fin client", on("COMMIT", faultproxy.ForwardThen(faultproxy.Cut{Side: client, Kind: faultproxy.Fin})), 2, "eof", 3, "eof"},
		{"forward then reset both", on("INSERT", faultproxy.ForwardThen(faultproxy.Cut{Side: faultproxy.BothSides, Kind: faultproxy.Reset})), 1, "reset", 2, "reset"},
		{"cut before, reset server", on("COMMIT", faultproxy.CutInstead(faultproxy.Cut{Side: server, Kind: faultproxy.Reset})), 2, "eof", 2, "reset"},
		{"cut before, fin server", on("INSERT", faultproxy.CutInstead(faultproxy.Cut{Side: server, Kind: faultproxy.Fin})), 1, "eof", 1, "eof"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fromClient := make(chan result, 1)
			srv := startServer(t, echoRecord(fromClient))
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			log := packetLog{decide: tt.decide}
			if err := p.SetMode(faultproxy.Upstream, log.mode()); err != nil {
				t.Fatal(err)
			}
			c, l := link(t, p, 0)
			for _, pk := range pkts[:tt.at] {
				mustWrite(t, c, pk)
				readN(t, c, len(pk))
			}
			mustWrite(t, c, pkts[tt.at])
			got, err := readToErr(c)
			if len(got) != 0 || endKind(err) != tt.client {
				t.Errorf("client read %q, %v; want nothing, then %s", got, err, tt.client)
			}
			_ = c.Close()
			r := receive(t, fromClient)
			if want := concat(pkts[:tt.serverGot]...); !bytes.Equal(r.data, want) || endKind(r.err) != tt.serverEnds {
				t.Errorf("server read %q, %v; want %q, then %s", r.data, r.err, want, tt.serverEnds)
			}
			if len(l.Cuts()) != 1 {
				t.Errorf("Cuts() = %v, want one", l.Cuts())
			}
		})
	}
}

func TestPacketDrop(t *testing.T) {
	fromClient := make(chan result, 1)
	srv := startServer(t, collect(nil, fromClient))
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	log := packetLog{decide: func(_ faultproxy.Direction, seq byte, _ string) faultproxy.Action {
		if seq == 1 {
			return faultproxy.DropPacket()
		}
		return faultproxy.ForwardPacket()
	}}
	if err := p.SetMode(faultproxy.Upstream, log.mode()); err != nil {
		t.Fatal(err)
	}
	c, l := link(t, p, 0)
	a, b, cc := packet(0, "kept"), packet(1, "dropped"), packet(2, "kept too")
	mustWrite(t, c, concat(a, b, cc))
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if r := receive(t, fromClient); !bytes.Equal(r.data, concat(a, cc)) || endKind(r.err) != "eof" {
		t.Errorf("server read %q, %v", r.data, r.err)
	}
	if got := l.Recorded(faultproxy.Upstream); !bytes.Equal(got, concat(a, b, cc)) {
		t.Errorf("recorded %q", got)
	}
}

// A downstream predicate cuts the client off after the server's second packet.
func TestPacketDownstreamCut(t *testing.T) {
	script := concat(packet(0, "greeting"), packet(2, "ok"), packet(3, "never seen"))
	srv := startServer(t, onRequest(script, make(chan result, 1)))
	log := packetLog{decide: func(_ faultproxy.Direction, seq byte, _ string) faultproxy.Action {
		if seq == 2 {
			return faultproxy.ForwardThen(faultproxy.Cut{Side: faultproxy.ClientSide, Kind: faultproxy.Reset})
		}
		return faultproxy.ForwardPacket()
	}}
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	if err := p.SetMode(faultproxy.Downstream, log.mode()); err != nil {
		t.Fatal(err)
	}
	c, l := link(t, p, 0)
	mustWrite(t, c, []byte("?"))
	got, err := readToErr(c)
	if want := concat(packet(0, "greeting"), packet(2, "ok")); !bytes.Equal(got, want) || endKind(err) != "reset" {
		t.Fatalf("client read %q, %v; want %q, then a reset", got, err, want)
	}
	<-l.CutHappened()
}

// An invalid Action resets both sides and is reported by Err.
func TestPacketInvalidAction(t *testing.T) {
	for _, a := range []faultproxy.Action{
		{Verdict: 99},
		{Verdict: faultproxy.CutBefore},
		{Verdict: faultproxy.ForwardThenCut, Cut: faultproxy.Cut{Side: 8, Kind: faultproxy.Fin}},
	} {
		t.Run(fmt.Sprint(a.Verdict), func(t *testing.T) {
			srv := startServer(t, echo)
			p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
			log := packetLog{decide: func(faultproxy.Direction, byte, string) faultproxy.Action { return a }}
			if err := p.SetMode(faultproxy.Upstream, log.mode()); err != nil {
				t.Fatal(err)
			}
			c, l := link(t, p, 0)
			mustWrite(t, c, packet(0, "x"))
			if _, err := readToErr(c); endKind(err) != "reset" {
				t.Errorf("client: %v, want a reset", err)
			}
			if err := l.Wait(ctxT(t)); err != nil {
				t.Fatal(err)
			}
			if !errors.Is(l.Err(), faultproxy.ErrInvalid) {
				t.Errorf("Err() = %v, want ErrInvalid", l.Err())
			}
		})
	}
}
