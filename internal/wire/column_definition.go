package wire

// ColumnDefinition describes one column of a result set
// (Protocol::ColumnDefinition41).
type ColumnDefinition struct {
	Catalog  string // always "def"
	Schema   string
	Table    string // the table's alias in the query
	OrgTable string // the table's real name
	Name     string // the column's alias in the query
	OrgName  string // the column's real name
	// CharacterSet is the collation id of the column (63 for binary).
	CharacterSet uint16
	// ColumnLength is the maximum display length in bytes.
	ColumnLength uint32
	Type         FieldType
	Flags        ColumnFlag
	// Decimals is the number of decimals, or fractional-second digits.
	Decimals byte

	// DataTypeName is MariaDB's extended type name, e.g. "uuid", "inet6",
	// "inet4", "point" (sent with MariaDBClientExtendedMetadata).
	DataTypeName string
	// FormatName is MariaDB's extended format, e.g. "json" (sent with
	// MariaDBClientExtendedMetadata).
	FormatName string
}

// The tags of MariaDB's extended metadata.
const (
	extMetaDataTypeName = 0
	extMetaFormatName   = 1
)

// fixedFieldsLen is the length of the fixed-size part that follows the names.
const fixedFieldsLen = 0x0C

// Decode parses a column definition. With MariaDBClientExtendedMetadata in
// caps, it reads the extended metadata block (unknown tags are skipped). The
// six names cost one allocation together.
func (d *ColumnDefinition) Decode(src []byte, caps Capability) error {
	return d.DecodeShared(src, string(src), caps)
}

// DecodeShared is Decode whose strings are substrings of shared, which
// holds the same bytes as src (it costs no allocation): a caller that keeps
// shared can tell a later packet with the same bytes without decoding it.
func (d *ColumnDefinition) DecodeShared(src []byte, shared string, caps Capability) error {
	c := newCursor("column definition", src)
	if len(shared) != len(src) {
		c.shareStrings()
	} else {
		c.s = shared
	}
	var v ColumnDefinition
	v.Catalog = c.lenStr("catalog")
	v.Schema = c.lenStr("schema")
	v.Table = c.lenStr("table")
	v.OrgTable = c.lenStr("original table")
	v.Name = c.lenStr("name")
	v.OrgName = c.lenStr("original name")
	if caps&MariaDBClientExtendedMetadata != 0 {
		lo, hi := c.lenSpan("extended metadata")
		e := cursor{buf: c.buf[:hi], pos: lo, pkt: c.pkt, s: c.s}
		for e.more() {
			tag := e.u8("extended metadata tag")
			s := e.lenStr("extended metadata value")
			switch tag {
			case extMetaDataTypeName:
				v.DataTypeName = s
			case extMetaFormatName:
				v.FormatName = s
			}
		}
		if e.err != nil {
			return e.err
		}
	}
	if n := c.lenInt("length of fixed fields"); c.err == nil && n != fixedFieldsLen {
		return malformed(c.pkt, "length of fixed fields %d, want 12", n)
	}
	v.CharacterSet = c.u16("character set")
	v.ColumnLength = c.u32("column length")
	v.Type = FieldType(c.u8("type"))
	v.Flags = ColumnFlag(c.u16("flags"))
	v.Decimals = c.u8("decimals")
	c.take(2, "filler")
	if err := c.finish(); err != nil {
		return err
	}
	*d = v
	return nil
}

// Encode appends the column definition. DataTypeName and FormatName need
// MariaDBClientExtendedMetadata in caps.
func (d ColumnDefinition) Encode(dst []byte, caps Capability) ([]byte, error) {
	ext := caps&MariaDBClientExtendedMetadata != 0
	if !ext && (d.DataTypeName != "" || d.FormatName != "") {
		return dst, encodeError("column definition", "extended metadata needs MARIADB_CLIENT_EXTENDED_METADATA")
	}
	for _, s := range [...]string{d.Catalog, d.Schema, d.Table, d.OrgTable, d.Name, d.OrgName} {
		dst = AppendLenEncStr(dst, s)
	}
	if ext {
		n := 0
		if d.DataTypeName != "" {
			n += 1 + lenEncStrSize(len(d.DataTypeName))
		}
		if d.FormatName != "" {
			n += 1 + lenEncStrSize(len(d.FormatName))
		}
		dst = AppendLenEncInt(dst, uint64(n))
		if d.DataTypeName != "" {
			dst = AppendLenEncStr(append(dst, extMetaDataTypeName), d.DataTypeName)
		}
		if d.FormatName != "" {
			dst = AppendLenEncStr(append(dst, extMetaFormatName), d.FormatName)
		}
	}
	dst = append(dst, fixedFieldsLen)
	dst = appendUint16(dst, d.CharacterSet)
	dst = appendUint32(dst, d.ColumnLength)
	dst = append(dst, byte(d.Type))
	dst = appendUint16(dst, uint16(d.Flags))
	return append(dst, d.Decimals, 0, 0), nil
}
