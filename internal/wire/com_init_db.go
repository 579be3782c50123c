package wire

// ComInitDB makes Schema the default schema (COM_INIT_DB, as USE does).
type ComInitDB struct {
	Schema string
}

// Encode appends the command. caps is unused.
func (c ComInitDB) Encode(dst []byte, _ Capability) ([]byte, error) {
	return append(append(dst, byte(CommandInitDB)), c.Schema...), nil
}

// Decode parses the command. caps is unused.
func (c *ComInitDB) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_INIT_DB", src)
	r.command(CommandInitDB)
	s := r.restStr()
	if err := r.finish(); err != nil {
		return err
	}
	c.Schema = s
	return nil
}
