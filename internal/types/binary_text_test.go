package types_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// withLength sets a column's display length.
func withLength(c *types.Column, n uint32) *types.Column {
	c.Length = n
	return c
}

// binaryText scans a binary-protocol value into *string, *[]byte and
// *RawBytes and checks that all three hold want, as the text protocol
// would send it.
func binaryText(t *testing.T, c *types.Column, raw []byte, want string) {
	t.Helper()
	var (
		s  string
		b  []byte
		rb types.RawBytes
	)
	for _, dest := range []any{&s, &b, &rb} {
		if err := types.ScanBinary(c, raw, false, dest, nil); err != nil {
			t.Fatalf("%s %x into %T: %v", c.Type, raw, dest, err)
		}
	}
	if s != want || string(b) != want || string(rb) != want {
		t.Errorf("%s %x as text = %q, %q, %q; want %q", c.Type, raw, s, b, rb, want)
	}
	v, err := types.BinaryValue(c, raw, false)
	if err != nil || v.String() != want {
		t.Errorf("%s %x: Value.String() = %q, %v; want %q", c.Type, raw, v.String(), err, want)
	}
}

// TestBinaryZerofillText: the integers of a ZEROFILL column, and YEAR (which
// has the flag), are padded with zeros to the column's width as text, as the
// server writes them in the text protocol; their numbers are unchanged.
func TestBinaryZerofillText(t *testing.T) {
	const zf = unsigned | wire.FlagZerofill
	tests := []struct {
		c    *types.Column
		raw  []byte
		want string
	}{
		{withLength(col(wire.TypeLong, zf), 5), le32(42), "00042"},
		{withLength(col(wire.TypeLong, zf), 5), le32(0), "00000"},
		{withLength(col(wire.TypeShort, zf), 3), le16(12345), "12345"}, // wider than the column: as it is
		{withLength(col(wire.TypeTiny, zf), 3), []byte{1}, "001"},
		{withLength(col(wire.TypeLongLong, zf), 20), le64(1), "00000000000000000001"},
		{withLength(col(wire.TypeLongLong, zf), 20), le64(1<<64 - 1), "18446744073709551615"},
		{withLength(col(wire.TypeYear, zf), 4), le16(0), "0000"},
		{withLength(col(wire.TypeYear, zf), 2), le16(5), "05"},
		{withLength(col(wire.TypeYear, zf), 4), le16(2024), "2024"},
		{withLength(col(wire.TypeLong, unsigned), 10), le32(42), "42"}, // no ZEROFILL: no padding
	}
	for _, tt := range tests {
		binaryText(t, tt.c, tt.raw, tt.want)
	}
	var n int64
	if err := types.ScanBinary(withLength(col(wire.TypeLong, zf), 5), le32(42), false, &n, nil); err != nil || n != 42 {
		t.Errorf("ZEROFILL into *int64 = %d, %v", n, err)
	}
	if a, err := types.DecodeBinary(withLength(col(wire.TypeYear, zf), 4), le16(0), false, nil); err != nil || a != int64(0) {
		t.Errorf("YEAR 0 = %#v, %v", a, err)
	}
}
