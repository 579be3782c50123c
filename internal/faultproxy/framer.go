package faultproxy

// headerLen is the size of a MySQL packet header: a 3-byte little-endian
// payload length and a sequence number.
const headerLen = 4

// framer follows MySQL packet boundaries in one direction's input stream. It
// sees every byte the direction reads, whatever the mode, so that the Packets
// mode can start framing at the next boundary whenever it takes effect.
type framer struct {
	hdr  [headerLen]byte
	hdrN int // header bytes of the current packet seen so far
	left int // payload bytes of the current packet still to come, once hdrN == headerLen

	// framing is set while the current packet is being collected in buf
	// (the Packets mode saw its first byte).
	framing bool
	buf     []byte
}

// atBoundary reports whether the next byte starts a packet.
func (f *framer) atBoundary() bool { return f.hdrN == 0 }

// advance consumes the bytes of b that belong to the current packet and
// returns how many that is and whether they complete the packet.
func (f *framer) advance(b []byte) (n int, end bool) {
	for f.hdrN < headerLen && n < len(b) {
		f.hdr[f.hdrN] = b[n]
		f.hdrN++
		n++
		if f.hdrN == headerLen {
			f.left = int(f.hdr[0]) | int(f.hdr[1])<<8 | int(f.hdr[2])<<16
		}
	}
	if f.hdrN < headerLen {
		return n, false
	}
	take := min(f.left, len(b)-n)
	f.left -= take
	n += take
	if f.left == 0 {
		f.hdrN = 0
		return n, true
	}
	return n, false
}

// skip consumes all of b without collecting it.
func (f *framer) skip(b []byte) {
	for len(b) > 0 {
		n, _ := f.advance(b)
		b = b[n:]
	}
}

// take returns the partly collected packet, if any, and stops collecting it;
// the stream position is kept.
func (f *framer) take() []byte {
	b := f.buf
	f.buf = nil
	f.framing = false
	return b
}

// next consumes from b either one whole packet to be framed (pkt, with the
// header), or a run of raw bytes that must pass unframed because the mode
// started mid-packet (raw). When b ends inside a packet being framed, the
// bytes are kept and both results are nil. rest is what b has left.
func (f *framer) next(b []byte) (pkt, raw, rest []byte) {
	if !f.framing && !f.atBoundary() {
		n, _ := f.advance(b)
		return nil, b[:n], b[n:]
	}
	f.framing = true
	n, end := f.advance(b)
	f.buf = append(f.buf, b[:n]...)
	if !end {
		return nil, nil, b[n:]
	}
	return f.take(), nil, b[n:]
}
