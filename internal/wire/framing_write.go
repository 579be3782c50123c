package wire

import (
	"errors"
	"io"
	"net"
	"unsafe"
)

// The write side is append-then-flush: StartPacket and QueuePacket add
// packets to a pending buffer, and Flush writes everything pending at once,
// so several commands (a pipeline, or a command with the packets that
// prepare it) go out in one write. A payload of MaxPayloadLen bytes or more
// is split into packets without copying it: its continuation headers are
// kept apart and the whole buffer goes out as one vectored write
// (net.Buffers) when the writer supports it.

// BuffersWriter is implemented by writers that can write several buffers in
// one call (writev on a socket). Flush uses it for split payloads.
type BuffersWriter interface {
	WriteBuffers(bufs *net.Buffers) (int64, error)
}

// segment is a part of the pending output: a range of wbuf, or (hdr) one
// of the continuation headers of a split payload.
type segment struct {
	from, to int
	hdr      [headerLen]byte
	isHdr    bool
}

// StartPacket returns a buffer of length 4 (room for the header) to which
// the caller appends a payload before passing it to QueuePacket or
// WritePacket. It lies at the end of the pending output: the packet is
// written after those already queued. The buffer is valid until the next
// StartPacket, which abandons a packet that was started and not queued (as
// Flush does).
func (c *Conn) StartPacket() []byte {
	if c.wbuf == nil {
		c.wbuf = make([]byte, 0, minWriteBuf)
	}
	c.abandonOpen()
	if c.readLast {
		// A write answering a read inside one command (LOCAL INFILE data, an
		// authentication step) takes the id the server's frames reached:
		// the server renumbers its packets so after flushing.
		c.seq, c.readLast = c.comp.seq, false
	}
	c.open = true
	c.pktStart = len(c.wbuf)
	c.wbuf = append(c.wbuf, 0, 0, 0, 0)
	return c.wbuf[c.pktStart:len(c.wbuf):cap(c.wbuf)]
}

// QueuePacket adds buf[4:] as one payload to the pending output: it fills
// the header in buf[:4] with the payload's length and the current sequence
// id, which then advances. A payload of MaxPayloadLen bytes or more is split
// into MaxPayloadLen-byte packets continuing the sequence, plus a final
// shorter (possibly empty) one. Nothing is written until Flush.
//
// buf must come from the last StartPacket; QueuePacket takes ownership of it.
func (c *Conn) QueuePacket(buf []byte) error {
	if len(buf) < headerLen {
		return errors.New("wire: QueuePacket needs the 4 header bytes reserved by StartPacket")
	}
	if !c.open {
		return errors.New("wire: QueuePacket without StartPacket")
	}
	c.open = false
	start := c.pktStart
	switch {
	case len(c.wbuf) > start && cap(buf) > 0 && unsafe.SliceData(buf) == unsafe.SliceData(c.wbuf[start:]):
		c.wbuf = c.wbuf[:start+len(buf)] // appended in place
	case start == 0:
		c.wbuf = buf // grown into a new array: adopt it
	default:
		c.wbuf = append(c.wbuf[:start], buf...)
	}
	n := len(buf) - headerLen
	if n < MaxPayloadLen {
		c.putHeader(c.wbuf[start:], n)
		return nil
	}
	c.splitPayload(start)
	return nil
}

// splitPayload records the packet at wbuf[start:] (header reserved, payload
// of MaxPayloadLen bytes or more) as segments: the first header in place,
// then each chunk as a range of wbuf behind a header of its own.
func (c *Conn) splitPayload(start int) {
	end := len(c.wbuf)
	for off := start + headerLen; ; off += MaxPayloadLen {
		chunk := min(MaxPayloadLen, end-off)
		if off == start+headerLen {
			// What was queued before, with this packet's header in place.
			c.putHeader(c.wbuf[start:], chunk)
			c.segs = append(c.segs, segment{from: c.segEnd, to: off}, segment{from: off, to: off + chunk})
		} else {
			h := segment{isHdr: true}
			c.putHeader(h.hdr[:], chunk)
			c.segs = append(c.segs, h)
			if chunk > 0 {
				c.segs = append(c.segs, segment{from: off, to: off + chunk})
			}
		}
		if chunk < MaxPayloadLen {
			break
		}
	}
	c.segEnd = end
}

// Pending returns how many bytes are queued and not yet written.
func (c *Conn) Pending() int {
	n := len(c.wbuf)
	for _, s := range c.segs {
		if s.isHdr {
			n += headerLen
		}
	}
	return n
}

// Flush writes the pending output: in one Write call when no payload was
// split, else as one vectored write (BuffersWriter) or, for writers without
// one, a Write per part. It returns how many bytes were written, which on
// error may be fewer than were pending. The pending output is cleared
// whatever happens: after an error the stream's position is unknown.
func (c *Conn) Flush() (int64, error) {
	c.abandonOpen()
	defer c.resetPending()
	if c.comp != nil {
		c.comp.cuts = c.cuts
	}
	if len(c.segs) == 0 {
		if len(c.wbuf) == 0 {
			return 0, nil
		}
		n, err := c.wr.Write(c.wbuf)
		if err == nil && n != len(c.wbuf) {
			err = io.ErrShortWrite
		}
		return int64(n), err
	}
	if c.segEnd < len(c.wbuf) {
		c.segs = append(c.segs, segment{from: c.segEnd, to: len(c.wbuf)})
	}
	bufs := make(net.Buffers, 0, len(c.segs))
	for i := range c.segs {
		s := &c.segs[i]
		if s.isHdr {
			bufs = append(bufs, s.hdr[:])
		} else if s.to > s.from {
			bufs = append(bufs, c.wbuf[s.from:s.to])
		}
	}
	if bw, ok := c.wr.(BuffersWriter); ok {
		return bw.WriteBuffers(&bufs)
	}
	var total int64
	for _, b := range bufs {
		n, err := c.wr.Write(b)
		total += int64(n)
		if err == nil && n != len(b) {
			err = io.ErrShortWrite
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// AbortPacket drops the packet StartPacket began, if it was not queued.
func (c *Conn) AbortPacket() { c.abandonOpen() }

// abandonOpen drops a packet that was started and never queued.
func (c *Conn) abandonOpen() {
	if c.open {
		c.wbuf = c.wbuf[:c.pktStart]
		c.open = false
	}
}

// TruncatePending drops the pending output after its first n bytes, which
// must end a queued packet (n is a Pending value taken then); it reports
// false, dropping nothing, when a payload queued since was split.
func (c *Conn) TruncatePending(n int) bool {
	c.abandonOpen()
	if n < 0 || n > len(c.wbuf) || c.segEnd > n || len(c.segs) > 0 && n < c.segEnd {
		return false
	}
	c.wbuf = c.wbuf[:n]
	return true
}

// DiscardPending drops the pending output without writing it.
func (c *Conn) DiscardPending() { c.resetPending() }

func (c *Conn) resetPending() {
	if cap(c.wbuf) > keepWriteBuf {
		c.wbuf = nil
	} else {
		c.wbuf = c.wbuf[:0]
	}
	c.segs = c.segs[:0]
	c.cuts = c.cuts[:0]
	c.segEnd, c.pktStart, c.open = 0, 0, false
}

// WritePacket queues buf as one payload (see QueuePacket) and flushes.
func (c *Conn) WritePacket(buf []byte) error {
	if err := c.QueuePacket(buf); err != nil {
		return err
	}
	_, err := c.Flush()
	return err
}

func (c *Conn) putHeader(h []byte, n int) {
	h[0], h[1], h[2], h[3] = byte(n), byte(n>>8), byte(n>>16), c.seq
	c.seq++
}
