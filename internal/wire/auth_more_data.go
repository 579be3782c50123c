package wire

// AuthMoreData carries plugin data from the server during authentication
// (0x01 then the data), e.g. caching_sha2_password's fast-auth result or an
// RSA public key.
type AuthMoreData struct {
	Data []byte // a copy of the bytes after the 0x01 header; nil when none
}

const authMoreDataHeader = 0x01

// Decode parses an auth-more-data packet.
func (m *AuthMoreData) Decode(src []byte) error {
	c := newCursor("auth more data", src)
	if h := c.u8("header"); c.err == nil && h != authMoreDataHeader {
		return malformed(c.pkt, "header 0x%02x, want 0x01", h)
	}
	data := c.bytesCopy(c.restSpan())
	if err := c.finish(); err != nil {
		return err
	}
	m.Data = data
	return nil
}

// Encode appends the packet.
func (m AuthMoreData) Encode(dst []byte) ([]byte, error) {
	return append(append(dst, authMoreDataHeader), m.Data...), nil
}
