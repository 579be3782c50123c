package wire

import "fmt"

// BulkFlags are the flags of COM_STMT_BULK_EXECUTE.
type BulkFlags uint16

// The bulk flags.
const (
	// BulkSendUnitResults asks for a result set of one row per parameter
	// row (affected rows and auto-increment id) instead of one OK. Only with
	// MariaDBClientBulkUnitResults negotiated (MariaDB 11.5+).
	BulkSendUnitResults BulkFlags = 64
	// BulkSendTypes sends the parameter types. Without it the server uses
	// those of the statement's previous execute.
	BulkSendTypes BulkFlags = 128
)

// The parameter indicators of COM_STMT_BULK_EXECUTE: the byte before each
// parameter of each row. Encode writes BulkIndicatorNone or
// BulkIndicatorNull (StmtParam.Null); Decode refuses DEFAULT and IGNORE,
// which this client never sends, as it refuses MySQL's query attributes.
const (
	BulkIndicatorNone    byte = 0 // a value follows
	BulkIndicatorNull    byte = 1 // NULL
	BulkIndicatorDefault byte = 2 // the column's default (INSERT, UPDATE)
	BulkIndicatorIgnore  byte = 3 // the default for INSERT, the column left as it is for UPDATE
)

// ComStmtBulkExecute runs a prepared statement once for each row of
// parameters, as one statement (MariaDB's COM_STMT_BULK_EXECUTE, with
// MariaDBClientStmtBulkOperations). The server answers with one OK whose
// affected rows are the sum over the rows, or with ERR; a statement that
// returns rows is refused.
type ComStmtBulkExecute struct {
	StatementID uint32
	Flags       BulkFlags
	// Types holds each parameter's Type and Unsigned (Value unused): every
	// row's values are of these types. They go on the wire only with
	// BulkSendTypes.
	Types []StmtParam
	// Rows holds the rows, each one StmtParam per parameter: NULL, or a
	// value of the parameter's type (see StmtParam.Value). Long data is not
	// possible. Decode's values alias the payload, and its NULLs carry the
	// parameter's type.
	Rows [][]StmtParam
}

// bulkFlagsMask holds the flags Decode accepts.
const bulkFlagsMask = BulkSendUnitResults | BulkSendTypes

// BulkHeaderSize is the size of a COM_STMT_BULK_EXECUTE payload for n
// parameters before its rows, command byte included.
func BulkHeaderSize(n int, flags BulkFlags) int {
	size := 1 + 4 + 2
	if flags&BulkSendTypes != 0 {
		size += 2 * n
	}
	return size
}

// BulkRowSize is the size of a row in COM_STMT_BULK_EXECUTE: an indicator
// byte per parameter and the values.
func BulkRowSize(row []StmtParam) int {
	size := len(row)
	for i := range row {
		size += len(row[i].Value)
	}
	return size
}

// Encode appends the command. BulkSendUnitResults needs
// MariaDBClientBulkUnitResults in caps. It refuses a statement without
// parameters or rows (the server reads rows until the end of the packet),
// a row whose length is not len(Types), long data, and a value that is not
// exactly one encoding of its parameter's type.
func (e ComStmtBulkExecute) Encode(dst []byte, caps Capability) ([]byte, error) {
	const pkt = "COM_STMT_BULK_EXECUTE"
	n := len(e.Types)
	switch {
	case n == 0:
		return dst, encodeError(pkt, "a statement without parameters")
	case n > MaxParams:
		return dst, encodeError(pkt, "%d parameters (the limit is %d)", n, MaxParams)
	case len(e.Rows) == 0:
		return dst, encodeError(pkt, "no rows")
	case e.Flags&^bulkFlagsMask != 0:
		return dst, encodeError(pkt, "unknown flags 0x%04x", uint16(e.Flags))
	case e.Flags&BulkSendUnitResults != 0 && caps&MariaDBClientBulkUnitResults == 0:
		return dst, encodeError(pkt, "unit results without MARIADB_CLIENT_BULK_UNIT_RESULTS")
	}
	for r, row := range e.Rows {
		if err := checkBulkRow(e.Types, row); err != "" {
			return dst, encodeError(pkt, "row %d: %s", r, err)
		}
	}
	dst = appendUint32(append(dst, byte(CommandStmtBulkExecute)), e.StatementID)
	dst = appendUint16(dst, uint16(e.Flags))
	if e.Flags&BulkSendTypes != 0 {
		for _, t := range e.Types {
			flag := byte(0)
			if t.Unsigned {
				flag = unsignedParam
			}
			dst = append(dst, byte(t.Type), flag)
		}
	}
	for _, row := range e.Rows {
		for i := range row {
			if row[i].Null {
				dst = append(dst, BulkIndicatorNull)
				continue
			}
			dst = append(append(dst, BulkIndicatorNone), row[i].Value...)
		}
	}
	return dst, nil
}

// checkBulkRow returns what makes row unencodable under types, or "".
func checkBulkRow(types, row []StmtParam) string {
	if len(row) != len(types) {
		return fmt.Sprintf("the row has %d parameters, the statement %d", len(row), len(types))
	}
	for i, p := range row {
		switch {
		case p.LongData:
			return fmt.Sprintf("parameter %d: long data in a bulk execute", i)
		case p.Null && len(p.Value) > 0:
			return fmt.Sprintf("parameter %d: a NULL parameter has a value", i)
		case p.Null:
			continue
		case p.Type != types[i].Type || p.Unsigned != types[i].Unsigned:
			return fmt.Sprintf("parameter %d: a %v (unsigned %v) where the types say %v (unsigned %v)", i, p.Type, p.Unsigned, types[i].Type, types[i].Unsigned)
		}
		if size, err := paramSize(p.Type, p.Value); err != "" {
			return fmt.Sprintf("parameter %d: %s", i, err)
		} else if size != len(p.Value) {
			return fmt.Sprintf("parameter %d: the value holds more than one %v", i, p.Type)
		}
	}
	return ""
}

// Decode parses the command. numParams is the statement's parameter count
// (from StmtPrepareOK); prevTypes gives the types when the packet sends
// none: those of the previous execute. BulkSendUnitResults is malformed
// unless caps has MariaDBClientBulkUnitResults.
func (e *ComStmtBulkExecute) Decode(src []byte, caps Capability, numParams int, prevTypes []StmtParam) error {
	c := newCursor("COM_STMT_BULK_EXECUTE", src)
	if numParams <= 0 || numParams > MaxParams {
		return malformed(c.pkt, "%d parameters (a bulk execute needs 1 to %d)", numParams, MaxParams)
	}
	c.command(CommandStmtBulkExecute)
	v := ComStmtBulkExecute{StatementID: c.u32("statement id"), Flags: BulkFlags(c.u16("bulk flags"))}
	switch {
	case c.err != nil:
		return c.err
	case v.Flags&^bulkFlagsMask != 0:
		return malformed(c.pkt, "unknown flags 0x%04x", uint16(v.Flags))
	case v.Flags&BulkSendUnitResults != 0 && caps&MariaDBClientBulkUnitResults == 0:
		return malformed(c.pkt, "unit results without MARIADB_CLIENT_BULK_UNIT_RESULTS")
	case v.Flags&BulkSendTypes == 0 && len(prevTypes) < numParams:
		return malformed(c.pkt, "no types sent and %d of %d known from before", len(prevTypes), numParams)
	case v.Flags&BulkSendTypes != 0 && c.left() < 2*numParams:
		return malformed(c.pkt, "types: need %d bytes, %d left", 2*numParams, c.left())
	}
	v.Types = make([]StmtParam, numParams) // bounded by the bytes just checked or prevTypes
	for i := range v.Types {
		if v.Flags&BulkSendTypes == 0 {
			v.Types[i] = StmtParam{Type: prevTypes[i].Type, Unsigned: prevTypes[i].Unsigned}
			continue
		}
		v.Types[i].Type = FieldType(c.u8("parameter type"))
		switch f := c.u8("parameter flag"); f {
		case 0:
		case unsignedParam:
			v.Types[i].Unsigned = true
		default:
			return malformed(c.pkt, "parameter %d: flag byte 0x%02x, want 0x00 or 0x80", i, f)
		}
	}
	for c.more() {
		row := make([]StmtParam, numParams) // at least numParams bytes remain or the row fails
		for i := range row {
			row[i] = StmtParam{Type: v.Types[i].Type, Unsigned: v.Types[i].Unsigned}
			switch ind := c.u8("parameter indicator"); {
			case c.err != nil:
			case ind == BulkIndicatorNull:
				row[i].Null = true
			case ind == BulkIndicatorNone:
				size, err := paramSize(row[i].Type, c.buf[c.pos:])
				if err != "" {
					c.fail("row %d, parameter %d (%v): %s", len(v.Rows), i, row[i].Type, err)
					break
				}
				lo, hi := c.take(size, "parameter value")
				row[i].Value = c.buf[lo:hi:hi]
			case ind == BulkIndicatorDefault || ind == BulkIndicatorIgnore:
				c.fail("row %d, parameter %d: indicator %d (DEFAULT or IGNORE) is not supported", len(v.Rows), i, ind)
			default:
				c.fail("row %d, parameter %d: unknown indicator %d", len(v.Rows), i, ind)
			}
		}
		v.Rows = append(v.Rows, row)
	}
	if c.err != nil {
		return c.err
	}
	if len(v.Rows) == 0 {
		return malformed(c.pkt, "no rows")
	}
	*e = v
	return nil
}
