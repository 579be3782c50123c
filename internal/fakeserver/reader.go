package fakeserver

import "io"

// packetReader reads from r no further than the end of the current MySQL
// packet. The plain-text wire.Conn reads through it, so that the bytes a
// client sends right after its SSL request (the TLS ClientHello) stay in
// the socket for the TLS handshake instead of in the wire.Conn's buffer.
type packetReader struct {
	r    io.Reader
	hdr  [4]byte
	nhdr int // bytes of the next header read so far
	left int // payload bytes left in the current packet
}

func (p *packetReader) Read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if p.left > 0 {
		n, err := p.r.Read(b[:min(len(b), p.left)])
		p.left -= n
		return n, err
	}
	n, err := p.r.Read(b[:min(len(b), len(p.hdr)-p.nhdr)])
	copy(p.hdr[p.nhdr:], b[:n])
	p.nhdr += n
	if p.nhdr == len(p.hdr) {
		p.left = int(p.hdr[0]) | int(p.hdr[1])<<8 | int(p.hdr[2])<<16
		p.nhdr = 0
	}
	return n, err
}
