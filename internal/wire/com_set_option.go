package wire

// ComSetOption sets a connection option (COM_SET_OPTION); the server answers
// with an EOF packet (an OK packet with the 0xFE header under
// ClientDeprecateEOF).
type ComSetOption struct {
	Option uint16 // MultiStatementsOn or MultiStatementsOff
}

// The options of COM_SET_OPTION.
const (
	MultiStatementsOn  uint16 = 0
	MultiStatementsOff uint16 = 1
)

// Encode appends the command. caps is unused.
func (c ComSetOption) Encode(dst []byte, _ Capability) ([]byte, error) {
	return appendUint16(append(dst, byte(CommandSetOption)), c.Option), nil
}

// Decode parses the command. caps is unused.
func (c *ComSetOption) Decode(src []byte, _ Capability) error {
	r := newCursor("COM_SET_OPTION", src)
	r.command(CommandSetOption)
	opt := r.u16("option")
	if err := r.finish(); err != nil {
		return err
	}
	c.Option = opt
	return nil
}
