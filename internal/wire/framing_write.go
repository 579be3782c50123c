package wire

import (
	"errors"
	"io"
	"net"
)

// StartPacket returns a buffer of length 4 (room for the header) to which the
// caller appends a payload before passing it to WritePacket. The buffer is
// reused: it is valid until the next StartPacket.
func (c *Conn) StartPacket() []byte {
	if cap(c.wbuf) < headerLen {
		c.wbuf = make([]byte, headerLen, minWriteBuf)
	}
	return c.wbuf[:headerLen]
}

// WritePacket writes buf[4:] as one payload: it fills the header in buf[:4]
// with the payload's length and the current sequence id, which then advances.
// A payload of MaxPayloadLen bytes or more is split into MaxPayloadLen-byte
// packets continuing the sequence, plus a final shorter (possibly empty) one.
// A payload shorter than MaxPayloadLen goes out in one Write call; a longer
// one is written without copying it (as net.Buffers).
//
// buf normally comes from StartPacket. WritePacket takes ownership of it:
// the Conn may hand it out again from a later StartPacket.
func (c *Conn) WritePacket(buf []byte) error {
	if len(buf) < headerLen {
		return errors.New("wire: WritePacket needs the 4 header bytes reserved by StartPacket")
	}
	if cap(buf) <= keepWriteBuf {
		c.wbuf = buf[:0]
	}
	n := len(buf) - headerLen
	if n < MaxPayloadLen {
		c.putHeader(buf, n)
		return c.write(buf)
	}
	return c.writeChunks(buf[headerLen:])
}

// WritePayload writes p as one payload, like WritePacket but without a
// reserved header: small payloads are copied into the write buffer and sent
// in one Write call, larger ones are written without copying.
func (c *Conn) WritePayload(p []byte) error {
	if len(p) <= smallWriteCopy {
		return c.WritePacket(append(c.StartPacket(), p...))
	}
	return c.writeChunks(p)
}

func (c *Conn) putHeader(h []byte, n int) {
	h[0], h[1], h[2], h[3] = byte(n), byte(n>>8), byte(n>>16), c.seq
	c.seq++
}

// writeChunks writes p as a sequence of packets with separate headers.
func (c *Conn) writeChunks(p []byte) error {
	count := len(p)/MaxPayloadLen + 1
	headers := make([]byte, headerLen*count)
	bufs := make(net.Buffers, 0, 2*count)
	for i := range count {
		chunk := p[min(i*MaxPayloadLen, len(p)):min((i+1)*MaxPayloadLen, len(p))]
		h := headers[i*headerLen : (i+1)*headerLen]
		c.putHeader(h, len(chunk))
		bufs = append(bufs, h)
		if len(chunk) > 0 {
			bufs = append(bufs, chunk)
		}
	}
	_, err := bufs.WriteTo(c.wr)
	return err
}

func (c *Conn) write(b []byte) error {
	n, err := c.wr.Write(b)
	if err == nil && n != len(b) {
		err = io.ErrShortWrite
	}
	return err
}
