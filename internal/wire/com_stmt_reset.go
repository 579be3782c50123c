package wire

// ComStmtReset resets a prepared statement (COM_STMT_RESET): the server
// discards the data sent with COM_STMT_SEND_LONG_DATA and closes the
// statement's cursor, and answers with an OK or ERR packet.
type ComStmtReset struct {
	StatementID uint32
}

// Encode appends the command. caps is unused.
func (c ComStmtReset) Encode(dst []byte, _ Capability) ([]byte, error) {
	return appendUint32(append(dst, byte(CommandStmtReset)), c.StatementID), nil
}

// Decode parses the command. caps is unused.
func (c *ComStmtReset) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_STMT_RESET", src)
	r.command(CommandStmtReset)
	id := r.u32("statement id")
	if err := r.finish(); err != nil {
		return err
	}
	c.StatementID = id
	return nil
}
