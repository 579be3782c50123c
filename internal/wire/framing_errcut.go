package wire

import (
	"bytes"
	"unicode/utf8"
)

// errFixedLen is the part of an ERR payload before its message: the header
// byte, the code, '#' and the SQL state.
const errFixedLen = 1 + 2 + 1 + 5

// errAhead reads the first byte of the payload whose header is at rpos and
// reports whether it starts an ERR packet.
func (c *Conn) errAhead() (bool, error) {
	if err := c.fill(headerLen+1, false); err != nil {
		return false, err
	}
	return c.buf[c.rpos+headerLen] == errHeader, nil
}

// readCutErr returns the first maxPacket bytes of the ERR payload of n bytes
// whose header is at rpos (its sequence id checked), and reads and drops the
// rest of it. The read buffer grows to maxPacket at most.
func (c *Conn) readCutErr(n int) ([]byte, error) {
	keep := c.max
	if err := c.fill(headerLen+keep, false); err != nil {
		return nil, err
	}
	start := c.rpos + headerLen
	p := cutAtRune(bytes.Clone(c.buf[start : start+keep]))
	c.rpos = start + keep
	if err := c.dropRest(n, n-keep); err != nil {
		return nil, err
	}
	return p, nil
}

// cutJoinedErr is readCutErr for an ERR payload that readJoined finds over
// the bound: total bytes of it are joined at rpos, and the continuation of n
// bytes whose header follows them (its sequence id checked) would exceed it.
func (c *Conn) cutJoinedErr(total, n int) ([]byte, error) {
	p := cutAtRune(bytes.Clone(c.buf[c.rpos : c.rpos+total]))
	c.rpos += total + headerLen
	if err := c.dropRest(n, n); err != nil {
		return nil, err
	}
	return p, nil
}

// dropRest reads and drops the rest of a payload: the last left bytes of the
// current packet, n bytes long, whose header was consumed, then, while the
// packets are MaxPayloadLen long, the continuations (sequence ids checked).
func (c *Conn) dropRest(n, left int) error {
	for {
		if err := c.discard(left); err != nil {
			return err
		}
		c.seq++
		if n < MaxPayloadLen {
			return nil
		}
		if err := c.fill(headerLen, false); err != nil {
			return err
		}
		var err error
		if n, err = c.readHeader(c.rpos); err != nil {
			return err
		}
		c.rpos += headerLen
		left = n
	}
}

// discard reads and drops n bytes of the stream, reusing the read buffer.
func (c *Conn) discard(n int) error {
	for n > 0 {
		if c.rpos == c.wpos {
			c.rpos, c.wpos = 0, 0
			if err := c.fill(1, false); err != nil {
				return err
			}
		}
		d := min(n, c.wpos-c.rpos)
		c.rpos += d
		n -= d
	}
	return nil
}

// cutAtRune drops the bytes of a UTF-8 sequence that the cut left
// incomplete at the end of an ERR payload's message.
func cutAtRune(p []byte) []byte {
	i := len(p) - 1
	for i > errFixedLen && len(p)-i < utf8.UTFMax && !utf8.RuneStart(p[i]) {
		i--
	}
	if i >= errFixedLen && !utf8.FullRune(p[i:]) {
		return p[:i]
	}
	return p
}
