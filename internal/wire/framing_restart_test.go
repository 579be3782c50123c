package wire_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// step is one Read of a scriptedReader: data, then err.
type step struct {
	data []byte
	err  error
}

// scriptedReader returns its steps one Read at a time (a step's data may
// take several Reads if p is short). Like a socket past its read deadline,
// once a step has returned a timeout every Read returns it again until
// extend is called (the caller moving the deadline).
type scriptedReader struct {
	steps    []step
	timedOut error
}

func (r *scriptedReader) Read(p []byte) (int, error) {
	if r.timedOut != nil {
		return 0, r.timedOut
	}
	if len(r.steps) == 0 {
		return 0, os.ErrDeadlineExceeded
	}
	s := &r.steps[0]
	n := copy(p, s.data)
	s.data = s.data[n:]
	if len(s.data) > 0 {
		return n, nil
	}
	r.timedOut = s.err
	r.steps = r.steps[1:]
	return n, s.err
}

func (r *scriptedReader) extend() { r.timedOut = nil }

// TestReadPacketRestartable: a read that times out in the middle of a
// packet (in its header or its payload, with the timeout returned alone or
// with the last bytes) fails, and the retry returns the whole packet once
// the rest arrives, with the sequence advanced once; the next packet reads
// as usual.
func TestReadPacketRestartable(t *testing.T) {
	payload := bytes.Repeat([]byte("0123456789"), 30)
	pkt := append(header(len(payload), 3), payload...)
	next := append(header(2, 4), "ok"...)
	timeout := os.ErrDeadlineExceeded
	cases := []struct {
		name  string
		steps []step
	}{
		{"in the header", []step{{pkt[:2], nil}, {nil, timeout}, {pkt[2:], nil}}},
		{"in the header, with the error", []step{{pkt[:3], timeout}, {pkt[3:], nil}}},
		{"in the payload", []step{{pkt[:100], nil}, {nil, timeout}, {pkt[100:], nil}}},
		{"in the payload, with the error", []step{{pkt[:100], timeout}, {pkt[100:], nil}}},
		{"after the header", []step{{pkt[:4], timeout}, {pkt[4:], nil}}},
		{"one byte short", []step{{pkt[:len(pkt)-1], timeout}, {pkt[len(pkt)-1:], nil}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			steps := append(append([]step(nil), tc.steps...), step{next, nil})
			r := &scriptedReader{steps: steps}
			c := wire.NewConn(r, nil, 0)
			c.SetSequence(3)
			got, err := c.ReadPacket()
			if !errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("first ReadPacket = %d bytes, %v; want the timeout", len(got), err)
			}
			if c.Sequence() != 3 {
				t.Errorf("sequence %d after the failed read, want 3 (unchanged)", c.Sequence())
			}
			r.extend()
			got, err = c.ReadPacket()
			if err != nil || !bytes.Equal(got, payload) {
				t.Fatalf("retry = %d bytes, %v; want the whole %d-byte packet", len(got), err, len(payload))
			}
			if c.Sequence() != 4 {
				t.Errorf("sequence %d after the packet, want 4", c.Sequence())
			}
			got, err = c.ReadPacket()
			if err != nil || string(got) != "ok" {
				t.Fatalf("next packet = %q, %v", got, err)
			}
			if c.Buffered() != 0 {
				t.Errorf("%d bytes left buffered", c.Buffered())
			}
		})
	}
}
