package wire

import "strconv"

// ErrPacket is an error reported by the server (ERR_Packet). It implements
// error.
type ErrPacket struct {
	Code uint16
	// SQLState is the 5-character SQLSTATE, or "" when the packet has none
	// (errors sent before the handshake completes may lack it).
	SQLState string
	Message  string
}

const errHeader = 0xFF

// progressCode is the error code MariaDB uses for progress reports.
const progressCode = 0xFFFF

// Error formats the error as "Error 1045 (28000): Access denied ...".
func (e *ErrPacket) Error() string {
	s := "Error " + strconv.Itoa(int(e.Code))
	if e.SQLState != "" {
		s += " (" + e.SQLState + ")"
	}
	return s + ": " + e.Message
}

// Decode parses an ERR packet. The '#' marker and SQL state are read when
// present, whatever caps says. With MariaDBClientProgress, a packet with code
// 0xFFFF is a progress report, not an error: Decode reports it as malformed;
// check IsProgressReport first and decode it as a ProgressReport.
func (e *ErrPacket) Decode(src []byte, caps Capability) error {
	c := newCursor("ERR", src)
	if h := c.u8("header"); c.err == nil && h != errHeader {
		return malformed(c.pkt, "header 0x%02x, want 0xff", h)
	}
	code := c.u16("error code")
	if c.err == nil && code == progressCode && caps&MariaDBClientProgress != 0 {
		return malformed(c.pkt, "code 0xffff is a progress report: decode it as ProgressReport")
	}
	if c.err == nil && !c.more() {
		return malformed(c.pkt, "no SQL state and no message after error code %d", code)
	}
	c.shareStrings()
	var state string
	if c.left() >= 6 && c.buf[c.pos] == '#' {
		c.pos++
		state = c.str(c.take(5, "SQL state"))
	}
	msg := c.restStr()
	if err := c.finish(); err != nil {
		return err
	}
	*e = ErrPacket{Code: code, SQLState: state, Message: msg}
	return nil
}

// Encode appends the ERR packet. SQLState must be empty or 5 bytes; code
// 0xFFFF is reserved for progress reports. caps is unused.
func (e ErrPacket) Encode(dst []byte, _ Capability) ([]byte, error) {
	const pkt = "ERR"
	switch {
	case e.Code == progressCode:
		return dst, encodeError(pkt, "code 0xffff is reserved for progress reports")
	case e.SQLState != "" && len(e.SQLState) != 5:
		return dst, encodeError(pkt, "SQL state %q is not 5 bytes", e.SQLState)
	case e.SQLState == "" && e.Message == "":
		return dst, encodeError(pkt, "neither a SQL state nor a message")
	case e.SQLState == "" && len(e.Message) >= 6 && e.Message[0] == '#':
		return dst, encodeError(pkt, "a message starting with '#' would read as a SQL state; set SQLState")
	}
	dst = append(dst, errHeader)
	dst = appendUint16(dst, e.Code)
	if e.SQLState != "" {
		dst = append(append(dst, '#'), e.SQLState...)
	}
	return append(dst, e.Message...), nil
}
