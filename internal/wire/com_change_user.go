package wire

// ComChangeUser re-authenticates the connection as another user and resets
// the session (COM_CHANGE_USER). The server answers as it does to a
// handshake response: OK, ERR or an auth switch.
type ComChangeUser struct {
	User string
	// AuthResponse is prefixed with a 1-byte length with
	// ClientSecureConnection (so at most 255 bytes), else NUL-terminated.
	AuthResponse []byte
	Database     string
	// CharacterSet is the collation id (2 bytes here, unlike the handshake).
	CharacterSet uint16
	// AuthPluginName is sent with ClientPluginAuth.
	AuthPluginName string
	// Attributes are sent with ClientConnectAttrs (and dropped without it).
	Attributes []Attribute
}

// Encode appends the command in the layout caps selects.
func (c ComChangeUser) Encode(dst []byte, caps Capability) ([]byte, error) {
	const pkt = "COM_CHANGE_USER"
	for _, f := range [...]struct{ name, s string }{
		{"user", c.User}, {"database", c.Database}, {"auth plugin name", c.AuthPluginName},
	} {
		if err := checkNUL(pkt, f.name, f.s); err != nil {
			return dst, err
		}
	}
	if c.AuthPluginName != "" && caps&ClientPluginAuth == 0 {
		return dst, encodeError(pkt, "an auth plugin name needs CLIENT_PLUGIN_AUTH")
	}
	if err := checkAuthResponse(pkt, caps, c.AuthResponse, false); err != nil {
		return dst, err
	}
	dst = append(dst, byte(CommandChangeUser))
	dst = AppendNULString(dst, c.User)
	dst = appendAuthResponse(dst, caps, c.AuthResponse, false)
	dst = AppendNULString(dst, c.Database)
	dst = appendUint16(dst, c.CharacterSet)
	if caps&ClientPluginAuth != 0 {
		dst = AppendNULString(dst, c.AuthPluginName)
	}
	if caps&ClientConnectAttrs != 0 {
		dst = appendAttributes(dst, c.Attributes)
	}
	return dst, nil
}

// Decode parses the command in the layout caps selects. The character set
// and the fields caps announces must be present (very old clients omitted
// them; this package does not accept that).
func (c *ComChangeUser) Decode(src []byte, caps Capability) error {
	r := newCursor("COM_CHANGE_USER", src)
	r.command(CommandChangeUser)
	r.shareStrings()
	var v ComChangeUser
	v.User = r.nulStr("user")
	if caps&ClientSecureConnection != 0 {
		v.AuthResponse = r.bytesCopy(r.take(int(r.u8("auth response length")), "auth response"))
	} else {
		v.AuthResponse = r.bytesCopy(r.nulSpan("auth response"))
	}
	v.Database = r.nulStr("database")
	v.CharacterSet = r.u16("character set")
	if caps&ClientPluginAuth != 0 {
		v.AuthPluginName = r.nulStr("auth plugin name")
	}
	if caps&ClientConnectAttrs != 0 {
		v.Attributes = r.attributes()
	}
	if err := r.finish(); err != nil {
		return err
	}
	*c = v
	return nil
}
