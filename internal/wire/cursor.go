package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// cursor reads a payload front to back. The first failure sticks: later
// reads return zero values, and err holds a *MalformedError naming the
// packet and the field. Reads never go past the end of buf.
type cursor struct {
	buf []byte
	pos int
	pkt string // packet name for errors
	err error
	// s, when set, is buf as a string: strings are then substrings of it, so
	// a packet with many strings costs one allocation.
	s string
}

func newCursor(pkt string, buf []byte) cursor { return cursor{buf: buf, pkt: pkt} }

// shareStrings makes every later string a substring of one copy of buf.
func (c *cursor) shareStrings() { c.s = string(c.buf) }

func (c *cursor) fail(format string, args ...any) {
	if c.err == nil {
		c.err = malformed(c.pkt, format, args...)
	}
}

func (c *cursor) left() int { return len(c.buf) - c.pos }

func (c *cursor) more() bool { return c.err == nil && c.pos < len(c.buf) }

// take consumes n bytes and returns their span.
func (c *cursor) take(n int, what string) (lo, hi int) {
	if c.err != nil {
		return c.pos, c.pos
	}
	if n < 0 || n > c.left() {
		c.fail("%s: need %d bytes, %d left", what, n, c.left())
		return c.pos, c.pos
	}
	lo = c.pos
	c.pos += n
	return lo, c.pos
}

func (c *cursor) u8(what string) byte {
	lo, hi := c.take(1, what)
	if hi == lo {
		return 0
	}
	return c.buf[lo]
}

// metadataFollows reads the metadata-follows byte of a column count or a
// COM_STMT_PREPARE response: 1 (definitions follow) or 0 (skipped, the
// client has them cached); anything else is malformed.
func (c *cursor) metadataFollows() (bool, error) {
	switch f := c.u8("metadata follows"); {
	case c.err != nil || f == 1:
		return true, nil // a short packet is reported by finish
	case f == 0:
		return false, nil
	default:
		return true, malformed(c.pkt, "metadata-follows byte %d, want 0 or 1", f)
	}
}

func (c *cursor) u16(what string) uint16 {
	lo, hi := c.take(2, what)
	if hi == lo {
		return 0
	}
	return binary.LittleEndian.Uint16(c.buf[lo:])
}

func (c *cursor) u24(what string) uint32 {
	lo, hi := c.take(3, what)
	if hi == lo {
		return 0
	}
	return uint32(c.buf[lo]) | uint32(c.buf[lo+1])<<8 | uint32(c.buf[lo+2])<<16
}

func (c *cursor) u32(what string) uint32 {
	lo, hi := c.take(4, what)
	if hi == lo {
		return 0
	}
	return binary.LittleEndian.Uint32(c.buf[lo:])
}

// lenInt reads a length-encoded integer; NULL is malformed here.
func (c *cursor) lenInt(what string) uint64 {
	if c.err != nil {
		return 0
	}
	v, n, err := ReadLenEncInt(c.buf[c.pos:])
	if err != nil {
		c.wrap(what, err)
		return 0
	}
	c.pos += n
	return v
}

func (c *cursor) wrap(what string, err error) {
	var m *MalformedError
	switch {
	case errors.Is(err, ErrNull):
		c.fail("%s: NULL (0xFB) is not allowed here", what)
	case errors.As(err, &m):
		c.fail("%s: %s", what, m.Reason)
	default:
		c.fail("%s: %v", what, err)
	}
}

// lenSpan reads a length-encoded string and returns its span.
func (c *cursor) lenSpan(what string) (lo, hi int) {
	n := c.lenInt(what)
	if c.err != nil {
		return c.pos, c.pos
	}
	if n > uint64(c.left()) {
		c.fail("%s: length %d exceeds the %d bytes left", what, n, c.left())
		return c.pos, c.pos
	}
	return c.take(int(n), what)
}

// nulSpan reads a NUL-terminated string (consuming the NUL) and returns the
// span without it.
func (c *cursor) nulSpan(what string) (lo, hi int) {
	if c.err != nil {
		return c.pos, c.pos
	}
	i := bytes.IndexByte(c.buf[c.pos:], 0)
	if i < 0 {
		c.fail("%s: no NUL terminator in the %d bytes left", what, c.left())
		return c.pos, c.pos
	}
	lo, hi = c.pos, c.pos+i
	c.pos = hi + 1
	return lo, hi
}

// restSpan consumes the rest of the payload.
func (c *cursor) restSpan() (lo, hi int) {
	if c.err != nil {
		return c.pos, c.pos
	}
	lo, c.pos = c.pos, len(c.buf)
	return lo, c.pos
}

func (c *cursor) str(lo, hi int) string {
	if c.s != "" {
		return c.s[lo:hi]
	}
	return string(c.buf[lo:hi])
}

// bytesCopy returns a copy of buf[lo:hi], nil when empty.
func (c *cursor) bytesCopy(lo, hi int) []byte {
	if lo == hi {
		return nil
	}
	return bytes.Clone(c.buf[lo:hi])
}

func (c *cursor) lenStr(what string) string   { return c.str(c.lenSpan(what)) }
func (c *cursor) nulStr(what string) string   { return c.str(c.nulSpan(what)) }
func (c *cursor) restStr() string             { return c.str(c.restSpan()) }
func (c *cursor) lenBytes(what string) []byte { return c.bytesCopy(c.lenSpan(what)) }

// finish reports the first error, or trailing bytes as an error.
func (c *cursor) finish() error {
	if c.err == nil && c.pos != len(c.buf) {
		c.fail("%d unexpected bytes after the last field", len(c.buf)-c.pos)
	}
	return c.err
}
