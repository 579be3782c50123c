package types_test

import (
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestBinaryMixedRow(t *testing.T) {
	// mixed(id INT, a BIGINT, f DOUBLE, d DECIMAL(12,2), name VARCHAR(64),
	// created DATETIME(6), flag TINYINT, note VARCHAR(100) NULL)
	cols := []types.Column{
		*col(wire.TypeLong, wire.FlagNotNull|wire.FlagPriKey),
		*col(wire.TypeLongLong, 0),
		*withDecimals(col(wire.TypeDouble, 0), 31), // a DOUBLE without fixed decimals
		*withDecimals(col(wire.TypeNewDecimal, 0), 2),
		*col(wire.TypeVarString, 0),
		*withDecimals(col(wire.TypeDateTime, 0), 6),
		*col(wire.TypeTiny, 0),
		*col(wire.TypeVarString, 0),
	}
	row := binaryRow(
		le32(42),
		le64(uint64(math.MaxInt64)),
		le64(math.Float64bits(0.1)),
		lenenc("-1234.50"),
		lenenc("名前 😀"),
		datetime(11, 2024, 1, 2, 3, 4, 5, 123456),
		[]byte{0xff},
		nil,
	)
	vals, err := types.SplitBinaryRow(nil, row, cols)
	if err != nil || len(vals) != 8 {
		t.Fatalf("SplitBinaryRow = %d values, %v", len(vals), err)
	}
	var (
		id      int64
		a       int64
		f       float64
		d       string
		name    string
		created time.Time
		flag    int8
		note    *string
	)
	dests := []any{&id, &a, &f, &d, &name, &created, &flag, &note}
	for i := range cols {
		if err := types.ScanBinary(&cols[i], vals[i], vals[i] == nil, dests[i], nil); err != nil {
			t.Fatalf("column %d: %v", i, err)
		}
	}
	wantTime := time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	if id != 42 || a != math.MaxInt64 || f != 0.1 || d != "-1234.50" || name != "名前 😀" ||
		!created.Equal(wantTime) || flag != -1 || note != nil {
		t.Fatalf("scanned %v %v %v %q %q %v %v %v", id, a, f, d, name, created, flag, note)
	}
	// The same row, as text.
	wantText := []string{"42", "9223372036854775807", "0.1", "-1234.50", "名前 😀", "2024-01-02 03:04:05.123456", "-1"}
	for i, w := range wantText {
		var s string
		if err := types.ScanBinary(&cols[i], vals[i], false, &s, nil); err != nil || s != w {
			t.Fatalf("column %d as text = %q, %v; want %q", i, s, err, w)
		}
	}
	// Reusing dst does not allocate a new slice.
	again, err := types.SplitBinaryRow(vals, row, cols)
	if err != nil || &again[0] != &vals[0] {
		t.Fatalf("dst not reused: %v", err)
	}
}

func TestBinaryIntegers(t *testing.T) {
	tests := []struct {
		c    *types.Column
		raw  []byte
		want any
	}{
		{col(wire.TypeTiny, 0), []byte{0x80}, int64(-128)},
		{col(wire.TypeTiny, 0), []byte{0x7f}, int64(127)},
		{col(wire.TypeTiny, unsigned), []byte{0xff}, uint64(255)},
		{col(wire.TypeShort, 0), le16(0x8000), int64(-32768)},
		{col(wire.TypeShort, unsigned), le16(0xffff), uint64(65535)},
		{col(wire.TypeInt24, 0), le32(0xff800000), int64(-8388608)},
		{col(wire.TypeInt24, unsigned), le32(0xffffff), uint64(16777215)},
		{col(wire.TypeLong, 0), le32(0x80000000), int64(math.MinInt32)},
		{col(wire.TypeLong, unsigned), le32(0xffffffff), uint64(math.MaxUint32)},
		{col(wire.TypeLongLong, 0), le64(1 << 63), int64(math.MinInt64)},
		{col(wire.TypeLongLong, unsigned), le64(math.MaxUint64), uint64(math.MaxUint64)},
		{col(wire.TypeYear, unsigned|wire.FlagZerofill), le16(2155), int64(2155)},
		{col(wire.TypeFloat, 0), le32(math.Float32bits(0.1)), float32(0.1)},
		{col(wire.TypeDouble, 0), le64(math.Float64bits(5e-324)), 5e-324},
		{col(wire.TypeDouble, 0), le64(math.Float64bits(1e308)), 1e308},
	}
	for _, tt := range tests {
		got, err := types.DecodeBinary(tt.c, tt.raw, false, nil)
		if err != nil || got != tt.want {
			t.Fatalf("%s %x = %#v, %v; want %#v", tt.c.Type, tt.raw, got, err, tt.want)
		}
	}
	var f64 float64
	if err := types.ScanBinary(col(wire.TypeFloat, 0), le32(math.Float32bits(0.1)), false, &f64, nil); err != nil || f64 != 0.1 {
		t.Fatalf("FLOAT into *float64 = %v, %v (want 0.1 exactly)", f64, err)
	}
	var s string
	if err := types.ScanBinary(withDecimals(col(wire.TypeFloat, 0), 31), le32(math.Float32bits(0.1)), false, &s, nil); err != nil || s != "0.1" {
		t.Fatalf("FLOAT as text = %q, %v", s, err)
	}
	var u8 uint8
	wantErr(t, types.ScanBinary(col(wire.TypeLongLong, unsigned), le64(256), false, &u8, nil), types.ErrRange)
	var u uint64
	wantErr(t, types.ScanBinary(col(wire.TypeTiny, 0), []byte{0xff}, false, &u, nil), types.ErrRange)
	var year string
	if err := types.ScanBinary(col(wire.TypeYear, unsigned), le16(2024), false, &year, nil); err != nil || year != "2024" {
		t.Fatalf("YEAR as text = %q, %v", year, err)
	}
}

func TestBinaryTemporal(t *testing.T) {
	const h, m, s, us = time.Hour, time.Minute, time.Second, time.Microsecond
	utc := time.UTC
	tests := []struct {
		c     *types.Column
		raw   []byte // with the length byte
		want  any
		text  string
		valid bool
	}{
		{col(wire.TypeDate, 0), datetime(4, 2024, 2, 29, 0, 0, 0, 0), time.Date(2024, 2, 29, 0, 0, 0, 0, utc), "2024-02-29", true},
		{col(wire.TypeDate, 0), datetime(0, 0, 0, 0, 0, 0, 0, 0), time.Time{}, "0000-00-00", true},
		{col(wire.TypeDateTime, 0), datetime(7, 2024, 1, 2, 3, 4, 5, 0), time.Date(2024, 1, 2, 3, 4, 5, 0, utc), "2024-01-02 03:04:05", true},
		{col(wire.TypeDateTime, 0), datetime(4, 2024, 1, 2, 0, 0, 0, 0), time.Date(2024, 1, 2, 0, 0, 0, 0, utc), "2024-01-02 00:00:00", true},
		{withDecimals(col(wire.TypeDateTime, 0), 6), datetime(0, 0, 0, 0, 0, 0, 0, 0), time.Time{}, "0000-00-00 00:00:00.000000", true},
		{withDecimals(col(wire.TypeTimestamp, 0), 3), datetime(11, 2024, 1, 2, 3, 4, 5, 120000), time.Date(2024, 1, 2, 3, 4, 5, 120000000, utc), "2024-01-02 03:04:05.120", true},
		{withDecimals(col(wire.TypeDateTime, 0), 6), datetime(11, 9999, 12, 31, 23, 59, 59, 999999), time.Date(9999, 12, 31, 23, 59, 59, 999999000, utc), "9999-12-31 23:59:59.999999", true},
		{withDecimals(col(wire.TypeDateTime, 0), 39), datetime(11, 2024, 1, 2, 3, 4, 5, 500000), time.Date(2024, 1, 2, 3, 4, 5, 5e8, utc), "2024-01-02 03:04:05.500000", true},
		{withDecimals(col(wire.TypeTime, 0), 6), timeVal(12, true, 34, 22, 59, 59, 999999), -(838*h + 59*m + 59*s + 999999*us), "-838:59:59.999999", true},
		{col(wire.TypeTime, 0), timeVal(8, false, 34, 22, 59, 59, 0), 838*h + 59*m + 59*s, "838:59:59", true},
		{col(wire.TypeTime, 0), timeVal(8, false, 1, 1, 0, 0, 0), 25 * h, "25:00:00", true},
		{col(wire.TypeTime, 0), timeVal(0, false, 0, 0, 0, 0, 0), time.Duration(0), "00:00:00", true},
		{withDecimals(col(wire.TypeTime, 0), 2), timeVal(12, true, 0, 0, 0, 1, 500000), -1500 * time.Millisecond, "-00:00:01.50", true},
	}
	for _, tt := range tests {
		cols := []types.Column{*tt.c}
		vals, err := types.SplitBinaryRow(nil, binaryRow(tt.raw), cols)
		if err != nil {
			t.Fatalf("%x: %v", tt.raw, err)
		}
		got, err := types.DecodeBinary(tt.c, vals[0], false, nil)
		if err != nil || !equal(got, tt.want) {
			t.Fatalf("%s %x = %v, %v; want %v", tt.c.Type, tt.raw, got, err, tt.want)
		}
		var s string
		if err := types.ScanBinary(tt.c, vals[0], false, &s, nil); err != nil || s != tt.text {
			t.Fatalf("%s as text = %q, %v; want %q", tt.c.Type, s, err, tt.text)
		}
	}
	// Location applies to the binary protocol too.
	ist := time.FixedZone("IST", 19800)
	var tm time.Time
	err := types.ScanBinary(col(wire.TypeTimestamp, 0), datetime(7, 2024, 1, 2, 3, 4, 5, 0)[1:], false, &tm, &types.Options{Location: ist})
	if err != nil || !tm.Equal(time.Date(2024, 1, 2, 3, 4, 5, 0, ist)) || tm.Location() != ist {
		t.Fatalf("in IST = %v, %v", tm, err)
	}
	// Zero date policies apply too.
	err = types.ScanBinary(col(wire.TypeDate, 0), []byte{}, false, &tm, &types.Options{ZeroDate: types.ZeroDateError})
	wantErr(t, err, types.ErrZeroDate)
}

func TestBinaryStringsAndBit(t *testing.T) {
	maria := col(wire.TypeBlob, 0)
	maria.FormatName = "json"
	tests := []struct {
		c    *types.Column
		raw  string
		want any
	}{
		{col(wire.TypeVarString, 0), "𝄞", "𝄞"},
		{binCol(wire.TypeBlob), "\x00\x01", []byte{0, 1}},
		{maria, `["😀"]`, []byte(`["😀"]`)},
		{col(wire.TypeBit, unsigned), "\x01\x00", uint64(256)},
		{col(wire.TypeNewDecimal, 0), "0.000000000000000000000000000001", "0.000000000000000000000000000001"},
		{col(wire.TypeString, wire.FlagEnum), "b", "b"},
	}
	for _, tt := range tests {
		cols := []types.Column{*tt.c}
		vals, err := types.SplitBinaryRow(nil, binaryRow(lenenc(tt.raw)), cols)
		if err != nil {
			t.Fatal(err)
		}
		got, err := types.DecodeBinary(tt.c, vals[0], false, nil)
		if b, ok := got.([]byte); ok {
			got = b
		} else if j, ok := got.(interface{ MarshalJSON() ([]byte, error) }); ok {
			got, _ = j.MarshalJSON()
		}
		if err != nil || !equal(got, tt.want) {
			t.Fatalf("%q = %#v, %v", tt.raw, got, err)
		}
		var rb types.RawBytes
		if err := types.ScanBinary(tt.c, vals[0], false, &rb, nil); err != nil || string(rb) != tt.raw {
			t.Fatalf("RawBytes = %q, %v", rb, err)
		}
	}
}

func TestBinaryMalformedValues(t *testing.T) {
	tests := []struct {
		c      *types.Column
		raw    []byte // without length byte
		reason error
	}{
		{col(wire.TypeLong, 0), []byte{1, 2, 3}, types.ErrMalformed},
		{col(wire.TypeTiny, 0), []byte{}, types.ErrMalformed},
		{col(wire.TypeDouble, 0), make([]byte, 9), types.ErrMalformed},
		{col(wire.TypeDateTime, 0), datetime(7, 2024, 13, 1, 0, 0, 0, 0)[1:], types.ErrMalformed},
		{col(wire.TypeDateTime, 0), datetime(7, 2024, 1, 1, 24, 0, 0, 0)[1:], types.ErrMalformed},
		{col(wire.TypeDateTime, 0), datetime(11, 2024, 1, 1, 0, 0, 0, 1000000)[1:], types.ErrMalformed},
		{col(wire.TypeDateTime, 0), []byte{1, 2, 3, 4, 5}, types.ErrMalformed},
		{col(wire.TypeTime, 0), timeVal(8, false, 0, 24, 0, 0, 0)[1:], types.ErrMalformed},
		{col(wire.TypeTime, 0), append([]byte{2}, timeVal(8, false, 0, 1, 0, 0, 0)[2:]...), types.ErrMalformed},
		{col(wire.TypeTime, 0), timeVal(8, false, 35, 0, 0, 0, 0)[1:], types.ErrRange},
		{col(wire.TypeTime, 0), timeVal(8, false, 1<<31, 0, 0, 0, 0)[1:], types.ErrRange},
		{col(wire.TypeTime, 0), timeVal(12, false, 34, 23, 0, 0, 0)[1:], types.ErrRange},
		{col(wire.TypeTime, 0), make([]byte, 7), types.ErrMalformed},
		{col(wire.TypeBit, 0), make([]byte, 9), types.ErrMalformed},
	}
	for _, tt := range tests {
		_, err := types.DecodeBinary(tt.c, tt.raw, false, nil)
		wantErr(t, err, tt.reason)
		var a any
		wantErr(t, types.ScanBinary(tt.c, tt.raw, false, &a, nil), tt.reason)
	}
}
