package wire

import (
	"fmt"
	"io"
)

// MaxPayloadLen is the largest payload one packet carries (2^24-1 bytes).
// Longer payloads are split into packets of exactly this size, followed by a
// shorter one, which is empty when the length is an exact multiple.
const MaxPayloadLen = 1<<24 - 1

// DefaultMaxPacket is the bound NewConn uses when given none: 1 GiB, the
// largest max_allowed_packet a server accepts.
const DefaultMaxPacket = 1 << 30

const (
	headerLen     = 4
	minReadBuf    = 16 << 10 // initial read buffer
	keepReadBuf   = 1 << 20  // a larger read buffer is dropped when idle
	minWriteBuf   = 4096     // initial write buffer
	keepWriteBuf  = 1 << 20  // a larger write buffer is not kept
	maxEmptyReads = 100      // io.Reader returning (0, nil) this often: give up
	keepBigIdle   = 8        // idle points without a large packet before a large read buffer is dropped
)

// Conn frames packets on a byte stream: it reads and writes the 4-byte
// headers, checks and advances the sequence id, and splits and joins payloads
// of 2^24-1 bytes and more. It performs no other I/O; the caller owns the
// underlying connection, its deadlines and its closing.
//
// A Conn is not safe for concurrent use. After any error from ReadPacket or
// WritePacket the stream's position is unknown: close the connection.
type Conn struct {
	rd  io.Reader
	wr  io.Writer
	max int
	seq uint8

	// Read side: one buffer; buf[rpos:wpos] has been read from rd but not yet
	// returned. It grows only as bytes arrive.
	buf        []byte
	rpos, wpos int
	rerr       error // io.EOF once the stream has ended

	// Write side: the pending output (see framing_write.go).
	wbuf     []byte
	segs     []segment // set when a payload was split
	segEnd   int       // wbuf[:segEnd] is covered by segs
	pktStart int       // where the packet StartPacket began lies in wbuf
	open     bool      // a packet was started and not yet queued

	bigIdle int // commands since a packet needed a read buffer over keepReadBuf

	// comp is the compressed protocol's layer under rd and wr, once
	// EnableCompression was called. Packet ids are then not checked on
	// reading (see readSeq), and a write that follows a read continues the
	// frames' sequence (see StartPacket).
	comp     *compressed
	readLast bool  // compressed: the last packet was read, not written
	cuts     []int // compressed: where commands start in the pending output
}

// NewConn returns a Conn that reads from r and writes to w (usually the same
// net.Conn, or a *tls.Conn). maxPacket bounds the size of a joined payload
// that ReadPacket accepts; zero or less means DefaultMaxPacket.
func NewConn(r io.Reader, w io.Writer, maxPacket int) *Conn {
	if maxPacket <= 0 {
		maxPacket = DefaultMaxPacket
	}
	return &Conn{rd: r, wr: w, max: maxPacket, buf: make([]byte, minReadBuf)}
}

// SetMaxPacket changes the bound on a joined payload that ReadPacket
// accepts; zero or less means DefaultMaxPacket.
func (c *Conn) SetMaxPacket(n int) {
	if n <= 0 {
		n = DefaultMaxPacket
	}
	c.max = n
}

// Sequence returns the sequence id the next packet read or written must have.
func (c *Conn) Sequence() uint8 { return c.seq }

// SetSequence sets the sequence id of the next packet read or written (for
// example to carry it over to a new Conn after a TLS upgrade).
func (c *Conn) SetSequence(seq uint8) { c.seq = seq }

// ResetSequence sets the sequence id to 0, as at the start of every command.
//
// Under the compressed protocol it also marks where a command starts in the
// pending output: each command goes out in frames of its own, numbered from
// 0, since a server reads only the first command of a compressed frame and
// drops the rest of it.
func (c *Conn) ResetSequence() {
	c.seq = 0
	if c.comp != nil {
		c.readLast = false
		c.cuts = append(c.cuts, c.Pending())
	}
}

// Buffered returns how many bytes have been read from the stream but not yet
// returned by ReadPacket. A client that has read a complete reply and finds
// Buffered() > 0 has received an unsolicited packet.
func (c *Conn) Buffered() int {
	if c.comp != nil {
		return c.wpos - c.rpos + c.comp.buffered()
	}
	return c.wpos - c.rpos
}

// PacketBuffered reports whether a whole packet shorter than MaxPayloadLen
// is buffered: ReadPacket would return it without reading the stream.
func (c *Conn) PacketBuffered() bool {
	avail := c.wpos - c.rpos
	if avail < headerLen {
		return false
	}
	h := c.rpos
	n := int(c.buf[h]) | int(c.buf[h+1])<<8 | int(c.buf[h+2])<<16
	return n < MaxPayloadLen && avail >= headerLen+n
}

// ReadPacket reads one logical payload: a packet, joined with its
// continuations when it is MaxPayloadLen long. Each packet's sequence id must
// equal Sequence() (else *SequenceError), which then advances. A payload
// larger than maxPacket gives *TooLargeError as soon as a header and the
// payload's first byte declare it, before the rest is read; except an ERR
// packet (first byte 0xFF), which is returned cut to maxPacket bytes (at a
// UTF-8 character's start) while the rest of it is read and dropped, so that
// the server's error is not lost to the bound and the stream stays in sync.
//
// The returned slice aliases the Conn's read buffer: it is valid only until
// the next call to ReadPacket, which may overwrite it. Copy what must outlive
// that.
//
// The stream ending before the first byte of a packet gives io.EOF; ending
// inside a header or a payload gives an error wrapping io.ErrUnexpectedEOF.
// Reads are buffered: one call to the underlying Read may bring several
// packets, and the buffer grows (geometrically) only as bytes arrive, never
// to a size a header declares before its bytes come.
func (c *Conn) ReadPacket() ([]byte, error) {
	c.reclaim()
	// A packet shorter than MaxPayloadLen is consumed only once it is whole,
	// so a read interrupted by a deadline can be retried.
	if err := c.fill(headerLen, true); err != nil {
		return nil, err
	}
	n, err := c.readHeader(c.rpos)
	if err != nil {
		return nil, err
	}
	if n > c.max {
		isErr, err := c.errAhead()
		switch {
		case err != nil:
			return nil, err
		case isErr:
			return c.readCutErr(n)
		}
		return nil, &TooLargeError{Size: n, Max: c.max}
	}
	if n < MaxPayloadLen {
		if err := c.fill(headerLen+n, false); err != nil {
			return nil, err
		}
		c.seq++
		if n > keepReadBuf {
			c.bigIdle = 0
		}
		start := c.rpos + headerLen
		end := start + n
		c.rpos = end
		return c.buf[start:end:end], nil
	}
	return c.readJoined()
}

// readHeader decodes the packet header at buf[h:h+headerLen], which is
// buffered: it returns the payload length and checks the sequence id.
func (c *Conn) readHeader(h int) (int, error) {
	n := int(c.buf[h]) | int(c.buf[h+1])<<8 | int(c.buf[h+2])<<16
	return n, c.readSeq(c.buf[h+3])
}

// readSeq checks a packet's sequence id. Inside compressed frames it is
// taken as it comes, as every client does: the servers renumber packets
// after each frame they flush (net_flush), so the ids a reply carries depend
// on how the server cut it into frames.
func (c *Conn) readSeq(seq uint8) error {
	if c.comp != nil {
		c.seq, c.readLast = seq, true
		return nil
	}
	if seq != c.seq {
		return &SequenceError{Want: c.seq, Got: seq}
	}
	return nil
}

// readJoined reads a payload of MaxPayloadLen bytes or more, which comes as
// a packet of exactly MaxPayloadLen bytes and its continuations, joined in
// place at buf[rpos:rpos+total]; the raw stream continues right after it.
func (c *Conn) readJoined() ([]byte, error) {
	total := 0
	for {
		if err := c.fill(total+headerLen, false); err != nil {
			return nil, err
		}
		h := c.rpos + total
		n, err := c.readHeader(h)
		if err != nil {
			return nil, err
		}
		if total+n > c.max {
			if c.buf[c.rpos] == errHeader {
				return c.cutJoinedErr(total, n)
			}
			return nil, &TooLargeError{Size: total + n, Max: c.max}
		}
		c.seq++
		if total == 0 {
			c.rpos += headerLen
		} else {
			// Close the gap the continuation's header leaves in the payload.
			copy(c.buf[h:], c.buf[h+headerLen:c.wpos])
			c.wpos -= headerLen
		}
		if err := c.fill(total+n, false); err != nil {
			return nil, err
		}
		total += n
		if n < MaxPayloadLen {
			c.bigIdle = 0
			end := c.rpos + total
			p := c.buf[c.rpos:end:end]
			c.rpos = end
			return p, nil
		}
	}
}

// reclaim resets the buffer positions when everything was consumed.
func (c *Conn) reclaim() {
	if c.rpos == c.wpos {
		c.rpos, c.wpos = 0, 0
	}
}

// Idle tells the Conn that a command's exchange is over. A read buffer grown
// past 1 MiB for large packets is kept while large packets keep coming, and
// dropped after several commands that needed none, so a connection that
// reads a large value now and then does not reallocate it every time, and
// one that read a single large value does not hold the memory for ever.
func (c *Conn) Idle() {
	if c.comp != nil {
		c.comp.idle()
	}
	if len(c.buf) <= keepReadBuf {
		return
	}
	if c.bigIdle++; c.bigIdle < keepBigIdle || c.wpos-c.rpos > minReadBuf {
		return
	}
	nb := make([]byte, minReadBuf)
	c.wpos = copy(nb, c.buf[c.rpos:c.wpos])
	c.rpos = 0
	c.buf = nb
	c.bigIdle = 0
}

// fill reads until buf[rpos:wpos] holds at least need bytes. atStart says no
// byte of the current packet has been consumed, so a clean end of stream
// before any new byte is io.EOF rather than an unexpected one.
func (c *Conn) fill(need int, atStart bool) error {
	empty := 0
	for c.wpos-c.rpos < need {
		if c.rerr != nil {
			return c.readError(atStart)
		}
		if c.wpos == len(c.buf) {
			c.makeRoom(need)
		}
		n, err := c.rd.Read(c.buf[c.wpos:])
		if n < 0 || n > len(c.buf)-c.wpos {
			return fmt.Errorf("wire: reader returned an invalid count %d", n)
		}
		c.wpos += n
		if err != nil {
			if err != io.EOF {
				if c.wpos-c.rpos >= need {
					return nil // the next Read reports it again if it persists
				}
				return err
			}
			c.rerr = err // end of stream: reported when more bytes are needed
			continue
		}
		if n == 0 {
			if empty++; empty >= maxEmptyReads {
				return io.ErrNoProgress
			}
		}
	}
	return nil
}

func (c *Conn) readError(atStart bool) error {
	if atStart && c.wpos == c.rpos {
		return io.EOF
	}
	return fmt.Errorf("wire: stream ended inside a packet (%d bytes of it read): %w", c.wpos-c.rpos, io.ErrUnexpectedEOF)
}

// makeRoom frees space at the end of the full buffer: it first moves the
// unconsumed bytes to the front, and only if that frees nothing it grows the
// buffer, doubling it but never past need (which is bounded by maxPacket).
func (c *Conn) makeRoom(need int) {
	if c.rpos > 0 {
		c.wpos = copy(c.buf, c.buf[c.rpos:c.wpos])
		c.rpos = 0
		return
	}
	size := max(2*len(c.buf), minReadBuf)
	if size > need {
		size = max(need, len(c.buf)+1)
	}
	nb := make([]byte, size)
	copy(nb, c.buf[:c.wpos])
	c.buf = nb
	c.bigIdle = 0
}
