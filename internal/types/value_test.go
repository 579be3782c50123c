package types_test

import (
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestValueAccessors(t *testing.T) {
	v, err := types.TextValue(col(wire.TypeLongLong, unsigned), []byte("18446744073709551615"), false)
	if err != nil || v.Kind() != types.KindUint || v.IsNull() {
		t.Fatalf("TextValue = %v, %v", v, err)
	}
	if u, err := v.Uint64(); err != nil || u != math.MaxUint64 {
		t.Fatalf("Uint64 = %d, %v", u, err)
	}
	_, err = v.Int64()
	wantErr(t, err, types.ErrRange)
	if f, err := v.Float64(); err != nil || f != 1.8446744073709552e19 {
		t.Fatalf("Float64 = %v, %v", f, err)
	}
	if v.String() != "18446744073709551615" || string(v.Raw()) != "18446744073709551615" {
		t.Fatalf("String %q Raw %q", v.String(), v.Raw())
	}

	null, err := types.BinaryValue(col(wire.TypeLong, 0), nil, true)
	if err != nil || !null.IsNull() || null.String() != "NULL" || null.Raw() != nil {
		t.Fatalf("NULL value %v, %v", null, err)
	}
	if a, err := null.Any(nil); err != nil || a != nil {
		t.Fatalf("NULL Any = %v, %v", a, err)
	}

	b, err := types.BinaryValue(withDecimals(col(wire.TypeDateTime, 0), 6), datetime(11, 2024, 1, 2, 3, 4, 5, 6)[1:], false)
	if err != nil || b.Raw() != nil {
		t.Fatalf("binary DATETIME %v, %v", b, err)
	}
	if s := string(b.AppendText([]byte("t="))); s != "t=2024-01-02 03:04:05.000006" {
		t.Fatalf("AppendText = %q", s)
	}
	ist := time.FixedZone("IST", 19800)
	if tm, err := b.Time(&types.Options{Location: ist}); err != nil || !tm.Equal(time.Date(2024, 1, 2, 3, 4, 5, 6000, ist)) {
		t.Fatalf("Time = %v, %v", tm, err)
	}
	_, err = b.Duration()
	wantErr(t, err, types.ErrUnsupported)

	d, err := types.BinaryValue(col(wire.TypeTime, 0), timeVal(8, true, 1, 2, 3, 4, 0)[1:], false)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := d.Duration(); err != nil || got != -(26*time.Hour+3*time.Minute+4*time.Second) {
		t.Fatalf("Duration = %v, %v", got, err)
	}
	if d.String() != "-26:03:04" {
		t.Fatalf("TIME String = %q", d.String())
	}
	_, err = d.Time(nil)
	wantErr(t, err, types.ErrUnsupported)

	z, _ := types.TextValue(col(wire.TypeDate, 0), []byte("0000-00-00"), false)
	_, err = z.Time(&types.Options{ZeroDate: types.ZeroDateNull})
	wantErr(t, err, types.ErrNull)
	if a, err := z.Any(&types.Options{ZeroDate: types.ZeroDateNull}); err != nil || a != nil {
		t.Fatalf("zero date Any = %v, %v", a, err)
	}
	_, err = z.Any(&types.Options{ZeroDate: types.ZeroDateError})
	wantErr(t, err, types.ErrZeroDate)
}

func TestScanValueReusesDecodedRow(t *testing.T) {
	cols := []types.Column{*col(wire.TypeLong, 0), *col(wire.TypeVarString, 0)}
	row := wire.AppendLenEncStr(wire.AppendLenEncStr(nil, "12"), "twelve")
	raw, err := types.SplitTextRow(nil, row, 2)
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]types.Value, len(cols))
	for i := range cols {
		if vals[i], err = types.TextValue(&cols[i], raw[i], raw[i] == nil); err != nil {
			t.Fatal(err)
		}
	}
	var n uint8
	var s string
	if err := types.ScanValue(&cols[0], vals[0], &n, nil); err != nil || n != 12 {
		t.Fatalf("n = %d, %v", n, err)
	}
	if err := types.ScanValue(&cols[1], vals[1], &s, nil); err != nil || s != "twelve" {
		t.Fatalf("s = %q, %v", s, err)
	}
	err = types.ScanValue(&cols[1], vals[1], &n, nil)
	wantErr(t, err, types.ErrSyntax)
	if se := err.(*types.ScanError); se.Column != "c" || se.Value != `"twelve"` {
		t.Fatalf("ScanError %+v", se)
	}
}

func TestErrorValueIsCut(t *testing.T) {
	long := make([]byte, 500)
	for i := range long {
		long[i] = 'a'
	}
	var n int
	err := types.ScanText(col(wire.TypeVarString, 0), long, false, &n, nil)
	se := err.(*types.ScanError)
	if len(se.Value) > 80 {
		t.Fatalf("Value not cut: %d bytes", len(se.Value))
	}
	err = types.ScanText(binCol(wire.TypeBlob), []byte{0xff, 0}, false, &n, nil)
	if se := err.(*types.ScanError); se.Value != "0xff00" {
		t.Fatalf("binary Value = %q", se.Value)
	}
}
