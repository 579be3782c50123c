package wire

// Attribute is one connection attribute (a key and a value), sent with
// ClientConnectAttrs in the handshake response and COM_CHANGE_USER. The
// order of a []Attribute is kept on the wire.
type Attribute struct {
	Key   string
	Value string
}

// appendAttributes appends the length-encoded block of attributes.
func appendAttributes(dst []byte, attrs []Attribute) []byte {
	total := 0
	for _, a := range attrs {
		total += lenEncStrSize(len(a.Key)) + lenEncStrSize(len(a.Value))
	}
	dst = AppendLenEncInt(dst, uint64(total))
	for _, a := range attrs {
		dst = AppendLenEncStr(dst, a.Key)
		dst = AppendLenEncStr(dst, a.Value)
	}
	return dst
}

// attributes reads a length-encoded block of attributes. An empty block
// gives nil.
func (c *cursor) attributes() []Attribute {
	lo, hi := c.lenSpan("connection attributes")
	if c.err != nil || lo == hi {
		return nil
	}
	sub := cursor{buf: c.buf[:hi], pos: lo, pkt: c.pkt, s: c.s}
	var attrs []Attribute
	for sub.more() {
		k := sub.lenStr("connection attribute key")
		v := sub.lenStr("connection attribute value")
		attrs = append(attrs, Attribute{Key: k, Value: v})
	}
	if sub.err != nil {
		c.err = sub.err
		return nil
	}
	return attrs
}
