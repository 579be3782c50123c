package types_test

import (
	"math"
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

// TestBinaryFixedDecimalsText: a FLOAT(M,D) or DOUBLE(M,D), or an
// expression with fixed decimals, is written as text with its D decimals,
// as the server writes it ('1.50' for DOUBLE(10,2)); Decimals 31 means
// none are fixed. The numbers are unchanged.
func TestBinaryFixedDecimalsText(t *testing.T) {
	f32 := func(f float32) []byte { return le32(math.Float32bits(f)) }
	f64 := func(f float64) []byte { return le64(math.Float64bits(f)) }
	float := func(d byte) *types.Column { return withDecimals(col(wire.TypeFloat, 0), d) }
	double := func(d byte) *types.Column { return withDecimals(col(wire.TypeDouble, 0), d) }
	tests := []struct {
		c    *types.Column
		raw  []byte
		want string
	}{
		{float(3), f32(1.5), "1.500"},
		{float(3), f32(0), "0.000"},
		{float(3), f32(-9999.999), "-9999.999"},
		{float(0), f32(2), "2"},
		{double(2), f64(1.5), "1.50"},
		{double(2), f64(-99999999.99), "-99999999.99"},
		{double(2), f64(0), "0.00"},
		{double(20), f64(0.1), "0.10000000000000000000"}, // the shortest digits, not the exact value
		{double(20), f64(0.30000000000000004), "0.30000000000000004000"},
		{double(2), f64(0.125), "0.12"}, // rounded to even
		{double(2), f64(2.675), "2.67"}, // 2.67499999999999982236431605997495353221893310546875
		{double(2), f64(-0.001), "-0.00"},
		{float(3), f32(1.1), "1.100"}, // the float64 1.100000023841858 rounded
		{float(10), f32(0.1), "0.1000000015"},
		{double(20), f64(1e-20), "0.00000000000000000001"},
		{double(0), f64(1e20), "100000000000000000000"},
		{withLength(withDecimals(col(wire.TypeDouble, unsigned|wire.FlagZerofill), 2), 10), f64(1.5), "0000001.50"},
		{withLength(withDecimals(col(wire.TypeFloat, unsigned|wire.FlagZerofill), 3), 7), f32(0), "000.000"},
		{double(31), f64(1.5), "1.5"},
		{double(39), f64(1.5), "1.5"},
		{float(31), f32(0.1), "0.1"},
	}
	for _, tt := range tests {
		binaryText(t, tt.c, tt.raw, tt.want)
	}
	var f float64
	if err := types.ScanBinary(double(2), f64(1.5), false, &f, nil); err != nil || f != 1.5 {
		t.Errorf("DOUBLE(10,2) into *float64 = %v, %v", f, err)
	}
}

// TestBinaryFloatText: a FLOAT or DOUBLE without fixed decimals is written
// as text as the server writes it: its shortest digits (six significant
// digits for a FLOAT), positionally while the decimal point is within 15
// digits, else with an exponent that has no '+' and no leading zeros.
func TestBinaryFloatText(t *testing.T) {
	double := withDecimals(col(wire.TypeDouble, 0), 31)
	float := withDecimals(col(wire.TypeFloat, 0), 31)
	doubles := []struct {
		f    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "-0"},
		{1.5, "1.5"},
		{0.1, "0.1"},
		{100, "100"},
		{-0.00001, "-0.00001"},
		{1e-14, "0.00000000000001"},
		{1e-15, "0.000000000000001"},
		{1e-16, "1e-16"},
		{1e14, "100000000000000"},
		{1e15, "1e15"},
		{1234567890123456.7, "1234567890123456.8"},
		{9007199254740993, "9.007199254740992e15"},
		{123456789012345678, "1.2345678901234568e17"},
		{-2.25e300, "-2.25e300"},
		{math.MaxFloat64, "1.7976931348623157e308"},
		{-math.MaxFloat64, "-1.7976931348623157e308"},
		{1e100, "1e100"},
		{1e-100, "1e-100"},
		{2.2250738585072014e-308, "2.2250738585072014e-308"},
		{5e-324, "5e-324"},
	}
	for _, tt := range doubles {
		binaryText(t, double, le64(math.Float64bits(tt.f)), tt.want)
	}
	floats := []struct {
		f    float32
		want string
	}{
		{0, "0"},
		{1.5, "1.5"},
		{0.1, "0.1"},
		{-2.25, "-2.25"},
		{1e-5, "0.00001"},
		{1e6, "1000000"},
		{16777200, "16777200"},
		{16777216, "16777200"}, // six digits, as the server gives a FLOAT
		{123456789, "123457000"},
		{1e14, "100000000000000"},
		{1e15, "1e15"},
		{3e38, "3e38"},
		{-math.MaxFloat32, "-3.40282e38"},
		{1e-38, "1e-38"},
		{1e-45, "1.4013e-45"},
	}
	for _, tt := range floats {
		binaryText(t, float, le32(math.Float32bits(tt.f)), tt.want)
	}
	zf := withLength(withDecimals(col(wire.TypeFloat, unsigned|wire.FlagZerofill), 31), 12)
	binaryText(t, zf, le32(math.Float32bits(3e38)), "000000003e38")
	// NaN and infinities, which no server sends, do not upset the format.
	for _, c := range []*types.Column{double, withDecimals(col(wire.TypeDouble, 0), 2)} {
		binaryText(t, c, le64(math.Float64bits(math.Inf(-1))), "-Inf")
		binaryText(t, c, le64(math.Float64bits(math.NaN())), "NaN")
	}
	// The numbers are unchanged: 16777216 is not rounded to six digits.
	var f32 float32
	if err := types.ScanBinary(float, le32(math.Float32bits(16777216)), false, &f32, nil); err != nil || f32 != 16777216 {
		t.Errorf("FLOAT into *float32 = %v, %v", f32, err)
	}
}

// TestBinaryUnfixedFractionText: a DATETIME or TIME whose column has no
// fixed fractional digits (Decimals 39, as FROM_UNIXTIME('1.25') and
// SEC_TO_TIME('3661.25') have) is written with six when it has a fraction
// and none when it has not, as the server writes it
// ('1970-01-01 00:00:01.250000', '1970-01-01 00:00:01').
func TestBinaryUnfixedFractionText(t *testing.T) {
	dt := withDecimals(col(wire.TypeDateTime, 0), 39)
	tm := withDecimals(col(wire.TypeTime, 0), 39)
	tests := []struct {
		c    *types.Column
		raw  []byte // without the length byte
		want string
	}{
		{dt, datetime(11, 1970, 1, 1, 0, 0, 1, 250000)[1:], "1970-01-01 00:00:01.250000"},
		{dt, datetime(11, 1970, 1, 1, 0, 0, 1, 1)[1:], "1970-01-01 00:00:01.000001"},
		{dt, datetime(7, 1970, 1, 1, 0, 0, 1, 0)[1:], "1970-01-01 00:00:01"},
		{dt, datetime(0, 0, 0, 0, 0, 0, 0, 0)[1:], "0000-00-00 00:00:00"},
		{tm, timeVal(12, false, 0, 1, 1, 1, 250000)[1:], "01:01:01.250000"},
		{tm, timeVal(12, true, 34, 22, 59, 59, 999999)[1:], "-838:59:59.999999"},
		{tm, timeVal(8, true, 0, 0, 0, 1, 0)[1:], "-00:00:01"},
		{tm, timeVal(12, true, 0, 0, 0, 0, 500000)[1:], "-00:00:00.500000"},
		{withDecimals(col(wire.TypeDateTime, 0), 2), datetime(11, 2024, 1, 2, 3, 4, 5, 250000)[1:], "2024-01-02 03:04:05.25"},
		{withDecimals(col(wire.TypeTime, 0), 0), timeVal(8, false, 0, 1, 0, 0, 0)[1:], "01:00:00"},
	}
	for _, tt := range tests {
		binaryText(t, tt.c, tt.raw, tt.want)
	}
}
