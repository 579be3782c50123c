package wire

// ComStmtFetch asks for the next Rows rows of the cursor a COM_STMT_EXECUTE
// with cursor flags opened (COM_STMT_FETCH). The server answers with binary
// rows (no column definitions) ended by an EOF packet (an OK packet with the
// 0xFE header under ClientDeprecateEOF), whose status has
// ServerStatusCursorExists and, after the last row, ServerStatusLastRowSent;
// or with an ERR packet.
type ComStmtFetch struct {
	StatementID uint32
	Rows        uint32
}

// Encode appends the command. caps is unused.
func (c ComStmtFetch) Encode(dst []byte, _ Capability) ([]byte, error) {
	dst = appendUint32(append(dst, byte(CommandStmtFetch)), c.StatementID)
	return appendUint32(dst, c.Rows), nil
}

// Decode parses the command. caps is unused.
func (c *ComStmtFetch) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_STMT_FETCH", src)
	r.command(CommandStmtFetch)
	v := ComStmtFetch{StatementID: r.u32("statement id"), Rows: r.u32("rows")}
	if err := r.finish(); err != nil {
		return err
	}
	*c = v
	return nil
}
