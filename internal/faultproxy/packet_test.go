package faultproxy_test

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// seen is one packet as a PacketFunc saw it.
type seen struct {
	seq     byte
	payload string
}

// packetLog records the packets a PacketFunc sees, per direction, and
// answers with decide (nil: forward).
type packetLog struct {
	decide func(faultproxy.Direction, byte, string) faultproxy.Action
	mu     sync.Mutex
	seen   map[faultproxy.Direction][]seen
}

func (pl *packetLog) mode() faultproxy.Mode {
	return faultproxy.Packets(func(d faultproxy.Direction, seq byte, payload []byte) faultproxy.Action {
		pl.mu.Lock()
		if pl.seen == nil {
			pl.seen = map[faultproxy.Direction][]seen{}
		}
		pl.seen[d] = append(pl.seen[d], seen{seq, string(payload)})
		pl.mu.Unlock()
		if pl.decide == nil {
			return faultproxy.ForwardPacket()
		}
		return pl.decide(d, seq, string(payload))
	})
}

func (pl *packetLog) get(d faultproxy.Direction) []seen {
	pl.mu.Lock()
	defer pl.mu.Unlock()
	return slices.Clone(pl.seen[d])
}

// Packets are framed whole whether they arrive a byte at a time, several in
// one read, or larger than one read, and pass unchanged.
func TestPacketFraming(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, l := link(t, p, 0)
	var log packetLog
	for _, d := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
		if err := p.SetMode(d, log.mode()); err != nil {
			t.Fatal(err)
		}
	}
	big := strings.Repeat("0123456789abcdef", 200_000/16)
	want := []seen{
		{0, "SELECT 1"}, {1, ""}, {2, "two in one write"}, {3, big}, {4, "header split"}, {5, "across writes"},
	}
	var stream []byte
	for _, s := range want {
		stream = append(stream, packet(s.seq, s.payload)...)
	}
	a := len(packet(0, "SELECT 1"))
	bc := a + len(packet(1, "")) + len(packet(2, "two in one write"))
	d := bc + len(packet(3, big))
	e := d + len(packet(4, "header split"))
	// Each write is read by the proxy before the next is made, so reads
	// split exactly where the writes do.
	var writes [][]byte
	for i := range a {
		writes = append(writes, stream[i:i+1])
	}
	writes = append(writes, stream[a:bc], stream[bc:d], stream[d:d+2], stream[d+2:e+1], stream[e+1:])
	var sent int64
	for _, w := range writes {
		mustWrite(t, c, w)
		sent += int64(len(w))
		if err := l.WaitRecorded(ctxT(t), faultproxy.Upstream, sent); err != nil {
			t.Fatal(err)
		}
	}

	if got := readN(t, c, len(stream)); !bytes.Equal(got, stream) {
		t.Fatal("the echoed stream differs from what was sent")
	}
	for _, dir := range []faultproxy.Direction{faultproxy.Upstream, faultproxy.Downstream} {
		if got := log.get(dir); !slices.Equal(got, want) {
			t.Errorf("%s: framed %d packets, want %d: %.80v", dir, len(got), len(want), got)
		}
	}
}

// Framing starts at the next packet when the mode starts mid-packet, and a
// partly framed packet goes on as plain bytes when the mode ends.
func TestPacketModeSwitch(t *testing.T) {
	srv := startServer(t, echo)
	p := newProxy(t, faultproxy.Config{Upstream: srv.addr()})
	c, l := link(t, p, 0)
	var log packetLog

	first, second := packet(0, "joined mid-packet"), packet(1, "framed")
	mustWrite(t, c, first[:7])
	readN(t, c, 7)
	if err := l.SetMode(faultproxy.Upstream, log.mode()); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c, concat(first[7:], second))
	if got := readN(t, c, len(first)-7+len(second)); !bytes.Equal(got, concat(first[7:], second)) {
		t.Fatalf("got %q", got)
	}
	if got := log.get(faultproxy.Upstream); !slices.Equal(got, []seen{{1, "framed"}}) {
		t.Fatalf("framed %v, want only the second packet", got)
	}

	third := packet(2, "left half-framed")
	mustWrite(t, c, third[:9])
	if err := l.WaitRecorded(ctxT(t), faultproxy.Upstream, int64(len(first)+len(second)+9)); err != nil {
		t.Fatal(err)
	}
	expectSilence(t, c) // the start of the packet waits for its end
	if err := l.SetMode(faultproxy.Upstream, faultproxy.Pass()); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, c, third[9:])
	if got := readN(t, c, len(third)); !bytes.Equal(got, third) {
		t.Fatalf("got %q, want %q", got, third)
	}
	if got := log.get(faultproxy.Upstream); len(got) != 1 {
		t.Fatalf("framed %v after the mode ended", got)
	}
}
