package wire_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"testing"
	"testing/iotest"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// countingReader counts Read calls.
type countingReader struct {
	r     io.Reader
	calls int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.calls++
	return c.r.Read(p)
}

func TestReadSeveralPacketsFromOneRead(t *testing.T) {
	var stream []byte
	for i, p := range []string{"one", "two", "three"} {
		stream = append(append(stream, header(len(p), byte(i))...), p...)
	}
	cr := &countingReader{r: bytes.NewReader(stream)}
	c := wire.NewConn(cr, nil, 0)
	for i, want := range []string{"one", "two", "three"} {
		got, err := c.ReadPacket()
		if err != nil || string(got) != want {
			t.Fatalf("packet %d: %q, %v", i, got, err)
		}
		if i == 0 && c.Buffered() != 4+3+4+5 {
			t.Errorf("Buffered() after the first packet = %d, want %d", c.Buffered(), 4+3+4+5)
		}
	}
	if cr.calls != 1 {
		t.Errorf("%d Read calls for three small packets, want 1", cr.calls)
	}
	if c.Buffered() != 0 {
		t.Errorf("Buffered() at the end = %d", c.Buffered())
	}
}

func TestReadOneBytePerRead(t *testing.T) {
	payloads := []string{"x", "", string(bytes.Repeat([]byte("abc"), 5000))}
	var stream []byte
	for i, p := range payloads {
		stream = append(append(stream, header(len(p), byte(i))...), p...)
	}
	c := wire.NewConn(iotest.OneByteReader(bytes.NewReader(stream)), nil, 0)
	for i, want := range payloads {
		got, err := c.ReadPacket()
		if err != nil || string(got) != want {
			t.Fatalf("packet %d: %d bytes, %v", i, len(got), err)
		}
	}
}

func TestReadDataErrReader(t *testing.T) {
	// The last bytes arrive together with io.EOF.
	stream := append(header(2, 0), "ok"...)
	c := wire.NewConn(iotest.DataErrReader(bytes.NewReader(stream)), nil, 0)
	if got, err := c.ReadPacket(); err != nil || string(got) != "ok" {
		t.Fatalf("%q, %v", got, err)
	}
	if _, err := c.ReadPacket(); err != io.EOF {
		t.Fatalf("%v, want io.EOF", err)
	}
}

func TestReadWrongSequence(t *testing.T) {
	stream := append(header(1, 3), 'x')
	c := wire.NewConn(bytes.NewReader(stream), nil, 0)
	c.SetSequence(1)
	_, err := c.ReadPacket()
	var se *wire.SequenceError
	if !errors.As(err, &se) || se.Want != 1 || se.Got != 3 {
		t.Fatalf("err = %v, want SequenceError{Want: 1, Got: 3}", err)
	}
	// A continuation with the wrong sequence id.
	big := append(header(wire.MaxPayloadLen, 0), make([]byte, wire.MaxPayloadLen)...)
	big = append(big, header(0, 5)...)
	c = wire.NewConn(bytes.NewReader(big), nil, 0)
	if _, err := c.ReadPacket(); !errors.As(err, &se) || se.Want != 1 || se.Got != 5 {
		t.Fatalf("continuation: err = %v, want SequenceError{Want: 1, Got: 5}", err)
	}
}

func TestReadUnexpectedEOF(t *testing.T) {
	tests := []struct {
		name   string
		stream []byte
	}{
		{"mid-header", []byte{5, 0}},
		{"mid-payload", append(header(5, 0), "ab"...)},
		{"header only", header(5, 0)},
		{"before the continuation", append(header(wire.MaxPayloadLen, 0), make([]byte, wire.MaxPayloadLen)...)},
		{"mid continuation header", append(append(header(wire.MaxPayloadLen, 0), make([]byte, wire.MaxPayloadLen)...), 0, 0)},
	}
	for _, tt := range tests {
		for _, oneByte := range []bool{false, true} {
			var r io.Reader = bytes.NewReader(tt.stream)
			if oneByte {
				r = iotest.OneByteReader(r)
			}
			_, err := wire.NewConn(r, nil, 0).ReadPacket()
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("%s (one byte per Read: %v): err = %v, want io.ErrUnexpectedEOF", tt.name, oneByte, err)
			}
		}
	}
	if _, err := wire.NewConn(bytes.NewReader(nil), nil, 0).ReadPacket(); err != io.EOF {
		t.Errorf("empty stream: %v, want io.EOF", err)
	}
}

// headerOnlyReader returns its data (a header and the payload's first byte),
// then fails the test if read again.
type headerOnlyReader struct {
	t    *testing.T
	data []byte
}

func (r *headerOnlyReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		r.t.Error("read past the first byte of a too-large payload")
		return 0, io.EOF
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadTooLarge(t *testing.T) {
	// Not an ERR packet (first byte 0x00): refused after its first byte.
	c := wire.NewConn(&headerOnlyReader{t: t, data: append(header(1000, 0), 0x00)}, nil, 100)
	_, err := c.ReadPacket()
	var tl *wire.TooLargeError
	if !errors.As(err, &tl) || tl.Size != 1000 || tl.Max != 100 || !errors.Is(err, wire.ErrPacketTooLarge) {
		t.Fatalf("err = %v, want TooLargeError{1000, 100}", err)
	}
	// The joined size counts: two packets together exceed the limit.
	stream := append(header(wire.MaxPayloadLen, 0), make([]byte, wire.MaxPayloadLen)...)
	stream = append(stream, header(20, 1)...)
	c = wire.NewConn(bytes.NewReader(stream), nil, wire.MaxPayloadLen+10)
	if _, err := c.ReadPacket(); !errors.As(err, &tl) || tl.Size != wire.MaxPayloadLen+20 {
		t.Fatalf("joined: err = %v, want TooLargeError{Size: %d}", err, wire.MaxPayloadLen+20)
	}
	// SetMaxPacket raises the limit.
	c = wire.NewConn(bytes.NewReader(append(header(200, 0), make([]byte, 200)...)), nil, 100)
	c.SetMaxPacket(200)
	if p, err := c.ReadPacket(); err != nil || len(p) != 200 {
		t.Fatalf("after SetMaxPacket: %d bytes, %v", len(p), err)
	}
}

// zeroReader returns (0, nil) forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestReadNoProgress(t *testing.T) {
	if _, err := wire.NewConn(zeroReader{}, nil, 0).ReadPacket(); err != io.ErrNoProgress {
		t.Fatalf("err = %v, want io.ErrNoProgress", err)
	}
}

func TestReadErrorPassedThrough(t *testing.T) {
	boom := errors.New("boom")
	_, err := wire.NewConn(iotest.ErrReader(boom), nil, 0).ReadPacket()
	if err != boom {
		t.Fatalf("err = %v, want the reader's error", err)
	}
}

// TestReadDoesNotTrustDeclaredLength: a header declaring 16 MiB followed by
// a few bytes must not allocate 16 MiB.
func TestReadDoesNotTrustDeclaredLength(t *testing.T) {
	stream := append(header(wire.MaxPayloadLen-1, 0), "only a few bytes"...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := wire.NewConn(bytes.NewReader(stream), nil, 0).ReadPacket()
	runtime.ReadMemStats(&after)
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("allocated %d bytes for a stream of %d bytes", grew, len(stream))
	}
}

// TestReadGrowsGeometrically: reading a 16 MiB payload in small pieces
// allocates a small multiple of it, not a buffer per piece.
func TestReadGrowsGeometrically(t *testing.T) {
	const size = wire.MaxPayloadLen - 1
	stream := append(header(size, 0), make([]byte, size)...)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := wire.NewConn(iotest.HalfReader(bytes.NewReader(stream)), nil, 0).ReadPacket()
	runtime.ReadMemStats(&after)
	if err != nil || len(p) != size {
		t.Fatalf("%d bytes, %v", len(p), err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 3*size {
		t.Errorf("allocated %d bytes to read %d", grew, size)
	}
}

// cycleReader serves the same stream over and over.
type cycleReader struct {
	data []byte
	off  int
}

func (r *cycleReader) Read(p []byte) (int, error) {
	n := copy(p, r.data[r.off:])
	r.off = (r.off + n) % len(r.data)
	return n, nil
}

func TestReadPacketAllocs(t *testing.T) {
	// 256 small packets with sequence ids 0..255, served in a loop.
	var stream []byte
	for i := range 256 {
		p := fmt.Sprintf("row %d", i)
		stream = append(append(stream, header(len(p), byte(i))...), p...)
	}
	c := wire.NewConn(&cycleReader{data: stream}, nil, 0)
	for range 1000 { // warm up
		if _, err := c.ReadPacket(); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := c.ReadPacket(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("ReadPacket of small packets: %v allocations, want 0", allocs)
	}
}

func BenchmarkReadPacket(b *testing.B) {
	var stream []byte
	for i := range 256 {
		stream = append(append(stream, header(40, byte(i))...), make([]byte, 40)...)
	}
	c := wire.NewConn(&cycleReader{data: stream}, nil, 0)
	b.ReportAllocs()
	b.SetBytes(44)
	for b.Loop() {
		if _, err := c.ReadPacket(); err != nil {
			b.Fatal(err)
		}
	}
}
