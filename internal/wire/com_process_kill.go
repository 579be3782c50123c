package wire

// ComProcessKill asks the server to kill a connection (COM_PROCESS_KILL).
// Servers deprecate it in favour of "KILL [QUERY] id" through COM_QUERY, which
// can also stop only the running statement.
type ComProcessKill struct {
	ConnectionID uint32
}

// Encode appends the command. caps is unused.
func (c ComProcessKill) Encode(dst []byte, _ Capability) ([]byte, error) {
	return appendUint32(append(dst, byte(CommandProcessKill)), c.ConnectionID), nil
}

// Decode parses the command. caps is unused.
func (c *ComProcessKill) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_PROCESS_KILL", src)
	r.command(CommandProcessKill)
	id := r.u32("connection id")
	if err := r.finish(); err != nil {
		return err
	}
	c.ConnectionID = id
	return nil
}
