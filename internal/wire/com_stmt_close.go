package wire

// ComStmtClose frees a prepared statement on the server (COM_STMT_CLOSE).
// The server sends no answer, not even on an unknown id.
type ComStmtClose struct {
	StatementID uint32
}

// Encode appends the command. caps is unused.
func (c ComStmtClose) Encode(dst []byte, _ Capability) ([]byte, error) {
	return appendUint32(append(dst, byte(CommandStmtClose)), c.StatementID), nil
}

// Decode parses the command. caps is unused.
func (c *ComStmtClose) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_STMT_CLOSE", src)
	r.command(CommandStmtClose)
	id := r.u32("statement id")
	if err := r.finish(); err != nil {
		return err
	}
	c.StatementID = id
	return nil
}
