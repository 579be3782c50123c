package wire_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// recordingWriter records each Write call's slice (without copying).
type recordingWriter struct {
	writes [][]byte
	total  int
}

func (w *recordingWriter) Write(p []byte) (int, error) {
	w.writes = append(w.writes, p)
	w.total += len(p)
	return len(p), nil
}

func (w *recordingWriter) bytes() []byte {
	out := make([]byte, 0, w.total)
	for _, p := range w.writes {
		out = append(out, p...)
	}
	return out
}

func header(n int, seq byte) []byte { return []byte{byte(n), byte(n >> 8), byte(n >> 16), seq} }

func TestWriteThenReadSmall(t *testing.T) {
	var buf bytes.Buffer
	w := wire.NewConn(nil, &buf, 0)
	for i, p := range []string{"", "a", "hello"} {
		if err := w.WritePacket(append(w.StartPacket(), p...)); err != nil {
			t.Fatal(err)
		}
		if w.Sequence() != byte(i+1) {
			t.Fatalf("sequence after %d packets = %d", i+1, w.Sequence())
		}
	}
	want := "\x00\x00\x00\x00" + "\x01\x00\x00\x01a" + "\x05\x00\x00\x02hello"
	if buf.String() != want {
		t.Fatalf("wrote %q, want %q", buf.String(), want)
	}
	r := wire.NewConn(&buf, nil, 0)
	for i, p := range []string{"", "a", "hello"} {
		got, err := r.ReadPacket()
		if err != nil || string(got) != p {
			t.Fatalf("packet %d: %q, %v", i, got, err)
		}
	}
	if _, err := r.ReadPacket(); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}

// TestLargePayloads writes payloads around the split size and checks every
// header written and the bytes read back.
func TestLargePayloads(t *testing.T) {
	const m = wire.MaxPayloadLen
	sizes := []int{0, 1, m - 1, m, m + 1, 2 * m, 40 << 20}
	if testing.Short() {
		sizes = sizes[:3]
	}
	for _, size := range sizes {
		for _, vectored := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d/vectored=%v", size, vectored), func(t *testing.T) {
				payload := make([]byte, size)
				for i := range payload {
					payload[i] = byte(i * 7)
				}
				w := &recordingWriter{}
				var out io.Writer = w
				if vectored {
					out = &buffersWriter{w: w}
				}
				c := wire.NewConn(nil, out, 0)
				c.SetSequence(250) // the sequence wraps through 255
				buf := append(c.StartPacket(), payload...)
				src := buf[4:] // the memory large chunks must be written from
				if err := c.WritePacket(buf); err != nil {
					t.Fatal(err)
				}
				if bw, ok := out.(*buffersWriter); ok && size >= m && bw.calls != 1 {
					t.Errorf("%d vectored writes for a %d-byte payload, want 1", bw.calls, size)
				}
				stream := w.bytes()
				// Expected packets: full chunks, then a shorter (maybe empty) one.
				packets := size/m + 1
				if len(stream) != size+4*packets {
					t.Fatalf("wrote %d bytes, want %d", len(stream), size+4*packets)
				}
				off := 0
				for i := range packets {
					n := min(m, size-i*m)
					if !bytes.Equal(stream[off:off+4], header(n, byte(250+i))) {
						t.Fatalf("packet %d header %x, want %x", i, stream[off:off+4], header(n, byte(250+i)))
					}
					off += 4 + n
				}
				if c.Sequence() != byte(250+packets) {
					t.Errorf("write sequence %d, want %d", c.Sequence(), byte(250+packets))
				}
				if size < m && len(w.writes) != 1 {
					t.Errorf("%d Write calls for a %d-byte payload, want 1", len(w.writes), size)
				}
				if size >= m {
					assertNoCopy(t, w.writes, src)
				}
				r := wire.NewConn(bytes.NewReader(stream), nil, 0)
				r.SetSequence(250)
				got, err := r.ReadPacket()
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, payload) {
					t.Fatalf("read back %d bytes, different from the %d written", len(got), size)
				}
				if r.Sequence() != byte(250+packets) {
					t.Errorf("read sequence %d, want %d", r.Sequence(), byte(250+packets))
				}
				if _, err := r.ReadPacket(); err != io.EOF {
					t.Errorf("after the payload: %v, want io.EOF", err)
				}
			})
		}
	}
}

// assertNoCopy checks that the chunks handed to Write are the payload's own
// memory.
func assertNoCopy(t *testing.T, writes [][]byte, payload []byte) {
	t.Helper()
	aliased := 0
	for _, w := range writes {
		if len(w) == wire.MaxPayloadLen {
			for off := 0; off+len(w) <= len(payload); off += wire.MaxPayloadLen {
				if &w[0] == &payload[off] {
					aliased++
				}
			}
		}
	}
	if aliased != len(payload)/wire.MaxPayloadLen {
		t.Errorf("%d of %d full chunks were written from the payload's memory", aliased, len(payload)/wire.MaxPayloadLen)
	}
}

func TestSmallWritesUseOneWriteCall(t *testing.T) {
	w := &recordingWriter{}
	c := wire.NewConn(nil, w, 0)
	for _, n := range []int{0, 1, 100, 64 << 10, 1 << 20} {
		w.writes = nil
		if err := c.WritePacket(append(c.StartPacket(), make([]byte, n)...)); err != nil {
			t.Fatal(err)
		}
		if len(w.writes) != 1 {
			t.Errorf("WritePacket of %d bytes: %d Write calls", n, len(w.writes))
		}
	}
}

// buffersWriter is a writer with a vectored write, like a socket.
type buffersWriter struct {
	w     *recordingWriter
	calls int
}

func (b *buffersWriter) Write(p []byte) (int, error) { return b.w.Write(p) }

func (b *buffersWriter) WriteBuffers(bufs *net.Buffers) (int64, error) {
	b.calls++
	var n int64
	for _, p := range *bufs {
		m, _ := b.w.Write(p)
		n += int64(m)
	}
	return n, nil
}

// TestQueuedPacketsGoOutInOneWrite: commands queued before a Flush are
// written in one Write call, each packet with its own sequence, and a split
// payload among them in one vectored write.
func TestQueuedPacketsGoOutInOneWrite(t *testing.T) {
	w := &recordingWriter{}
	c := wire.NewConn(nil, w, 0)
	var want []byte
	for i, q := range []string{"SELECT 1", "SELECT 2", "DO 3"} {
		c.ResetSequence()
		buf := append(c.StartPacket(), byte(wire.CommandQuery))
		if err := c.QueuePacket(append(buf, q...)); err != nil {
			t.Fatal(err)
		}
		want = append(want, header(len(q)+1, 0)...)
		want = append(want, byte(wire.CommandQuery))
		want = append(want, q...)
		if c.Pending() != len(want) {
			t.Fatalf("after %d packets %d bytes pending, want %d", i+1, c.Pending(), len(want))
		}
	}
	if len(w.writes) != 0 {
		t.Fatal("QueuePacket wrote")
	}
	if n, err := c.Flush(); err != nil || n != int64(len(want)) {
		t.Fatalf("Flush = %d, %v", n, err)
	}
	if len(w.writes) != 1 || !bytes.Equal(w.bytes(), want) {
		t.Fatalf("%d writes of %q, want one of %q", len(w.writes), w.bytes(), want)
	}

	// A small packet, a split one, a small one: one vectored write.
	bw := &buffersWriter{w: &recordingWriter{}}
	c = wire.NewConn(nil, bw, 0)
	var payloads [][]byte
	for _, n := range []int{3, wire.MaxPayloadLen, 5} {
		c.ResetSequence()
		p := bytes.Repeat([]byte{byte(n)}, n)
		payloads = append(payloads, p)
		if err := c.QueuePacket(append(c.StartPacket(), p...)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	if bw.calls != 1 {
		t.Fatalf("%d vectored writes, want 1", bw.calls)
	}
	r := wire.NewConn(bytes.NewReader(bw.w.bytes()), nil, 0)
	for i, p := range payloads {
		r.ResetSequence()
		got, err := r.ReadPacket()
		if err != nil || !bytes.Equal(got, p) {
			t.Fatalf("payload %d: %d bytes, %v", i, len(got), err)
		}
	}
	if c.Pending() != 0 {
		t.Errorf("%d bytes pending after Flush", c.Pending())
	}
}

func TestWriteAllocs(t *testing.T) {
	c := wire.NewConn(nil, io.Discard, 0)
	allocs := testing.AllocsPerRun(100, func() {
		buf := append(c.StartPacket(), byte(wire.CommandQuery))
		buf = append(buf, "SELECT 1"...)
		if err := c.WritePacket(buf); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("StartPacket + WritePacket: %v allocations, want 0", allocs)
	}
}

type shortWriter struct{}

func (shortWriter) Write(p []byte) (int, error) { return len(p) / 2, nil }

func TestShortWrite(t *testing.T) {
	c := wire.NewConn(nil, shortWriter{}, 0)
	if err := c.WritePacket(append(c.StartPacket(), "abc"...)); err != io.ErrShortWrite {
		t.Errorf("err = %v, want io.ErrShortWrite", err)
	}
	if err := c.WritePacket([]byte{1, 2}); err == nil {
		t.Error("WritePacket without a header succeeded")
	}
}

func TestSequenceMethods(t *testing.T) {
	c := wire.NewConn(nil, io.Discard, 0)
	c.SetSequence(7)
	if c.Sequence() != 7 {
		t.Fatal("SetSequence")
	}
	c.ResetSequence()
	if c.Sequence() != 0 {
		t.Fatal("ResetSequence")
	}
	for range 300 {
		if err := c.WritePacket(c.StartPacket()); err != nil {
			t.Fatal(err)
		}
	}
	if c.Sequence() != 300%256 {
		t.Fatalf("sequence after 300 packets = %d", c.Sequence())
	}
}

func ExampleConn() {
	var network bytes.Buffer // stands for a net.Conn
	client := wire.NewConn(&network, &network, 0)
	client.ResetSequence() // every command starts at sequence 0
	if err := client.WritePacket(wire.AppendComQuery(client.StartPacket(), "SELECT 1")); err != nil {
		fmt.Println(err)
		return
	}
	server := wire.NewConn(&network, &network, 0)
	pkt, err := server.ReadPacket()
	if err != nil {
		fmt.Println(err)
		return
	}
	var q wire.ComQuery
	if err := q.Decode(pkt, 0); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(q.Query, server.Sequence())
	// Output: SELECT 1 1
}
