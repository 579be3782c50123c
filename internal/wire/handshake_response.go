package wire

import "bytes"

// HandshakeResponse is the client's answer to the greeting
// (Protocol::HandshakeResponse41).
type HandshakeResponse struct {
	// Capabilities are the client's flags; they decide the layout. MariaDB's
	// extended flags travel in the last 4 filler bytes when
	// ClientLongPassword (CLIENT_MYSQL) is clear.
	Capabilities  Capability
	MaxPacketSize uint32
	// CharacterSet is the client's collation id (low byte).
	CharacterSet byte
	Username     string
	// AuthResponse is the first authentication answer: length-encoded with
	// ClientPluginAuthLenEncClientData, else prefixed with a 1-byte length
	// with ClientSecureConnection (so at most 255 bytes), else
	// NUL-terminated (so without NUL bytes).
	AuthResponse []byte
	// Database is sent with ClientConnectWithDB.
	Database string
	// AuthPluginName is sent with ClientPluginAuth.
	AuthPluginName string
	// Attributes are sent with ClientConnectAttrs (and dropped without it).
	Attributes []Attribute
	// ZstdCompressionLevel is sent with ClientZstdCompressionAlgorithm.
	ZstdCompressionLevel byte
}

// Decode parses a handshake response. caps is unused: the packet carries the
// client's flags, and every field they announce must be present.
func (r *HandshakeResponse) Decode(src []byte, _ Capability) error {
	c := newCursor("handshake response", src)
	c.shareStrings()
	var v HandshakeResponse
	v.Capabilities, v.MaxPacketSize, v.CharacterSet = c.clientPrefix()
	caps := v.Capabilities
	v.Username = c.nulStr("username")
	switch {
	case caps&ClientPluginAuthLenEncClientData != 0:
		v.AuthResponse = c.lenBytes("auth response")
	case caps&ClientSecureConnection != 0:
		v.AuthResponse = c.bytesCopy(c.take(int(c.u8("auth response length")), "auth response"))
	default:
		v.AuthResponse = c.bytesCopy(c.nulSpan("auth response"))
	}
	if caps&ClientConnectWithDB != 0 {
		v.Database = c.nulStr("database")
	}
	if caps&ClientPluginAuth != 0 {
		v.AuthPluginName = c.nulStr("auth plugin name")
	}
	if caps&ClientConnectAttrs != 0 {
		v.Attributes = c.attributes()
	}
	if caps&ClientZstdCompressionAlgorithm != 0 {
		v.ZstdCompressionLevel = c.u8("zstd compression level")
	}
	if err := c.finish(); err != nil {
		return err
	}
	*r = v
	return nil
}

// Encode appends the handshake response. The layout follows r.Capabilities;
// caps is unused. A Database or AuthPluginName whose capability flag is not
// set is an error rather than silently dropped.
func (r HandshakeResponse) Encode(dst []byte, _ Capability) ([]byte, error) {
	const pkt = "handshake response"
	caps := r.Capabilities
	if caps&ClientProtocol41 == 0 {
		return dst, encodeError(pkt, "CLIENT_PROTOCOL_41 is not set")
	}
	if err := checkExtended(pkt, caps); err != nil {
		return dst, err
	}
	for _, f := range [...]struct{ name, s string }{
		{"username", r.Username}, {"database", r.Database}, {"auth plugin name", r.AuthPluginName},
	} {
		if err := checkNUL(pkt, f.name, f.s); err != nil {
			return dst, err
		}
	}
	if r.Database != "" && caps&ClientConnectWithDB == 0 {
		return dst, encodeError(pkt, "a database needs CLIENT_CONNECT_WITH_DB")
	}
	if r.AuthPluginName != "" && caps&ClientPluginAuth == 0 {
		return dst, encodeError(pkt, "an auth plugin name needs CLIENT_PLUGIN_AUTH")
	}
	if r.ZstdCompressionLevel != 0 && caps&ClientZstdCompressionAlgorithm == 0 {
		return dst, encodeError(pkt, "a zstd compression level needs CLIENT_ZSTD_COMPRESSION_ALGORITHM")
	}
	if err := checkAuthResponse(pkt, caps, r.AuthResponse, true); err != nil {
		return dst, err
	}
	dst = appendClientPrefix(dst, caps, r.MaxPacketSize, r.CharacterSet)
	dst = AppendNULString(dst, r.Username)
	dst = appendAuthResponse(dst, caps, r.AuthResponse, true)
	if caps&ClientConnectWithDB != 0 {
		dst = AppendNULString(dst, r.Database)
	}
	if caps&ClientPluginAuth != 0 {
		dst = AppendNULString(dst, r.AuthPluginName)
	}
	if caps&ClientConnectAttrs != 0 {
		dst = appendAttributes(dst, r.Attributes)
	}
	if caps&ClientZstdCompressionAlgorithm != 0 {
		dst = append(dst, r.ZstdCompressionLevel)
	}
	return dst, nil
}

// checkAuthResponse checks that resp fits the encoding caps select.
// lenEnc says whether ClientPluginAuthLenEncClientData applies (it does not
// in COM_CHANGE_USER).
func checkAuthResponse(pkt string, caps Capability, resp []byte, lenEnc bool) error {
	switch {
	case lenEnc && caps&ClientPluginAuthLenEncClientData != 0:
		return nil
	case caps&ClientSecureConnection != 0:
		if len(resp) > 255 {
			return encodeError(pkt, "an auth response of %d bytes needs CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA (the limit is 255)", len(resp))
		}
	default:
		if bytes.IndexByte(resp, 0) >= 0 {
			return encodeError(pkt, "the NUL-terminated auth response contains a NUL byte")
		}
	}
	return nil
}

// appendAuthResponse appends resp in the encoding caps select.
func appendAuthResponse(dst []byte, caps Capability, resp []byte, lenEnc bool) []byte {
	switch {
	case lenEnc && caps&ClientPluginAuthLenEncClientData != 0:
		return AppendLenEncString(dst, resp)
	case caps&ClientSecureConnection != 0:
		return append(append(dst, byte(len(resp))), resp...)
	}
	return append(append(dst, resp...), 0)
}
