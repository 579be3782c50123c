package wire

// ComStmtSendLongData sends (a piece of) a parameter's value ahead of
// COM_STMT_EXECUTE (COM_STMT_SEND_LONG_DATA); the pieces sent for a
// parameter are joined, and the execute then marks it with
// StmtParam.LongData. The server sends no answer; an error surfaces at the
// execute.
type ComStmtSendLongData struct {
	StatementID uint32
	// Param is the parameter's 0-based position.
	Param uint16
	// Data is the piece, written as it is. Decode's Data aliases the
	// payload.
	Data []byte
}

// Encode appends the command. caps is unused.
func (c ComStmtSendLongData) Encode(dst []byte, _ Capability) ([]byte, error) {
	dst = appendUint32(append(dst, byte(CommandStmtSendLongData)), c.StatementID)
	dst = appendUint16(dst, c.Param)
	return append(dst, c.Data...), nil
}

// Decode parses the command. Data aliases src (nil when empty): long data is
// large, and a server appends it elsewhere at once. caps is unused.
func (c *ComStmtSendLongData) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_STMT_SEND_LONG_DATA", src)
	r.command(CommandStmtSendLongData)
	v := ComStmtSendLongData{StatementID: r.u32("statement id"), Param: r.u16("parameter")}
	if lo, hi := r.restSpan(); hi > lo {
		v.Data = src[lo:hi:hi]
	}
	if err := r.finish(); err != nil {
		return err
	}
	*c = v
	return nil
}
