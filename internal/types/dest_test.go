package types_test

import (
	"database/sql"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// recorder is a sql.Scanner that keeps what it was given.
type recorder struct{ got any }

func (r *recorder) Scan(src any) error { r.got = src; return nil }

// failing is a sql.Scanner that refuses everything.
type failing struct{}

var errRefused = errors.New("refused")

func (failing) Scan(any) error { return errRefused }

func TestBoolDestination(t *testing.T) {
	ic := col(wire.TypeTiny, 0)
	vc := col(wire.TypeVarString, 0)
	for _, tt := range []struct {
		c    *types.Column
		raw  string
		want bool
		err  error
	}{
		{ic, "0", false, nil}, {ic, "1", true, nil}, {ic, "2", false, types.ErrRange},
		{ic, "-1", false, types.ErrRange},
		{vc, "true", true, nil}, {vc, "FALSE", false, nil}, {vc, "True", true, nil},
		{vc, "1", true, nil}, {vc, "0", false, nil}, {vc, "yes", false, types.ErrSyntax},
		{col(wire.TypeDouble, 0), "1", true, nil}, {col(wire.TypeDouble, 0), "0.5", false, types.ErrRange},
		{col(wire.TypeNewDecimal, 0), "1.00", true, nil},
	} {
		got, err := scanText[bool](t, tt.c, tt.raw, nil)
		if tt.err != nil {
			wantErr(t, err, tt.err)
		} else if err != nil || got != tt.want {
			t.Fatalf("%q = %v, %v", tt.raw, got, err)
		}
	}
}

func TestSQLNullTypes(t *testing.T) {
	i := col(wire.TypeLong, 0)
	if v, err := scanText[sql.NullInt64](t, i, "-5", nil); err != nil || v != (sql.NullInt64{Int64: -5, Valid: true}) {
		t.Fatalf("NullInt64 = %+v, %v", v, err)
	}
	if v, err := scanText[sql.NullInt32](t, i, "-2147483648", nil); err != nil || v.Int32 != math.MinInt32 || !v.Valid {
		t.Fatalf("NullInt32 = %+v, %v", v, err)
	}
	_, err := scanText[sql.NullInt32](t, i, "2147483648", nil)
	wantErr(t, err, types.ErrRange)
	if v, err := scanText[sql.NullInt16](t, i, "300", nil); err != nil || v.Int16 != 300 {
		t.Fatalf("NullInt16 = %+v, %v", v, err)
	}
	_, err = scanText[sql.NullByte](t, i, "256", nil)
	wantErr(t, err, types.ErrRange)
	_, err = scanText[sql.NullInt64](t, col(wire.TypeLongLong, unsigned), "18446744073709551615", nil)
	wantErr(t, err, types.ErrRange)
	if v, err := scanText[sql.NullFloat64](t, col(wire.TypeFloat, 0), "0.1", nil); err != nil || v.Float64 != 0.1 {
		t.Fatalf("NullFloat64 = %+v, %v", v, err)
	}
	if v, err := scanText[sql.NullBool](t, i, "1", nil); err != nil || !v.Bool || !v.Valid {
		t.Fatalf("NullBool = %+v, %v", v, err)
	}
	if v, err := scanText[sql.NullString](t, col(wire.TypeTime, 0), "-01:00:00", nil); err != nil || v.String != "-01:00:00" {
		t.Fatalf("NullString = %+v, %v", v, err)
	}
	want := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if v, err := scanText[sql.NullTime](t, col(wire.TypeDateTime, 0), "2024-05-06 07:08:09", nil); err != nil || !v.Time.Equal(want) {
		t.Fatalf("NullTime = %+v, %v", v, err)
	}
	// The generic sql.Null gets the natural value through database/sql's conversion.
	g, err := scanText[sql.Null[uint64]](t, col(wire.TypeLongLong, unsigned), "18446744073709551615", nil)
	if err != nil || g.V != math.MaxUint64 {
		t.Fatalf("Null[uint64] = %+v, %v", g, err)
	}
	gd, err := scanText[sql.Null[time.Duration]](t, col(wire.TypeTime, 0), "838:59:59", nil)
	if err != nil || gd.V != 838*time.Hour+59*time.Minute+59*time.Second {
		t.Fatalf("Null[time.Duration] = %+v, %v", gd, err)
	}
}

func TestScannerGetsNaturalValues(t *testing.T) {
	maria := col(wire.TypeBlob, 0)
	maria.FormatName = "json"
	tests := []struct {
		c    *types.Column
		raw  string
		want any
	}{
		{col(wire.TypeLong, 0), "-3", int64(-3)},
		{col(wire.TypeLongLong, unsigned), "18446744073709551615", uint64(math.MaxUint64)},
		{col(wire.TypeYear, unsigned), "2024", int64(2024)},
		{col(wire.TypeFloat, 0), "0.1", 0.1},
		{col(wire.TypeDouble, 0), "0.25", 0.25},
		{col(wire.TypeNewDecimal, 0), "1.50", "1.50"},
		{col(wire.TypeVarString, 0), "hé", "hé"},
		{binCol(wire.TypeBlob), "\x00\xff", []byte{0, 0xff}},
		{maria, `{"a":1}`, []byte(`{"a":1}`)},
		{col(wire.TypeTime, 0), "01:00:00", time.Hour},
		{col(wire.TypeDate, 0), "2024-01-02", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		var r recorder
		if err := types.ScanText(tt.c, []byte(tt.raw), false, &r, nil); err != nil || !equal(r.got, tt.want) {
			t.Fatalf("%s %q: Scanner got %#v, %v; want %#v", tt.c.Type, tt.raw, r.got, err, tt.want)
		}
	}
	var f failing
	err := types.ScanText(col(wire.TypeLong, 0), []byte("1"), false, &f, nil)
	var se *types.ScanError
	if !errors.As(err, &se) || !errors.Is(err, errRefused) {
		t.Fatalf("Scanner error not wrapped: %v", err)
	}
}

func TestPointerToPointer(t *testing.T) {
	c := col(wire.TypeLong, 0)
	var p *int
	if err := types.ScanText(c, []byte("7"), false, &p, nil); err != nil || p == nil || *p != 7 {
		t.Fatalf("**int = %v, %v", p, err)
	}
	var ps *string
	if err := types.ScanText(c, []byte("7"), false, &ps, nil); err != nil || *ps != "7" {
		t.Fatalf("**string = %v, %v", ps, err)
	}
	var pp **int64
	if err := types.ScanText(c, []byte("8"), false, &pp, nil); err != nil || **pp != 8 {
		t.Fatalf("***int64 = %v, %v", pp, err)
	}
	var p8 *int8
	wantErr(t, types.ScanText(c, []byte("300"), false, &p8, nil), types.ErrRange)
	if p8 != nil {
		t.Fatal("failed scan set the pointer")
	}
	type selfRef *selfRef
	var sr selfRef
	wantErr(t, types.ScanText(c, []byte("1"), false, &sr, nil), types.ErrUnsupported)
}

func TestNamedTypes(t *testing.T) {
	type status string
	type id uint32
	type small int8
	type ratio float32
	type flag bool
	type blob []byte
	c := col(wire.TypeLong, 0)
	if v, err := scanText[status](t, col(wire.TypeVarString, 0), "active", nil); err != nil || v != "active" {
		t.Fatalf("status = %v, %v", v, err)
	}
	if v, err := scanText[id](t, c, "4000000000", nil); err != nil || v != 4000000000 {
		t.Fatalf("id = %v, %v", v, err)
	}
	_, err := scanText[id](t, c, "-1", nil)
	wantErr(t, err, types.ErrRange)
	_, err = scanText[small](t, c, "128", nil)
	wantErr(t, err, types.ErrRange)
	if v, err := scanText[ratio](t, col(wire.TypeDouble, 0), "0.5", nil); err != nil || v != 0.5 {
		t.Fatalf("ratio = %v, %v", v, err)
	}
	if v, err := scanText[flag](t, c, "1", nil); err != nil || !bool(v) {
		t.Fatalf("flag = %v, %v", v, err)
	}
	if v, err := scanText[blob](t, binCol(wire.TypeBlob), "\x01", nil); err != nil || string(v) != "\x01" {
		t.Fatalf("blob = %v, %v", v, err)
	}
}

func TestBadDestinations(t *testing.T) {
	c := col(wire.TypeLong, 0)
	var nilInt *int64
	var nilNull *sql.NullInt64
	var nilRaw *types.RawBytes
	var nilStr *string
	type pair struct{ A, B int }
	var st pair
	var ch chan int
	for _, dest := range []any{nil, nilInt, nilNull, nilRaw, nilStr, 5, "x", &st, &ch} {
		for _, null := range []bool{false, true} {
			want := types.ErrUnsupported
			if null && (dest == &st || dest == &ch) {
				want = types.ErrNull // a pointer, but to something that cannot be NULL
			}
			err := types.ScanText(c, []byte("1"), null, dest, nil)
			wantErr(t, err, want)
			err = types.ScanBinary(c, []byte{1, 0, 0, 0}, null, dest, nil)
			wantErr(t, err, want)
		}
	}
}

func TestAnyDestination(t *testing.T) {
	var a any
	if err := types.ScanText(col(wire.TypeLongLong, unsigned), []byte("18446744073709551615"), false, &a, nil); err != nil || a != uint64(math.MaxUint64) {
		t.Fatalf("*any = %#v, %v", a, err)
	}
	type iface any
	var n iface
	if err := types.ScanText(col(wire.TypeVarString, 0), []byte("x"), false, &n, nil); err != nil || n != "x" {
		t.Fatalf("named empty interface = %#v, %v", n, err)
	}
	var st stringer
	wantErr(t, types.ScanText(col(wire.TypeVarString, 0), []byte("x"), false, &st, nil), types.ErrUnsupported)
	if err := types.ScanText(col(wire.TypeNull, 0), nil, true, &a, nil); err != nil || a != nil {
		t.Fatalf("NULL column = %#v, %v", a, err)
	}
}

// stringer is an interface with a method: not a natural-value destination.
type stringer interface{ String() string }

func TestRawBytesFromFormattedBinaryValue(t *testing.T) {
	var rb types.RawBytes
	if err := types.ScanBinary(col(wire.TypeLong, 0), []byte{0xff, 0xff, 0xff, 0xff}, false, &rb, nil); err != nil || string(rb) != "-1" {
		t.Fatalf("RawBytes = %q, %v", rb, err)
	}
}

func TestNamedSlicesAndFloatConversions(t *testing.T) {
	type embedding []float32
	raw := append(le32(math.Float32bits(1)), le32(math.Float32bits(-0.5))...)
	e, err := scanText[embedding](t, binCol(wire.TypeVector), string(raw), nil)
	if err != nil || len(e) != 2 || e[1] != -0.5 {
		t.Fatalf("named []float32 = %v, %v", e, err)
	}
	_, err = scanText[embedding](t, col(wire.TypeLong, 0), "1", nil)
	wantErr(t, err, types.ErrUnsupported)
	_, err = scanText[[]int](t, col(wire.TypeLong, 0), "1", nil)
	wantErr(t, err, types.ErrUnsupported)
	type tags []string
	_, err = scanText[tags](t, col(wire.TypeLong, 0), "1", nil)
	wantErr(t, err, types.ErrUnsupported)

	dbl := col(wire.TypeDouble, 0)
	if u, err := scanText[uint64](t, dbl, "1e19", nil); err != nil || u != 1e19 {
		t.Fatalf("1e19 into *uint64 = %d, %v", u, err)
	}
	for _, raw := range []string{"-1", "2e19", "0.5"} {
		_, err := scanText[uint32](t, dbl, raw, nil)
		wantErr(t, err, types.ErrRange)
	}
	if u, err := scanText[uint16](t, col(wire.TypeFloat, 0), "7", nil); err != nil || u != 7 {
		t.Fatalf("FLOAT into *uint16 = %d, %v", u, err)
	}
	var nf sql.NullFloat64
	if err := types.ScanBinary(dbl, le64(math.Float64bits(2.5)), false, &nf, nil); err != nil || nf.Float64 != 2.5 || !nf.Valid {
		t.Fatalf("binary NullFloat64 = %+v, %v", nf, err)
	}
	var f32 float32
	if err := types.ScanBinary(col(wire.TypeLongLong, 0), le64(1<<24+1), false, &f32, nil); err != nil || f32 != 1<<24 {
		t.Fatalf("BIGINT into *float32 = %v, %v", f32, err)
	}
	var v types.Value
	v, _ = types.BinaryValue(col(wire.TypeLongLong, unsigned), le64(math.MaxUint64), false)
	if _, err := v.Int64(); !errors.Is(err, types.ErrRange) {
		t.Fatalf("Int64 of MaxUint64: %v", err)
	}
	v, _ = types.BinaryValue(col(wire.TypeLong, 0), le32(0xffffffff), false)
	if _, err := v.Uint64(); !errors.Is(err, types.ErrRange) {
		t.Fatalf("Uint64 of -1: %v", err)
	}
	v, _ = types.BinaryValue(col(wire.TypeDate, 0), datetime(4, 2024, 1, 1, 0, 0, 0, 0)[1:], false)
	if _, err := v.Float64(); !errors.Is(err, types.ErrUnsupported) {
		t.Fatalf("Float64 of a DATE: %v", err)
	}
}
