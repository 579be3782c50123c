package wire

// AuthSwitchRequest asks the client to authenticate again with another
// plugin (0xFE, the plugin name, then the plugin's data).
type AuthSwitchRequest struct {
	PluginName string
	// PluginData is the rest of the packet, as sent. For
	// mysql_native_password and caching_sha2_password it is the 20-byte
	// nonce followed by a NUL, which this package does not remove (other
	// plugins, such as client_ed25519, send data whose last byte may be 0).
	PluginData []byte
}

// authSwitchHeader opens an AuthSwitchRequest.
const authSwitchHeader = 0xFE

// Decode parses an auth switch request. The 1-byte form (0xFE alone, which
// old servers send to ask for mysql_old_password) has no plugin name and is
// reported as malformed: callers that accept it check for it first.
func (r *AuthSwitchRequest) Decode(src []byte) error {
	c := newCursor("auth switch request", src)
	if h := c.u8("header"); c.err == nil && h != authSwitchHeader {
		return malformed(c.pkt, "header 0x%02x, want 0xfe", h)
	}
	if c.err == nil && !c.more() {
		return malformed(c.pkt, "no plugin name (the pre-4.1 request for mysql_old_password)")
	}
	name := c.nulStr("plugin name")
	data := c.bytesCopy(c.restSpan())
	if err := c.finish(); err != nil {
		return err
	}
	*r = AuthSwitchRequest{PluginName: name, PluginData: data}
	return nil
}

// Encode appends the auth switch request.
func (r AuthSwitchRequest) Encode(dst []byte) ([]byte, error) {
	if err := checkNUL("auth switch request", "plugin name", r.PluginName); err != nil {
		return dst, err
	}
	dst = append(dst, authSwitchHeader)
	dst = AppendNULString(dst, r.PluginName)
	return append(dst, r.PluginData...), nil
}
