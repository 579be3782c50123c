package wire

// Handshake is the server's greeting (Protocol::HandshakeV10), the first
// packet of every connection.
type Handshake struct {
	// ProtocolVersion is always 10; Decode rejects any other value with a
	// *ProtocolVersionError, and Encode writes 10 when it is zero.
	ProtocolVersion byte
	// ServerVersion is the version string, e.g. "8.0.40" or, for MariaDB
	// 10.x, "5.5.5-10.11.6-MariaDB" (the prefix is for old replicas).
	ServerVersion string
	ConnectionID  uint32
	// AuthPluginData is the nonce (scramble) for authentication: both parts
	// joined, without the NUL that ends the second part; 20 bytes from
	// every current server.
	AuthPluginData []byte
	// Capabilities are the server's flags, MariaDB's extended ones included
	// when the server clears ClientLongPassword (CLIENT_MYSQL).
	Capabilities Capability
	// CharacterSet is the server's default collation id (low byte).
	CharacterSet byte
	StatusFlags  StatusFlag
	// AuthPluginName is the server's default authentication plugin, set
	// when Capabilities has ClientPluginAuth.
	AuthPluginName string
}

const (
	scramblePart1Len    = 8
	scramblePart2MinLen = 12 // plus a NUL
)

// Decode parses a greeting. Pre-4.1 greetings, which end after the lower
// capability flags, are rejected as malformed.
func (h *Handshake) Decode(src []byte) error {
	c := newCursor("handshake", src)
	v := c.u8("protocol version")
	if c.err == nil && v != 10 {
		return &ProtocolVersionError{Version: v}
	}
	c.shareStrings()
	version := c.nulStr("server version")
	id := c.u32("connection id")
	lo1, hi1 := c.take(scramblePart1Len, "auth plugin data (part 1)")
	c.u8("filler")
	caps := Capability(c.u16("capability flags"))
	charset := c.u8("character set")
	status := StatusFlag(c.u16("status flags"))
	caps |= Capability(c.u16("capability flags (upper)")) << 16
	authLen := int(c.u8("auth plugin data length"))
	if caps&ClientPluginAuth == 0 {
		authLen = 0 // the byte is meaningful only with CLIENT_PLUGIN_AUTH
	}
	c.take(6, "reserved")
	ext := c.u32("MariaDB capabilities")
	if caps&ClientLongPassword == 0 {
		caps |= Capability(ext) << 32
	}
	lo2, hi2 := 0, 0
	if caps&ClientSecureConnection != 0 {
		// max(13, authLen-8) bytes, the last a NUL.
		lo2, hi2 = c.take(max(scramblePart2MinLen, authLen-scramblePart1Len-1)+1, "auth plugin data (part 2)")
		hi2 = max(lo2, hi2-1)
	}
	var plugin string
	if caps&ClientPluginAuth != 0 {
		plugin = c.nulStr("auth plugin name")
	}
	if err := c.finish(); err != nil {
		return err
	}
	*h = Handshake{
		ProtocolVersion: v,
		ServerVersion:   version,
		ConnectionID:    id,
		AuthPluginData:  append(append(make([]byte, 0, hi1-lo1+hi2-lo2), c.buf[lo1:hi1]...), c.buf[lo2:hi2]...),
		Capabilities:    caps,
		CharacterSet:    charset,
		StatusFlags:     status,
		AuthPluginName:  plugin,
	}
	return nil
}

// Encode appends the greeting. The layout follows h.Capabilities; caps is
// unused. With ClientSecureConnection, AuthPluginData needs 8 to 254 bytes
// and is padded to 20; without it, exactly 8.
func (h Handshake) Encode(dst []byte, _ Capability) ([]byte, error) {
	const pkt = "handshake"
	caps := h.Capabilities
	if err := checkNUL(pkt, "server version", h.ServerVersion); err != nil {
		return dst, err
	}
	if err := checkNUL(pkt, "auth plugin name", h.AuthPluginName); err != nil {
		return dst, err
	}
	if err := checkExtended(pkt, caps); err != nil {
		return dst, err
	}
	data := h.AuthPluginData
	if len(data) < scramblePart1Len {
		return dst, encodeError(pkt, "auth plugin data has %d bytes, want at least 8", len(data))
	}
	secure := caps&ClientSecureConnection != 0
	plugin := caps&ClientPluginAuth != 0
	switch {
	case !secure && len(data) != scramblePart1Len:
		return dst, encodeError(pkt, "without CLIENT_SECURE_CONNECTION the auth plugin data is 8 bytes, got %d", len(data))
	case secure && plugin && len(data) > 254:
		return dst, encodeError(pkt, "auth plugin data of %d bytes does not fit", len(data))
	case secure && !plugin && len(data) > scramblePart1Len+scramblePart2MinLen:
		return dst, encodeError(pkt, "without CLIENT_PLUGIN_AUTH the auth plugin data is at most 20 bytes, got %d", len(data))
	case !plugin && h.AuthPluginName != "":
		return dst, encodeError(pkt, "an auth plugin name needs CLIENT_PLUGIN_AUTH")
	}
	v := h.ProtocolVersion
	if v == 0 {
		v = 10
	}
	dst = append(dst, v)
	dst = AppendNULString(dst, h.ServerVersion)
	dst = appendUint32(dst, h.ConnectionID)
	dst = append(dst, data[:scramblePart1Len]...)
	dst = append(dst, 0)
	dst = appendUint16(dst, uint16(caps))
	dst = append(dst, h.CharacterSet)
	dst = appendUint16(dst, uint16(h.StatusFlags))
	dst = appendUint16(dst, uint16(caps>>16))
	if plugin && secure {
		dst = append(dst, byte(len(data)+1))
	} else {
		dst = append(dst, 0)
	}
	dst = append(dst, 0, 0, 0, 0, 0, 0)
	dst = appendUint32(dst, uint32(caps>>32))
	if secure {
		part2 := data[scramblePart1Len:]
		dst = append(dst, part2...)
		for i := len(part2); i < scramblePart2MinLen; i++ {
			dst = append(dst, 0)
		}
		dst = append(dst, 0)
	}
	if plugin {
		dst = AppendNULString(dst, h.AuthPluginName)
	}
	return dst, nil
}
