package types

import "encoding/binary"

// SplitGeometry splits a GEOMETRY value as the server sends it (and as it
// decodes here, unchanged): a 4-byte little-endian SRID, then the
// geometry in WKB. The WKB aliases b. Fewer than 5 bytes is ErrSyntax.
func SplitGeometry(b []byte) (srid uint32, wkb []byte, err error) {
	if len(b) < 5 {
		return 0, nil, ErrSyntax
	}
	return binary.LittleEndian.Uint32(b), b[4:], nil
}
