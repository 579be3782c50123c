package wire_test

import (
	"bytes"
	"compress/zlib"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"testing"
	"testing/iotest"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// compressedConn returns a Conn speaking the compressed protocol over r and w.
func compressedConn(t testing.TB, r io.Reader, w io.Writer) *wire.Conn {
	t.Helper()
	c := wire.NewConn(r, w, 0)
	if err := c.EnableCompression(); err != nil {
		t.Fatal(err)
	}
	return c
}

// frame is one compressed frame as it was on the stream.
type frame struct {
	seq     uint8
	u       int // uncompressed length; 0: stored
	payload []byte
}

// splitFrames cuts a compressed stream into its frames.
func splitFrames(t *testing.T, b []byte) []frame {
	t.Helper()
	var fs []frame
	for len(b) > 0 {
		if len(b) < 7 {
			t.Fatalf("%d bytes left, no frame header", len(b))
		}
		n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16
		fs = append(fs, frame{seq: b[3], u: int(b[4]) | int(b[5])<<8 | int(b[6])<<16, payload: b[7 : 7+n]})
		b = b[7+n:]
	}
	return fs
}

func compressible(n int) []byte {
	return bytes.Repeat([]byte("SELECT id, val FROM tbl WHERE id = 42; "), n/39+1)[:n]
}

func random(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{7})
	_, _ = r.Read(b)
	return b
}

func TestCompressedRoundTrip(t *testing.T) {
	payloads := [][]byte{
		{}, []byte("\x03SELECT 1"), compressible(49), compressible(50), compressible(1000), random(1000),
		compressible(wire.MaxPayloadLen - 1), random(wire.MaxPayloadLen), compressible(wire.MaxPayloadLen + 1000),
	}
	var stream bytes.Buffer
	w := compressedConn(t, nil, &stream)
	for _, p := range payloads {
		w.ResetSequence()
		if err := w.WritePacket(append(w.StartPacket(), p...)); err != nil {
			t.Fatal(err)
		}
	}
	raw := stream.Bytes()
	plain := 0
	for _, p := range payloads {
		plain += len(p) + 4 + 4*(len(p)/wire.MaxPayloadLen)
	}
	if len(raw) >= plain {
		t.Errorf("compressed stream of %d bytes for %d plain ones", len(raw), plain)
	}
	fs := splitFrames(t, raw)
	if fs[0].u != 0 || fs[1].u != 0 || fs[2].u != 0 {
		t.Errorf("short payloads were compressed: frames %+v %+v %+v", fs[0].u, fs[1].u, fs[2].u)
	}
	if fs[4].u != 1004 || len(fs[4].payload) >= 500 {
		t.Errorf("a compressible 1004-byte packet: frame u=%d of %d bytes, want compressed", fs[4].u, len(fs[4].payload))
	}
	if fs[5].u != 0 || len(fs[5].payload) != 1004 {
		t.Errorf("random bytes: frame u=%d, %d bytes, want stored as is", fs[5].u, len(fs[5].payload))
	}
	for i, f := range fs {
		if len(f.payload) > wire.MaxPayloadLen || f.u > wire.MaxPayloadLen {
			t.Errorf("frame %d: %d bytes, %d uncompressed", i, len(f.payload), f.u)
		}
	}

	for name, r := range map[string]io.Reader{
		"whole":        bytes.NewReader(raw),
		"byte by byte": iotest.OneByteReader(bytes.NewReader(raw)),
	} {
		t.Run(name, func(t *testing.T) {
			rc := compressedConn(t, r, nil)
			for i, want := range payloads {
				got, err := rc.ReadPacket()
				if err != nil {
					t.Fatalf("payload %d: %v", i, err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("payload %d: %d bytes back, want %d", i, len(got), len(want))
				}
			}
			if _, err := rc.ReadPacket(); err != io.EOF {
				t.Fatalf("at the end: %v, want io.EOF", err)
			}
		})
	}
}

// TestCompressedSequence: frames are numbered from 0 at each command, and a
// write that answers a read continues from the frames read (as LOCAL
// INFILE data does); packet ids inside frames are taken as they come.
func TestCompressedSequence(t *testing.T) {
	var server bytes.Buffer
	// The server's frame 3 holds packets numbered 9 and 10.
	inner := append([]byte{1, 0, 0, 9, 0xFB}, []byte{1, 0, 0, 10, 0xFE}...)
	server.Write([]byte{byte(len(inner)), 0, 0, 3, 0, 0, 0})
	server.Write(inner)
	var out bytes.Buffer
	c := compressedConn(t, &server, &out)

	c.ResetSequence()
	if err := c.WritePacket(append(c.StartPacket(), 3, 'x')); err != nil {
		t.Fatal(err)
	}
	for _, want := range []byte{0xFB, 0xFE} {
		p, err := c.ReadPacket()
		if err != nil || len(p) != 1 || p[0] != want {
			t.Fatalf("read %x, %v; want %x", p, err, want)
		}
	}
	if err := c.WritePacket(append(c.StartPacket(), 'y')); err != nil {
		t.Fatal(err)
	}
	fs := splitFrames(t, out.Bytes())
	if len(fs) != 2 {
		t.Fatalf("%d frames, want 2", len(fs))
	}
	if fs[0].seq != 0 || fs[0].payload[3] != 0 {
		t.Errorf("command: frame %d, packet %d; want 0 and 0", fs[0].seq, fs[0].payload[3])
	}
	if fs[1].seq != 4 || fs[1].payload[3] != 4 {
		t.Errorf("answer: frame %d, packet %d; want 4 and 4 (after the server's frame 3)", fs[1].seq, fs[1].payload[3])
	}
}

func zlibBytes(t *testing.T, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zlib.NewWriter(&b)
	if _, err := zw.Write(p); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func frameBytes(seq uint8, u int, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq, byte(u), byte(u >> 8), byte(u >> 16)}, payload...)
}

func TestCompressedBadFrames(t *testing.T) {
	pkt := append([]byte{60, 0, 0, 1}, compressible(60)...)
	good := zlibBytes(t, pkt)
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)-1] ^= 0xFF // the Adler-32 checksum
	cases := []struct {
		name   string
		stream []byte
		check  func(error) bool
	}{
		{"corrupt checksum", frameBytes(1, len(pkt), corrupt), isCompressionError},
		{"not zlib", frameBytes(1, len(pkt), compressible(40)), isCompressionError},
		{"longer than declared", frameBytes(1, len(pkt)-1, good), isCompressionError},
		{"shorter than declared", frameBytes(1, len(pkt)+1, good), isCompressionError},
		{"cut in the header", frameBytes(1, len(pkt), good)[:5], isUnexpectedEOF},
		{"cut in the payload", frameBytes(1, len(pkt), good)[:20], isUnexpectedEOF},
		{"packet cut at the frame's end", frameBytes(1, 0, pkt[:30]), isUnexpectedEOF},
		{"nothing", nil, func(err error) bool { return err == io.EOF }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := compressedConn(t, bytes.NewReader(tc.stream), nil)
			p, err := c.ReadPacket()
			if !tc.check(err) {
				t.Fatalf("ReadPacket: %d bytes, %v (%T)", len(p), err, err)
			}
		})
	}
	t.Run("good", func(t *testing.T) {
		c := compressedConn(t, bytes.NewReader(frameBytes(1, len(pkt), good)), nil)
		if p, err := c.ReadPacket(); err != nil || !bytes.Equal(p, pkt[4:]) {
			t.Fatalf("ReadPacket: %q, %v", p, err)
		}
	})
}

func isCompressionError(err error) bool {
	var ce *wire.CompressionError
	return errors.As(err, &ce)
}

func isUnexpectedEOF(err error) bool { return errors.Is(err, io.ErrUnexpectedEOF) }

// TestCompressedReadRetry: a read cut by a deadline inside a frame can be
// retried; nothing is lost.
func TestCompressedReadRetry(t *testing.T) {
	pkt := append([]byte{100, 0, 0, 1}, compressible(100)...)
	stream := frameBytes(1, len(pkt), zlibBytes(t, pkt))
	r := &stallingReader{data: stream, stallAt: 10}
	c := compressedConn(t, r, nil)
	if _, err := c.ReadPacket(); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("first read: %v, want the deadline", err)
	}
	if c.Buffered() != 10 {
		t.Fatalf("Buffered %d after the stall, want the 10 raw bytes", c.Buffered())
	}
	p, err := c.ReadPacket()
	if err != nil || !bytes.Equal(p, pkt[4:]) {
		t.Fatalf("retry: %d bytes, %v", len(p), err)
	}
}

// stallingReader returns its data, failing once with a deadline error after
// stallAt bytes.
type stallingReader struct {
	data    []byte
	stallAt int
	off     int
	stalled bool
}

func (r *stallingReader) Read(p []byte) (int, error) {
	if r.off == len(r.data) {
		return 0, io.EOF
	}
	if !r.stalled && r.off == r.stallAt {
		r.stalled = true
		return 0, os.ErrDeadlineExceeded
	}
	end := len(r.data)
	if !r.stalled {
		end = r.stallAt
	}
	n := copy(p, r.data[r.off:end])
	r.off += n
	return n, nil
}

// TestCompressedPartialWrite: Flush counts only the bytes of frames that
// went out whole.
func TestCompressedPartialWrite(t *testing.T) {
	big := random(wire.MaxPayloadLen + 500) // two frames, both stored
	for _, tc := range []struct {
		accept int
		want   int64
	}{
		{0, 0},
		{100, 0},
		{wire.MaxPayloadLen + 6, 0},
		{wire.MaxPayloadLen + 7, wire.MaxPayloadLen},
		{wire.MaxPayloadLen + 20, wire.MaxPayloadLen},
	} {
		w := &limitWriter{n: tc.accept}
		c := compressedConn(t, nil, w)
		if err := c.QueuePacket(append(c.StartPacket(), big...)); err != nil {
			t.Fatal(err)
		}
		n, err := c.Flush()
		if err == nil || n != tc.want {
			t.Errorf("accepting %d bytes: Flush = %d, %v; want %d and an error", tc.accept, n, err, tc.want)
		}
	}
}

type limitWriter struct{ n int }

func (w *limitWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	return n, errors.New("connection reset")
}

func TestEnableCompressionState(t *testing.T) {
	c := wire.NewConn(bytes.NewReader([]byte{1, 0, 0, 0, 0xFB, 1, 0}), io.Discard, 0)
	if _, err := c.ReadPacket(); err != nil {
		t.Fatal(err)
	}
	if err := c.EnableCompression(); !errors.Is(err, wire.ErrCompressionState) {
		t.Fatalf("with bytes buffered: %v", err)
	}
	if c.Compressed() {
		t.Fatal("Compressed after a refused EnableCompression")
	}
}

// FuzzH4_CompressedFrames reads arbitrary bytes as compressed frames: it
// never panics, every error is one the framing names, and reading whole or
// a byte at a time agrees.
func FuzzH4_CompressedFrames(f *testing.F) {
	pkt := append([]byte{60, 0, 0, 1}, compressible(60)...)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(pkt)
	_ = zw.Close()
	f.Add(frameBytes(1, len(pkt), z.Bytes()))
	f.Add(frameBytes(0, 0, []byte{1, 0, 0, 0, 0xFB}))
	f.Fuzz(func(t *testing.T, stream []byte) {
		read := func(r io.Reader) ([][]byte, error) {
			c := wire.NewConn(r, io.Discard, 1<<16)
			if err := c.EnableCompression(); err != nil {
				t.Fatal(err)
			}
			var got [][]byte
			for {
				p, err := c.ReadPacket()
				if err != nil {
					return got, err
				}
				got = append(got, bytes.Clone(p))
			}
		}
		a, errA := read(bytes.NewReader(stream))
		b, errB := read(iotest.OneByteReader(bytes.NewReader(stream)))
		if len(a) != len(b) {
			t.Fatalf("%d packets whole, %d byte by byte", len(a), len(b))
		}
		for i := range a {
			if !bytes.Equal(a[i], b[i]) {
				t.Fatalf("packet %d differs", i)
			}
		}
		for _, err := range []error{errA, errB} {
			var ce *wire.CompressionError
			var tl *wire.TooLargeError
			if err != io.EOF && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.As(err, &ce) && !errors.As(err, &tl) {
				t.Fatalf("unexpected error %v (%T)", err, err)
			}
		}
	})
}

// TestCompressedFramePerCommand: commands queued together go out in frames
// of their own, each numbered from 0 (a server reads only the first command
// of a compressed frame).
func TestCompressedFramePerCommand(t *testing.T) {
	var out bytes.Buffer
	c := compressedConn(t, nil, &out)
	for i := range 3 {
		c.ResetSequence()
		if err := c.QueuePacket(append(c.StartPacket(), compressible(100+i)...)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	fs := splitFrames(t, out.Bytes())
	if len(fs) != 3 {
		t.Fatalf("%d frames for 3 commands", len(fs))
	}
	for i, f := range fs {
		if f.seq != 0 || f.u != 104+i {
			t.Errorf("frame %d: id %d, %d bytes uncompressed; want 0 and %d", i, f.seq, f.u, 104+i)
		}
	}
}
