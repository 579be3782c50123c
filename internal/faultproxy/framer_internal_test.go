package faultproxy

import (
	"bytes"
	"testing"
)

func pkt(seq byte, payload string) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// feed runs b through f in pieces cut at the given offsets and returns the
// packets and raw runs it produced, in order.
func feed(f *framer, b []byte, cuts []int) (pkts, raws [][]byte) {
	prev := 0
	for _, c := range append(cuts, len(b)) {
		piece := b[prev:c]
		prev = c
		for len(piece) > 0 {
			var pk, raw []byte
			pk, raw, piece = f.next(piece)
			if pk != nil {
				pkts = append(pkts, pk)
			}
			if raw != nil {
				raws = append(raws, raw)
			}
		}
	}
	return pkts, raws
}

func TestFramerSplits(t *testing.T) {
	stream := bytes.Join([][]byte{pkt(0, "a"), pkt(1, ""), pkt(2, "three"), pkt(3, "")}, nil)
	tests := []struct {
		name string
		cuts []int
	}{
		{"whole", nil},
		{"inside a header", []int{2, 6, 7}},
		{"at every byte", []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18}},
		{"between packets", []int{5, 9, 18}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f framer
			pkts, raws := feed(&f, stream, tt.cuts)
			if len(raws) != 0 {
				t.Errorf("raw runs %q from a stream framed from its start", raws)
			}
			if got := bytes.Join(pkts, nil); !bytes.Equal(got, stream) || len(pkts) != 4 {
				t.Errorf("got %d packets %q", len(pkts), pkts)
			}
			if !f.atBoundary() || f.framing {
				t.Error("framer not at a boundary after whole packets")
			}
		})
	}
}

// A framer that joins inside a packet passes the rest raw and frames the next.
func TestFramerJoinsMidPacket(t *testing.T) {
	var f framer
	first := pkt(0, "skipped part")
	f.skip(first[:6])
	rest := append(first[6:], pkt(1, "next")...)
	pkts, raws := feed(&f, rest, nil)
	if len(raws) != 1 || !bytes.Equal(raws[0], first[6:]) {
		t.Errorf("raw %q, want %q", raws, first[6:])
	}
	if len(pkts) != 1 || !bytes.Equal(pkts[0], pkt(1, "next")) {
		t.Errorf("packets %q", pkts)
	}
}

// Whatever the bytes and the splits, the framer loses and invents nothing:
// packets, raw runs and what it holds add up to the input, in order, and
// each packet's header matches its length.
func FuzzFramer(f *testing.F) {
	f.Add([]byte("\x01\x00\x00\x00a\x00\x00\x00\x01"), uint8(3), uint8(0))
	f.Add(bytes.Repeat([]byte{2, 0, 0, 9, 'x', 'y'}, 5), uint8(1), uint8(4))
	f.Add([]byte{0xff, 0xff, 0xff, 0}, uint8(2), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, step, skip uint8) {
		var fr framer
		skip = min(skip, uint8(len(b)))
		fr.skip(b[:skip])
		var cuts []int
		if step > 0 {
			for c := int(skip) + int(step); c < len(b); c += int(step) {
				cuts = append(cuts, c-int(skip))
			}
		}
		in := b[skip:]
		var out []byte
		prev := 0
		for _, c := range append(cuts, len(in)) {
			piece := in[prev:c]
			prev = c
			for len(piece) > 0 {
				var pk, raw []byte
				pk, raw, piece = fr.next(piece)
				if pk != nil {
					if len(pk) < headerLen {
						t.Fatalf("packet of %d bytes", len(pk))
					}
					if n := int(pk[0]) | int(pk[1])<<8 | int(pk[2])<<16; n != len(pk)-headerLen {
						t.Fatalf("packet header says %d, payload has %d", n, len(pk)-headerLen)
					}
					if len(raw) != 0 {
						t.Fatal("a packet and a raw run at once")
					}
				}
				out = append(out, raw...)
				out = append(out, pk...)
			}
		}
		out = append(out, fr.take()...)
		if !bytes.Equal(out, in) {
			t.Fatalf("framer output %x, input %x", out, in)
		}
	})
}
