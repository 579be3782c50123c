package wire

// SSLRequest is the client's request to switch to TLS: the first 32 bytes of
// a handshake response, sent in the clear before the TLS handshake; the full
// HandshakeResponse follows over TLS.
type SSLRequest struct {
	// Capabilities are the client's flags; ClientSSL and ClientProtocol41
	// must be set. MariaDB's extended flags travel in the last 4 filler
	// bytes when ClientLongPassword (CLIENT_MYSQL) is clear.
	Capabilities  Capability
	MaxPacketSize uint32
	// CharacterSet is the client's collation id (low byte).
	CharacterSet byte
}

// clientPrefixLen is the size of the part shared by SSLRequest and
// HandshakeResponse.
const clientPrefixLen = 32

// Decode parses an SSL request: exactly 32 bytes with ClientSSL set. caps is
// unused: the packet carries the client's flags.
func (r *SSLRequest) Decode(src []byte, _ Capability) error {
	const pkt = "SSL request"
	if len(src) != clientPrefixLen {
		return malformed(pkt, "%d bytes, want 32", len(src))
	}
	c := newCursor(pkt, src)
	caps, maxPacket, charset := c.clientPrefix()
	if err := c.finish(); err != nil {
		return err
	}
	if caps&ClientSSL == 0 {
		return malformed(pkt, "CLIENT_SSL is not set")
	}
	*r = SSLRequest{Capabilities: caps, MaxPacketSize: maxPacket, CharacterSet: charset}
	return nil
}

// Encode appends the SSL request. caps is unused: r.Capabilities is written.
func (r SSLRequest) Encode(dst []byte, _ Capability) ([]byte, error) {
	const pkt = "SSL request"
	if r.Capabilities&ClientSSL == 0 {
		return dst, encodeError(pkt, "CLIENT_SSL is not set")
	}
	if r.Capabilities&ClientProtocol41 == 0 {
		return dst, encodeError(pkt, "CLIENT_PROTOCOL_41 is not set")
	}
	if err := checkExtended(pkt, r.Capabilities); err != nil {
		return dst, err
	}
	return appendClientPrefix(dst, r.Capabilities, r.MaxPacketSize, r.CharacterSet), nil
}

// appendClientPrefix appends the 32-byte prefix of SSLRequest and
// HandshakeResponse.
func appendClientPrefix(dst []byte, caps Capability, maxPacket uint32, charset byte) []byte {
	dst = appendUint32(dst, uint32(caps))
	dst = appendUint32(dst, maxPacket)
	dst = append(dst, charset)
	dst = append(dst, make([]byte, 19)...)
	if caps&ClientLongPassword == 0 {
		return appendUint32(dst, uint32(caps>>32))
	}
	return append(dst, 0, 0, 0, 0)
}

// clientPrefix reads the 32-byte prefix of SSLRequest and
// HandshakeResponse. It requires ClientProtocol41: pre-4.1 packets have
// another layout.
func (c *cursor) clientPrefix() (caps Capability, maxPacket uint32, charset byte) {
	caps = Capability(c.u32("capability flags"))
	if c.err == nil && caps&ClientProtocol41 == 0 {
		c.fail("CLIENT_PROTOCOL_41 is not set (pre-4.1 clients are not supported)")
	}
	maxPacket = c.u32("max packet size")
	charset = c.u8("character set")
	c.take(19, "filler")
	ext := c.u32("MariaDB capabilities")
	if caps&ClientLongPassword == 0 {
		caps |= Capability(ext) << 32
	}
	return caps, maxPacket, charset
}
