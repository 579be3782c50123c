package wire

// EOF ends the column definitions and the rows of a result set when
// ClientDeprecateEOF is not negotiated (EOF_Packet, 4.1 layout).
type EOF struct {
	Warnings    uint16
	StatusFlags StatusFlag
}

const (
	eofHeader = 0xFE
	eofLen    = 5
)

// Decode parses an EOF packet: 0xFE, warnings, status flags; 5 bytes.
func (e *EOF) Decode(src []byte) error {
	if len(src) != eofLen {
		return malformed("EOF", "%d bytes, want 5", len(src))
	}
	if src[0] != eofHeader {
		return malformed("EOF", "header 0x%02x, want 0xfe", src[0])
	}
	e.Warnings = uint16(src[1]) | uint16(src[2])<<8
	e.StatusFlags = StatusFlag(src[3]) | StatusFlag(src[4])<<8
	return nil
}

// Encode appends the EOF packet.
func (e EOF) Encode(dst []byte) ([]byte, error) {
	dst = append(dst, eofHeader)
	dst = appendUint16(dst, e.Warnings)
	return appendUint16(dst, uint16(e.StatusFlags)), nil
}

// IsResultEnd reports whether pkt, read where a result row may come, ends the
// rows instead: an EOF packet or, with ClientDeprecateEOF, an OK packet with
// the 0xFE header. A text row can also start with 0xFE (a first value of
// 2^24 bytes or more); length tells them apart, because such a row is longer
// than any OK or EOF packet.
func IsResultEnd(pkt []byte, caps Capability) bool {
	if len(pkt) == 0 || pkt[0] != eofHeader {
		return false
	}
	if caps&ClientDeprecateEOF != 0 {
		return len(pkt) < MaxPayloadLen
	}
	return len(pkt) < 9
}
