package wire

// ComQuery runs a statement with the text protocol (COM_QUERY).
type ComQuery struct {
	Query string
}

// AppendComQuery appends a COM_QUERY payload for q without building a
// ComQuery: the fast path for callers. It is only for connections without
// ClientQueryAttributes, whose COM_QUERY carries an attribute block.
func AppendComQuery(dst []byte, q string) []byte {
	return append(append(dst, byte(CommandQuery)), q...)
}

// Encode appends the command. With ClientQueryAttributes in caps it writes
// an empty attribute block (no attributes, one parameter set) before the
// query, as that capability requires.
func (q ComQuery) Encode(dst []byte, caps Capability) ([]byte, error) {
	dst = append(dst, byte(CommandQuery))
	if caps&ClientQueryAttributes != 0 {
		dst = append(dst, 0, 1)
	}
	return append(dst, q.Query...), nil
}

// Decode parses the command. With ClientQueryAttributes in caps it reads the
// attribute block, which must be empty: attributes are not supported.
func (q *ComQuery) Decode(src []byte, caps Capability) error {
	c := newCursor("COM_QUERY", src)
	c.command(CommandQuery)
	if caps&ClientQueryAttributes != 0 {
		n := c.lenInt("parameter count")
		sets := c.lenInt("parameter set count")
		if c.err == nil && (n != 0 || sets != 1) {
			return malformed(c.pkt, "%d query attributes in %d sets: attributes are not supported", n, sets)
		}
	}
	s := c.restStr()
	if err := c.finish(); err != nil {
		return err
	}
	q.Query = s
	return nil
}

// command reads the command byte and checks it.
func (c *cursor) command(want Command) {
	if got := Command(c.u8("command")); c.err == nil && got != want {
		c.fail("command 0x%02x, want 0x%02x (%v)", byte(got), byte(want), want)
	}
}
