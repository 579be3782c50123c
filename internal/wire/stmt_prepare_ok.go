package wire

// StmtPrepareOK is the server's 0x00 answer to COM_STMT_PREPARE
// (COM_STMT_PREPARE_OK).
//
// The parameter and column definitions that follow it are ordinary
// ColumnDefinition packets: Params definitions, then (without
// ClientDeprecateEOF) an EOF packet, then Columns definitions and again an
// EOF packet without ClientDeprecateEOF. A group with a count of 0 has no
// packets and no EOF. With ClientOptionalResultsetMetadata and
// MetadataFollows false, neither group is sent.
type StmtPrepareOK struct {
	// StatementID names the statement in later COM_STMT_* commands.
	StatementID uint32
	// Columns is the number of columns of the statement's result set, or 0
	// when it returns none.
	Columns uint16
	// Params is the number of '?' placeholders.
	Params   uint16
	Warnings uint16
	// MetadataFollows is false only when, with
	// ClientOptionalResultsetMetadata (MySQL 8), the server sent the flag
	// byte as 0 (RESULTSET_METADATA_NONE) and skipped the definitions.
	// Decode sets it true when the packet has no flag byte. MariaDB's
	// MariaDBClientCacheMetadata does not change this packet: it affects
	// the column-count packet of the execute results (see ColumnCount).
	MetadataFollows bool
}

// Decode parses the packet: 0x00, the statement id, the column and
// parameter counts and a 0x00 filler (10 bytes, all servers send these),
// then the warning count (omitted by servers before 4.1 and accepted
// missing), then, with ClientOptionalResultsetMetadata in caps, the
// metadata-follows byte (0 or 1; accepted missing, which means 1).
func (p *StmtPrepareOK) Decode(src []byte, caps Capability) error {
	c := newCursor("COM_STMT_PREPARE_OK", src)
	if h := c.u8("header"); c.err == nil && h != 0x00 {
		return malformed(c.pkt, "header 0x%02x, want 0x00", h)
	}
	v := StmtPrepareOK{MetadataFollows: true}
	v.StatementID = c.u32("statement id")
	v.Columns = c.u16("column count")
	v.Params = c.u16("parameter count")
	if f := c.u8("filler"); c.err == nil && f != 0 {
		return malformed(c.pkt, "filler 0x%02x, want 0x00", f)
	}
	if c.more() {
		v.Warnings = c.u16("warning count")
	}
	if c.more() && caps&ClientOptionalResultsetMetadata != 0 {
		f, err := c.metadataFollows()
		if err != nil {
			return err
		}
		v.MetadataFollows = f
	}
	if err := c.finish(); err != nil {
		return err
	}
	*p = v
	return nil
}

// Encode appends the packet with the warning count (12 bytes), and with
// ClientOptionalResultsetMetadata in caps the metadata-follows byte (13
// bytes). Without that capability MetadataFollows must be true.
func (p StmtPrepareOK) Encode(dst []byte, caps Capability) ([]byte, error) {
	withFlag := caps&ClientOptionalResultsetMetadata != 0
	if !withFlag && !p.MetadataFollows {
		return dst, encodeError("COM_STMT_PREPARE_OK", "skipping metadata needs CLIENT_OPTIONAL_RESULTSET_METADATA")
	}
	dst = append(dst, 0x00)
	dst = appendUint32(dst, p.StatementID)
	dst = appendUint16(dst, p.Columns)
	dst = appendUint16(dst, p.Params)
	dst = append(dst, 0x00)
	dst = appendUint16(dst, p.Warnings)
	if withFlag {
		b := byte(0)
		if p.MetadataFollows {
			b = 1
		}
		dst = append(dst, b)
	}
	return dst, nil
}
