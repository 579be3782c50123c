package wire

// CursorFlags are the flags of COM_STMT_EXECUTE: whether to open a cursor
// that COM_STMT_FETCH reads, instead of sending the rows at once.
type CursorFlags byte

// The cursor flags.
const (
	CursorNone       CursorFlags = 0 // no cursor: the rows follow the execute
	CursorReadOnly   CursorFlags = 1 // a read-only cursor
	CursorForUpdate  CursorFlags = 2 // a cursor for update
	CursorScrollable CursorFlags = 4 // a scrollable cursor
)

// cursorFlagsMask holds the flags Decode accepts. MySQL's
// PARAMETER_COUNT_AVAILABLE (0x08, query attributes without parameters) is
// not supported.
const cursorFlagsMask = CursorReadOnly | CursorForUpdate | CursorScrollable

// LastStatementID is MariaDB's statement id for "the statement prepared
// last" (MariaDB 10.2+): a COM_STMT_EXECUTE sent right after its
// COM_STMT_PREPARE, without waiting for the id. If the prepare failed, the
// execute fails too.
const LastStatementID uint32 = 0xFFFFFFFF

// MaxParams bounds a statement's parameters (the count is 2 bytes in
// StmtPrepareOK).
const MaxParams = 1<<16 - 1

// unsignedParam marks an unsigned parameter type.
const unsignedParam = 0x80

// StmtParam is one parameter of COM_STMT_EXECUTE.
type StmtParam struct {
	Type     FieldType
	Unsigned bool
	// Null makes the parameter SQL NULL.
	Null bool
	// LongData says the value was sent with COM_STMT_SEND_LONG_DATA.
	LongData bool
	// Value is the value's binary-protocol encoding, as a binary row holds
	// it: fixed-size little-endian numbers; a length byte and the fields for
	// DATE, DATETIME, TIMESTAMP and TIME; a length-encoded string for the
	// others. It is nil when Null or LongData.
	Value []byte
}

// ComStmtExecute runs a prepared statement (COM_STMT_EXECUTE). The server
// answers as to COM_QUERY, with binary rows, or (with cursor flags and a
// result set) with the column definitions only, the rows then being read
// with COM_STMT_FETCH.
type ComStmtExecute struct {
	// StatementID is the id from StmtPrepareOK, or LastStatementID.
	StatementID uint32
	Flags       CursorFlags
	// Iterations is always 1; Encode writes 0 as 1.
	Iterations uint32
	// Params holds one entry per placeholder.
	Params []StmtParam
	// SendTypes sends the parameters' types (new-params-bound). It is needed
	// on the first execute and whenever a type changes; without it the
	// server keeps the types of the previous execute.
	SendTypes bool
}

// Encode appends the command: the command byte, id, flags and iteration
// count; then, when there are parameters, the NULL bitmap (bit i for
// parameter i), the new-params-bound byte, the types when SendTypes, and
// the values of the parameters that are neither NULL nor long data. With
// ClientQueryAttributes in caps (MySQL 8) the parameter count precedes the
// bitmap and each type is followed by an empty name, as that capability
// requires. Each Value must be exactly one encoding of its Type.
func (e ComStmtExecute) Encode(dst []byte, caps Capability) ([]byte, error) {
	const pkt = "COM_STMT_EXECUTE"
	n := len(e.Params)
	if n > MaxParams {
		return dst, encodeError(pkt, "%d parameters (the limit is %d)", n, MaxParams)
	}
	if e.Flags&^cursorFlagsMask != 0 {
		return dst, encodeError(pkt, "unknown cursor flags 0x%02x", byte(e.Flags))
	}
	for i, p := range e.Params {
		if err := p.check(); err != "" {
			return dst, encodeError(pkt, "parameter %d: %s", i, err)
		}
	}
	it := e.Iterations
	if it == 0 {
		it = 1
	}
	dst = appendUint32(append(dst, byte(CommandStmtExecute)), e.StatementID)
	dst = appendUint32(append(dst, byte(e.Flags)), it)
	if n == 0 {
		return dst, nil
	}
	attrs := caps&ClientQueryAttributes != 0
	if attrs {
		dst = AppendLenEncInt(dst, uint64(n))
	}
	start := len(dst)
	dst = append(dst, make([]byte, (n+7)/8)...)
	for i, p := range e.Params {
		if p.Null {
			dst[start+i/8] |= 1 << (i % 8)
		}
	}
	if !e.SendTypes {
		dst = append(dst, 0)
	} else {
		dst = append(dst, 1)
		for _, p := range e.Params {
			flag := byte(0)
			if p.Unsigned {
				flag = unsignedParam
			}
			dst = append(dst, byte(p.Type), flag)
			if attrs {
				dst = append(dst, 0) // no name
			}
		}
	}
	for _, p := range e.Params {
		dst = append(dst, p.Value...)
	}
	return dst, nil
}

// check returns what makes p unencodable, or "".
func (p StmtParam) check() string {
	switch {
	case p.Null && p.LongData:
		return "both NULL and long data"
	case (p.Null || p.LongData) && len(p.Value) > 0:
		return "a NULL or long-data parameter has a value"
	case p.Null || p.LongData:
		return ""
	}
	n, err := paramSize(p.Type, p.Value)
	if err != "" {
		return err
	}
	if n != len(p.Value) {
		return "the value holds more than one " + p.Type.String()
	}
	return ""
}

// Decode parses the command. numParams is the statement's parameter count
// (from StmtPrepareOK). prevTypes gives the types when the packet sends
// none (new-params-bound 0): those of the previous execute. It also marks,
// by LongData, the parameters whose data came with COM_STMT_SEND_LONG_DATA,
// which have no value here; a NULL parameter is never long data. Values
// alias src.
func (e *ComStmtExecute) Decode(src []byte, caps Capability, numParams int, prevTypes []StmtParam) error {
	c := newCursor("COM_STMT_EXECUTE", src)
	if numParams < 0 || numParams > MaxParams {
		return malformed(c.pkt, "%d parameters (the limit is %d)", numParams, MaxParams)
	}
	c.command(CommandStmtExecute)
	v := ComStmtExecute{StatementID: c.u32("statement id")}
	v.Flags = CursorFlags(c.u8("flags"))
	v.Iterations = c.u32("iteration count")
	switch {
	case c.err != nil:
		return c.err
	case v.Flags&^cursorFlagsMask != 0:
		return malformed(c.pkt, "unknown flags 0x%02x", byte(v.Flags))
	case v.Iterations == 0:
		return malformed(c.pkt, "iteration count 0, want 1")
	}
	if numParams > 0 {
		if !c.params(&v, numParams, prevTypes, caps&ClientQueryAttributes != 0) {
			return c.err
		}
	}
	if err := c.finish(); err != nil {
		return err
	}
	*e = v
	return nil
}

// params reads the parameter block of COM_STMT_EXECUTE into v.
func (c *cursor) params(v *ComStmtExecute, n int, prev []StmtParam, attrs bool) bool {
	if attrs {
		if got := c.lenInt("parameter count"); c.err == nil && got != uint64(n) {
			c.fail("%d parameters, want %d: query attributes are not supported", got, n)
		}
	}
	lo, _ := c.take((n+7)/8, "NULL bitmap")
	bound := c.u8("new-params-bound flag")
	switch {
	case c.err != nil:
		return false
	case bound > 1:
		c.fail("new-params-bound flag %d, want 0 or 1", bound)
		return false
	case bound == 0 && len(prev) < n:
		c.fail("no types sent and %d of %d known from before", len(prev), n)
		return false
	case bound == 1 && c.left() < 2*n:
		c.fail("types: need %d bytes, %d left", 2*n, c.left())
		return false
	}
	v.SendTypes = bound == 1
	v.Params = make([]StmtParam, n) // bounded by the bitmap and types read
	bitmap := c.buf[lo:]
	for i := range v.Params {
		p := &v.Params[i]
		if v.SendTypes {
			p.Type = FieldType(c.u8("parameter type"))
			switch f := c.u8("parameter flag"); f {
			case 0:
			case unsignedParam:
				p.Unsigned = true
			default:
				c.fail("parameter %d: flag byte 0x%02x, want 0x00 or 0x80", i, f)
			}
			if attrs && c.lenInt("parameter name") != 0 && c.err == nil {
				c.fail("parameter %d has a name: query attributes are not supported", i)
			}
		} else {
			p.Type, p.Unsigned = prev[i].Type, prev[i].Unsigned
		}
		p.Null = bitmap[i/8]&(1<<(i%8)) != 0
		p.LongData = !p.Null && i < len(prev) && prev[i].LongData
	}
	for i := range v.Params {
		p := &v.Params[i]
		if c.err != nil || p.Null || p.LongData {
			continue
		}
		size, err := paramSize(p.Type, c.buf[c.pos:])
		if err != "" {
			c.fail("parameter %d (%v): %s", i, p.Type, err)
			continue
		}
		lo, hi := c.take(size, "parameter value")
		p.Value = c.buf[lo:hi:hi]
	}
	return c.err == nil
}
