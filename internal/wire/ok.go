package wire

// OK reports a command's success (OK_Packet). With ClientDeprecateEOF it also
// ends a result set, with the header 0xFE instead of 0x00.
type OK struct {
	// Header is 0x00, or 0xFE when the packet ends a result set under
	// ClientDeprecateEOF. Encode writes 0x00 for the zero value.
	Header       byte
	AffectedRows uint64
	LastInsertID uint64
	StatusFlags  StatusFlag
	Warnings     uint16
	// Info is human-readable information, e.g. "Rows matched: 1 Changed: 1".
	Info string
	// SessionChanges lists the session-state changes, sent with
	// ClientSessionTrack when StatusFlags has ServerSessionStateChanged.
	SessionChanges []SessionChange
}

// Decode parses an OK packet. caps decides the layout: the status and
// warnings need ClientProtocol41 (only the status with ClientTransactions),
// and ClientSessionTrack makes Info length-encoded and enables
// SessionChanges. A 0xFE header needs ClientDeprecateEOF.
func (ok *OK) Decode(src []byte, caps Capability) error {
	c := newCursor("OK", src)
	var v OK
	v.Header = c.u8("header")
	if c.err == nil {
		switch {
		case v.Header == 0xFE && caps&ClientDeprecateEOF == 0:
			return malformed(c.pkt, "header 0xfe without CLIENT_DEPRECATE_EOF (an EOF packet)")
		case v.Header == 0xFE && len(src) >= MaxPayloadLen:
			return malformed(c.pkt, "%d bytes after a 0xfe header: a row, not an OK packet", len(src))
		case v.Header != 0x00 && v.Header != 0xFE:
			return malformed(c.pkt, "header 0x%02x, want 0x00 or 0xfe", v.Header)
		}
	}
	v.AffectedRows = c.lenInt("affected rows")
	v.LastInsertID = c.lenInt("last insert id")
	switch {
	case caps&ClientProtocol41 != 0:
		v.StatusFlags = StatusFlag(c.u16("status flags"))
		v.Warnings = c.u16("warnings")
	case caps&ClientTransactions != 0:
		v.StatusFlags = StatusFlag(c.u16("status flags"))
	}
	if c.more() {
		c.shareStrings()
		if caps&ClientSessionTrack != 0 {
			v.Info = c.lenStr("info")
			if v.StatusFlags&ServerSessionStateChanged != 0 {
				v.SessionChanges = c.sessionChanges()
			}
		} else {
			v.Info = c.restStr()
		}
	}
	if err := c.finish(); err != nil {
		return err
	}
	*ok = v
	return nil
}

// Encode appends the OK packet in the layout caps selects. Session changes
// need ClientSessionTrack and ServerSessionStateChanged in StatusFlags.
func (ok OK) Encode(dst []byte, caps Capability) ([]byte, error) {
	const pkt = "OK"
	h := ok.Header
	if h != 0x00 && h != 0xFE {
		return dst, encodeError(pkt, "header 0x%02x, want 0x00 or 0xfe", h)
	}
	track := caps&ClientSessionTrack != 0
	changed := track && ok.StatusFlags&ServerSessionStateChanged != 0
	if len(ok.SessionChanges) > 0 && !changed {
		return dst, encodeError(pkt, "session changes need CLIENT_SESSION_TRACK and SERVER_SESSION_STATE_CHANGED")
	}
	if caps&ClientProtocol41 == 0 && ok.Warnings != 0 {
		return dst, encodeError(pkt, "warnings need CLIENT_PROTOCOL_41")
	}
	dst = append(dst, h)
	dst = AppendLenEncInt(dst, ok.AffectedRows)
	dst = AppendLenEncInt(dst, ok.LastInsertID)
	switch {
	case caps&ClientProtocol41 != 0:
		dst = appendUint16(dst, uint16(ok.StatusFlags))
		dst = appendUint16(dst, ok.Warnings)
	case caps&ClientTransactions != 0:
		dst = appendUint16(dst, uint16(ok.StatusFlags))
	}
	switch {
	case !track:
		dst = append(dst, ok.Info...)
	case ok.Info != "" || changed:
		dst = AppendLenEncStr(dst, ok.Info)
		if changed {
			dst = appendSessionChanges(dst, ok.SessionChanges)
		}
	}
	return dst, nil
}
