package wire

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net"
)

// The compressed protocol (CLIENT_COMPRESS) wraps the packet stream, once
// authentication has succeeded, in frames of its own: a 7-byte header (the
// frame's payload length, 3 bytes; a sequence id of its own; the length of
// the payload uncompressed, 3 bytes, or 0 when the payload is sent as is)
// and a payload that holds, zlib-compressed or not, a stretch of the
// ordinary packet stream, headers included. A frame may hold several
// packets, or part of one.
//
// compressed sits between Conn and the stream: Conn frames packets as
// always and reads and writes the plain stream through it.

const (
	compHeaderLen = 7
	// minCompress is the shortest stretch worth compressing; shorter ones
	// go out as they are (the servers use the same bound).
	minCompress = 50
	// compLevel favours speed: the protocol compresses every command and
	// reply, and the servers themselves use zlib's default level.
	compLevel = zlib.BestSpeed
)

// CompressionError reports a compressed frame that does not decode: its
// zlib stream is corrupt or its length is not the declared one. The
// connection is out of step with its peer and should be closed.
type CompressionError struct {
	Reason string
}

// Error describes the problem.
func (e *CompressionError) Error() string { return "wire: bad compressed frame: " + e.Reason }

type compressed struct {
	rd  io.Reader
	wr  io.Writer
	seq uint8 // the frame sequence id: of the next frame written

	// Read side: raw[rpos:wpos] was read from rd and not yet decoded;
	// plain[ppos:] is the decoded stream not yet returned to Conn.
	raw        []byte
	rpos, wpos int
	rerr       error
	plain      []byte
	ppos       int
	dec        []byte // the buffer plain uses for inflated frames
	src        bytes.Reader
	zr         io.ReadCloser

	// Write side.
	cuts []int // set by Conn.Flush: where commands start
	out  []byte
	zw   *zlib.Writer
}

func newCompressed(rd io.Reader, wr io.Writer) *compressed {
	return &compressed{rd: rd, wr: wr}
}

// buffered is how many bytes were read from the stream and not yet
// returned to Conn, decoded or not.
func (z *compressed) buffered() int { return len(z.plain) - z.ppos + z.wpos - z.rpos }

// Read returns the decoded stream, a frame at a time.
func (z *compressed) Read(p []byte) (int, error) {
	for z.ppos == len(z.plain) {
		if err := z.readFrame(); err != nil {
			return 0, err
		}
	}
	n := copy(p, z.plain[z.ppos:])
	z.ppos += n
	return n, nil
}

// readFrame reads and decodes one whole frame into plain. A frame is
// consumed only once all of it is in hand, so a read interrupted by a
// deadline can be retried.
func (z *compressed) readFrame() error {
	if err := z.fill(compHeaderLen); err != nil {
		return err
	}
	h := z.raw[z.rpos:]
	n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
	seq := h[3]
	u := int(h[4]) | int(h[5])<<8 | int(h[6])<<16
	if err := z.fill(compHeaderLen + n); err != nil {
		return err
	}
	payload := z.raw[z.rpos+compHeaderLen : z.rpos+compHeaderLen+n]
	z.rpos += compHeaderLen + n
	// The id is not checked, as no client checks it: a server may answer
	// with an ERR before it has read all of a command's frames. The packets
	// inside keep their own ids, and the frame's length and zlib's checksum
	// guard its content.
	z.seq = seq + 1
	if u == 0 {
		// Sent as is. plain aliases raw, which fill moves only once plain
		// has been consumed.
		z.plain, z.ppos = payload, 0
		return nil
	}
	out, err := z.inflate(payload, u)
	if err != nil {
		return err
	}
	z.plain, z.ppos = out, 0
	return nil
}

// inflate decodes payload, which must inflate to exactly u bytes. The
// buffer grows as output comes, never to a declared length up front.
func (z *compressed) inflate(payload []byte, u int) ([]byte, error) {
	z.src.Reset(payload)
	if z.zr == nil {
		zr, err := zlib.NewReader(&z.src)
		if err != nil {
			return nil, &CompressionError{Reason: err.Error()}
		}
		z.zr = zr
	} else if err := z.zr.(zlib.Resetter).Reset(&z.src, nil); err != nil {
		return nil, &CompressionError{Reason: err.Error()}
	}
	out := z.dec[:0]
	for {
		if len(out) == cap(out) {
			grown := make([]byte, len(out), min(max(2*cap(out), minReadBuf), u+1))
			copy(grown, out)
			out = grown
		}
		n, err := z.zr.Read(out[len(out):cap(out)])
		out = out[:len(out)+n]
		if len(out) > u {
			return nil, &CompressionError{Reason: fmt.Sprintf("it inflates to more than the %d bytes declared", u)}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &CompressionError{Reason: err.Error()}
		}
	}
	if len(out) != u {
		return nil, &CompressionError{Reason: fmt.Sprintf("it inflates to %d bytes, %d declared", len(out), u)}
	}
	if cap(out) <= keepReadBuf {
		z.dec = out
	} else {
		z.dec = nil
	}
	return out, nil
}

// fill reads until raw[rpos:wpos] holds at least need bytes.
func (z *compressed) fill(need int) error {
	empty := 0
	for z.wpos-z.rpos < need {
		if z.rerr != nil {
			if z.rerr == io.EOF {
				if z.wpos == z.rpos {
					return io.EOF
				}
				return fmt.Errorf("wire: stream ended inside a compressed frame (%d bytes of it read): %w", z.wpos-z.rpos, io.ErrUnexpectedEOF)
			}
			return z.rerr
		}
		if z.wpos == len(z.raw) {
			z.makeRoom(need)
		}
		n, err := z.rd.Read(z.raw[z.wpos:])
		if n < 0 || n > len(z.raw)-z.wpos {
			return fmt.Errorf("wire: reader returned an invalid count %d", n)
		}
		z.wpos += n
		if err != nil {
			if err == io.EOF {
				z.rerr = err
				continue
			}
			if z.wpos-z.rpos >= need {
				return nil
			}
			return err
		}
		if n == 0 {
			if empty++; empty >= maxEmptyReads {
				return io.ErrNoProgress
			}
		}
	}
	return nil
}

// makeRoom moves the unconsumed bytes to the front, or grows the buffer
// (doubling, never past need) when that frees nothing.
func (z *compressed) makeRoom(need int) {
	if z.rpos > 0 {
		z.wpos = copy(z.raw, z.raw[z.rpos:z.wpos])
		z.rpos = 0
		return
	}
	size := max(2*len(z.raw), minReadBuf)
	if size > need {
		size = max(need, len(z.raw)+1)
	}
	nb := make([]byte, size)
	copy(nb, z.raw[:z.wpos])
	z.raw = nb
}

// idle drops read buffers grown past keepReadBuf once they hold nothing.
func (z *compressed) idle() {
	if len(z.raw) > keepReadBuf && z.rpos == z.wpos && z.ppos == len(z.plain) {
		z.raw, z.rpos, z.wpos = nil, 0, 0
		z.plain, z.ppos = nil, 0
	}
}

// Write sends p as frames (see WriteBuffers).
func (z *compressed) Write(p []byte) (int, error) {
	bufs := net.Buffers{p}
	n, err := z.WriteBuffers(&bufs)
	return int(n), err
}

// WriteBuffers sends the bytes of bufs, one stream, as frames of at most
// MaxPayloadLen bytes each, compressed when that makes them shorter, in one
// write to the stream. A frame ends at each of cuts (offsets in that stream,
// where commands start), and the next one is numbered 0. It reports the
// bytes carried by the frames written whole: a frame cut short is useless to
// the server.
func (z *compressed) WriteBuffers(bufs *net.Buffers) (int64, error) {
	z.out = z.out[:0]
	var ends [][2]int64 // per frame: its end in out, and in the plain bytes
	var total int64
	cuts := z.cuts
	z.cuts = nil
	src := *bufs
	for len(src) > 0 {
		limit := MaxPayloadLen
		for len(cuts) > 0 && int64(cuts[0]) <= total {
			if int64(cuts[0]) == total {
				z.seq = 0
			}
			cuts = cuts[1:]
		}
		if len(cuts) > 0 {
			limit = min(limit, int(int64(cuts[0])-total))
		}
		var chunk [][]byte
		size := 0
		for len(src) > 0 && size < limit {
			b := src[0]
			take := min(len(b), limit-size)
			chunk = append(chunk, b[:take])
			size += take
			if take == len(b) {
				src = src[1:]
			} else {
				src[0] = b[take:]
			}
		}
		if size == 0 {
			continue
		}
		z.appendFrame(chunk, size)
		total += int64(size)
		ends = append(ends, [2]int64{int64(len(z.out)), total})
	}
	*bufs = nil
	w, err := z.wr.Write(z.out)
	if err == nil && w != len(z.out) {
		err = io.ErrShortWrite
	}
	if cap(z.out) > keepWriteBuf {
		z.out = nil
	}
	if err == nil {
		return total, nil
	}
	var done int64
	for _, e := range ends {
		if e[0] > int64(w) {
			break
		}
		done = e[1]
	}
	return done, err
}

// appendFrame appends the pieces of chunk (size bytes) to out as one frame.
func (z *compressed) appendFrame(chunk [][]byte, size int) {
	start := len(z.out)
	z.out = append(z.out, make([]byte, compHeaderLen)...)
	u := 0
	if size >= minCompress {
		if z.deflate(chunk) && len(z.out)-start-compHeaderLen < size {
			u = size
		} else {
			z.out = z.out[:start+compHeaderLen]
		}
	}
	if u == 0 {
		for _, b := range chunk {
			z.out = append(z.out, b...)
		}
	}
	n := len(z.out) - start - compHeaderLen
	h := z.out[start:]
	h[0], h[1], h[2], h[3] = byte(n), byte(n>>8), byte(n>>16), z.seq
	h[4], h[5], h[6] = byte(u), byte(u>>8), byte(u>>16)
	z.seq++
}

// deflate appends the pieces of chunk, zlib-compressed, to out.
func (z *compressed) deflate(chunk [][]byte) bool {
	w := (*appendWriter)(&z.out)
	if z.zw == nil {
		zw, err := zlib.NewWriterLevel(w, compLevel)
		if err != nil {
			return false
		}
		z.zw = zw
	} else {
		z.zw.Reset(w)
	}
	for _, b := range chunk {
		if _, err := z.zw.Write(b); err != nil {
			return false
		}
	}
	return z.zw.Close() == nil
}

// appendWriter is an io.Writer appending to a byte slice.
type appendWriter []byte

func (w *appendWriter) Write(p []byte) (int, error) {
	*w = append(*w, p...)
	return len(p), nil
}

// ErrCompressionState is returned by EnableCompression when the stream is
// not at a clean point between packets.
var ErrCompressionState = errors.New("wire: compression can start only between packets, with nothing buffered or pending")

// EnableCompression switches the Conn to the compressed protocol: from now
// on it reads and writes the packet stream inside compressed frames. It is
// called once, after authentication succeeded, with nothing buffered in
// either direction.
func (c *Conn) EnableCompression() error {
	if c.comp != nil {
		return nil
	}
	if c.Buffered() > 0 || c.Pending() > 0 || c.open {
		return ErrCompressionState
	}
	c.comp = newCompressed(c.rd, c.wr)
	c.rd, c.wr = c.comp, c.comp
	return nil
}

// Compressed reports whether EnableCompression was called.
func (c *Conn) Compressed() bool { return c.comp != nil }
