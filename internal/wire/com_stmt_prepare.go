package wire

// ComStmtPrepare prepares a statement (COM_STMT_PREPARE). The server
// answers with an ERR packet or a StmtPrepareOK and the definitions it
// announces. Unlike COM_QUERY, the command carries no query attributes.
type ComStmtPrepare struct {
	Query string
}

// AppendComStmtPrepare appends a COM_STMT_PREPARE payload for q without
// building a ComStmtPrepare: the fast path for callers.
func AppendComStmtPrepare(dst []byte, q string) []byte {
	return append(append(dst, byte(CommandStmtPrepare)), q...)
}

// Encode appends the command. caps is unused.
func (q ComStmtPrepare) Encode(dst []byte, _ Capability) ([]byte, error) {
	return AppendComStmtPrepare(dst, q.Query), nil
}

// Decode parses the command. caps is unused.
func (q *ComStmtPrepare) Decode(src []byte, _ Capability) error {
	c := newCursor("COM_STMT_PREPARE", src)
	c.command(CommandStmtPrepare)
	s := c.restStr()
	if err := c.finish(); err != nil {
		return err
	}
	q.Query = s
	return nil
}
