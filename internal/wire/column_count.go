package wire

// MaxColumns bounds the column count ColumnCount accepts. Result sets are not
// bounded by the per-table limit (4096 columns): MariaDB 10.11 returns a
// 70,000-column result for a SELECT of 70,000 constants. The bound rejects
// absurd counts (such as 2^63) from a broken or hostile server; callers must
// still grow their column slices as definitions arrive rather than allocate
// by the count.
const MaxColumns = 1 << 20

// ColumnCount opens a result set: the number of columns, then, with
// MariaDBClientCacheMetadata or ClientOptionalResultsetMetadata, a byte that
// says whether column definitions follow.
type ColumnCount struct {
	Count uint64
	// MetadataFollows is false only when the server sent the flag byte as 0:
	// it skipped the column definitions, which the client has cached.
	// Decode sets it true when the packet has no flag byte.
	MetadataFollows bool
}

// metadataCaps are the capabilities that add the metadata-follows byte.
const metadataCaps = MariaDBClientCacheMetadata | ClientOptionalResultsetMetadata

// Decode parses a column-count packet: a length-encoded count from 0 to
// MaxColumns, optionally followed by a metadata-follows byte (0 or 1). A
// reply starting with 0x00 is an OK packet, 0xFB a LOCAL INFILE request and
// 0xFF an ERR packet: dispatch on the first byte before calling Decode.
func (cc *ColumnCount) Decode(src []byte) error {
	c := newCursor("column count", src)
	n := c.lenInt("column count")
	if c.err == nil && n > MaxColumns {
		return malformed(c.pkt, "%d columns (the limit is %d)", n, MaxColumns)
	}
	follows := true
	if c.more() {
		f, err := c.metadataFollows()
		if err != nil {
			return err
		}
		follows = f
	}
	if err := c.finish(); err != nil {
		return err
	}
	*cc = ColumnCount{Count: n, MetadataFollows: follows}
	return nil
}

// Encode appends the packet. The metadata-follows byte is written when caps
// has MariaDBClientCacheMetadata or ClientOptionalResultsetMetadata; without
// them, MetadataFollows must be true.
func (cc ColumnCount) Encode(dst []byte, caps Capability) ([]byte, error) {
	if cc.Count > MaxColumns {
		return dst, encodeError("column count", "%d columns (the limit is %d)", cc.Count, MaxColumns)
	}
	withFlag := caps&metadataCaps != 0
	if !withFlag && !cc.MetadataFollows {
		return dst, encodeError("column count", "skipping metadata needs MARIADB_CLIENT_CACHE_METADATA or CLIENT_OPTIONAL_RESULTSET_METADATA")
	}
	dst = AppendLenEncInt(dst, cc.Count)
	if withFlag {
		b := byte(0)
		if cc.MetadataFollows {
			b = 1
		}
		dst = append(dst, b)
	}
	return dst, nil
}
