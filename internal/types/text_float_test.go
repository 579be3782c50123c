package types_test

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestTextDoubleRoundTripsExactly(t *testing.T) {
	c := col(wire.TypeDouble, 0)
	for _, f := range []float64{0.1, 1e308, 5e-324, math.MaxFloat64, math.SmallestNonzeroFloat64,
		-1.7976931348623157e308, 2.2250738585072014e-308, 1.0 / 3, 123456789.123456789, 1, 0} {
		raw := strconv.FormatFloat(f, 'g', -1, 64)
		got, err := types.DecodeText(c, []byte(raw), false, nil)
		if err != nil || got != f {
			t.Fatalf("DecodeText(%s) = %v, %v; want %v", raw, got, err, f)
		}
		v, err := scanText[float64](t, c, raw, nil)
		if err != nil || math.Float64bits(v) != math.Float64bits(f) {
			t.Fatalf("%s into *float64 = %v, %v", raw, v, err)
		}
	}
	// The server's own spelling of large and small doubles.
	for raw, want := range map[string]float64{"1e308": 1e308, "5e-324": 5e-324, "-1.5e-7": -1.5e-7} {
		if v, err := scanText[float64](t, c, raw, nil); err != nil || v != want {
			t.Fatalf("%s = %v, %v", raw, v, err)
		}
	}
}

func TestTextNegativeZero(t *testing.T) {
	v, err := scanText[float64](t, col(wire.TypeDouble, 0), "-0", nil)
	if err != nil || v != 0 || !math.Signbit(v) {
		t.Fatalf("-0 = %v (signbit %v), %v", v, math.Signbit(v), err)
	}
	f, err := types.DecodeText(col(wire.TypeFloat, 0), []byte("-0"), false, nil)
	if err != nil || !math.Signbit(float64(f.(float32))) {
		t.Fatalf("FLOAT -0 = %v, %v", f, err)
	}
}

func TestTextFloatIsFloat32(t *testing.T) {
	c := col(wire.TypeFloat, 0)
	got, err := types.DecodeText(c, []byte("0.1"), false, nil)
	if err != nil || got != float32(0.1) {
		t.Fatalf("natural FLOAT = %#v, %v", got, err)
	}
	f64, err := scanText[float64](t, c, "0.1", nil)
	if err != nil || f64 != 0.1 {
		t.Fatalf("FLOAT 0.1 into *float64 = %v, %v (want 0.1 exactly)", f64, err)
	}
	f32, err := scanText[float32](t, c, "3.40282e38", nil)
	if err != nil || f32 != float32(3.40282e38) {
		t.Fatalf("into *float32 = %v, %v", f32, err)
	}
	_, err = types.DecodeText(c, []byte("1e39"), false, nil)
	wantErr(t, err, types.ErrRange)
	// DOUBLE into *float32: in range loses precision; out of range fails.
	if v, err := scanText[float32](t, col(wire.TypeDouble, 0), "0.1", nil); err != nil || v != float32(0.1) {
		t.Fatalf("DOUBLE into *float32 = %v, %v", v, err)
	}
	_, err = scanText[float32](t, col(wire.TypeDouble, 0), "1e300", nil)
	wantErr(t, err, types.ErrRange)
}

func TestTextFloatsIntoIntegers(t *testing.T) {
	c := col(wire.TypeDouble, 0)
	if v, err := scanText[int64](t, c, "42", nil); err != nil || v != 42 {
		t.Fatalf("42 = %d, %v", v, err)
	}
	if v, err := scanText[int64](t, c, "-1e18", nil); err != nil || v != -1e18 {
		t.Fatalf("-1e18 = %d, %v", v, err)
	}
	for _, raw := range []string{"1.5", "1e19", "-1e19"} {
		_, err := scanText[int64](t, c, raw, nil)
		wantErr(t, err, types.ErrRange)
	}
	_, err := scanText[uint64](t, c, "-1", nil)
	wantErr(t, err, types.ErrRange)
}

func TestTextDecimalIsExact(t *testing.T) {
	c := col(wire.TypeNewDecimal, 0)
	c.Decimals = 30
	for _, raw := range []string{
		"12345678901234567890123456789012345.123456789012345678901234567890",
		"-99999999999999999999999999999999999.999999999999999999999999999999",
		"0.000000000000000000000000000001",
		"0.100000000000000000000000000000",
	} {
		got, err := types.DecodeText(c, []byte(raw), false, nil)
		if err != nil || got != raw {
			t.Fatalf("DecodeText = %#v, %v; want the exact string", got, err)
		}
		s, err := scanText[string](t, c, raw, nil)
		if err != nil || s != raw {
			t.Fatalf("into *string = %q, %v", s, err)
		}
	}
	if f, err := scanText[float64](t, c, "12.50", nil); err != nil || f != 12.5 {
		t.Fatalf("into *float64 = %v, %v", f, err)
	}
}

func TestTextDecimalIntoIntegers(t *testing.T) {
	c := col(wire.TypeNewDecimal, 0)
	tests := []struct {
		raw  string
		want int64
		err  error
	}{
		{"42", 42, nil},
		{"42.000", 42, nil},
		{"-42.00", -42, nil},
		{"-9223372036854775808.0", math.MinInt64, nil},
		{"42.5", 0, types.ErrRange},
		{"42.001", 0, types.ErrRange},
		{"9223372036854775808", 0, types.ErrRange},
		{"4x", 0, types.ErrSyntax},
		{"1.2.3", 0, types.ErrSyntax},
	}
	for _, tt := range tests {
		v, err := scanText[int64](t, c, tt.raw, nil)
		if tt.err != nil {
			wantErr(t, err, tt.err)
		} else if err != nil || v != tt.want {
			t.Fatalf("%s = %d, %v", tt.raw, v, err)
		}
	}
	if v, err := scanText[uint64](t, c, "18446744073709551615.00", nil); err != nil || v != math.MaxUint64 {
		t.Fatalf("uint64 = %d, %v", v, err)
	}
	_, err := scanText[uint64](t, c, "-1.00", nil)
	wantErr(t, err, types.ErrRange)
	if v, err := scanText[uint64](t, c, "-0.00", nil); err != nil || v != 0 {
		t.Fatalf("-0.00 = %d, %v", v, err)
	}
}

func TestTextDoubleMatchesStrconv(t *testing.T) {
	c := col(wire.TypeDouble, 0)
	r := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		var b []byte
		if r.IntN(2) == 0 {
			b = append(b, '-')
		}
		for range 1 + r.IntN(12) {
			b = append(b, byte('0'+r.IntN(10)))
		}
		if r.IntN(4) != 0 {
			b = append(b, '.')
			for range 1 + r.IntN(12) {
				b = append(b, byte('0'+r.IntN(10)))
			}
		}
		want, _ := strconv.ParseFloat(string(b), 64)
		var got float64
		if err := types.ScanText(c, b, false, &got, nil); err != nil || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%s = %v (%v), strconv says %v", b, got, err, want)
		}
	}
	for _, s := range []string{"1.", ".5", "-", "+", "1e5", "0x1p3", "1_0", "--1", "1.2.3", "inf"} {
		want, werr := strconv.ParseFloat(s, 64)
		got, err := scanText[float64](t, c, s, nil)
		if (err == nil) != (werr == nil) || err == nil && got != want {
			t.Fatalf("%q = %v, %v; strconv %v, %v", s, got, err, want, werr)
		}
	}
}
