package types

// RowCodec decodes the rows of one protocol: the text protocol of COM_QUERY
// results or the binary protocol of COM_STMT_EXECUTE results. A result
// reader holds one and hands each row to it, so the layers above decode
// nothing themselves. The codecs are stateless values, safe for concurrent
// use.
type RowCodec interface {
	// Split splits a row packet into its values, appended to dst[:0]: each
	// aliases row, nil for SQL NULL. A row that does not fit cols is a
	// *wire.MalformedError.
	Split(dst [][]byte, row []byte, cols []Column) ([][]byte, error)
	// Scan stores the value raw (nil for NULL) of column col in dest.
	Scan(col *Column, raw []byte, dest any, opt *Options) error
	// Decode returns the value raw (nil for NULL) as its natural Go value.
	Decode(col *Column, raw []byte, opt *Options) (any, error)
}

// TextCodec is the RowCodec of the text protocol.
type TextCodec struct{}

// Split implements RowCodec with SplitTextRow.
func (TextCodec) Split(dst [][]byte, row []byte, cols []Column) ([][]byte, error) {
	return SplitTextRow(dst, row, len(cols))
}

// Scan implements RowCodec with ScanText.
func (TextCodec) Scan(col *Column, raw []byte, dest any, opt *Options) error {
	return ScanText(col, raw, raw == nil, dest, opt)
}

// Decode implements RowCodec with DecodeText.
func (TextCodec) Decode(col *Column, raw []byte, opt *Options) (any, error) {
	return DecodeText(col, raw, raw == nil, opt)
}

// BinaryCodec is the RowCodec of the binary protocol.
type BinaryCodec struct{}

// Split implements RowCodec with SplitBinaryRow.
func (BinaryCodec) Split(dst [][]byte, row []byte, cols []Column) ([][]byte, error) {
	return SplitBinaryRow(dst, row, cols)
}

// Scan implements RowCodec with ScanBinary.
func (BinaryCodec) Scan(col *Column, raw []byte, dest any, opt *Options) error {
	return ScanBinary(col, raw, raw == nil, dest, opt)
}

// Decode implements RowCodec with DecodeBinary.
func (BinaryCodec) Decode(col *Column, raw []byte, opt *Options) (any, error) {
	return DecodeBinary(col, raw, raw == nil, opt)
}
