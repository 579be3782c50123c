package types_test

import (
	"math"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestTextIntegerEdges(t *testing.T) {
	tests := []struct {
		name  string
		col   *types.Column
		raw   string
		want  any // natural value
		fitsI bool
	}{
		{"TINYINT min", col(wire.TypeTiny, 0), "-128", int64(-128), true},
		{"TINYINT max", col(wire.TypeTiny, 0), "127", int64(127), true},
		{"TINYINT UNSIGNED max", col(wire.TypeTiny, unsigned), "255", uint64(255), true},
		{"SMALLINT min", col(wire.TypeShort, 0), "-32768", int64(-32768), true},
		{"SMALLINT UNSIGNED max", col(wire.TypeShort, unsigned), "65535", uint64(65535), true},
		{"MEDIUMINT min", col(wire.TypeInt24, 0), "-8388608", int64(-8388608), true},
		{"MEDIUMINT UNSIGNED max", col(wire.TypeInt24, unsigned), "16777215", uint64(16777215), true},
		{"INT min", col(wire.TypeLong, 0), "-2147483648", int64(math.MinInt32), true},
		{"INT UNSIGNED max", col(wire.TypeLong, unsigned), "4294967295", uint64(math.MaxUint32), true},
		{"BIGINT min", col(wire.TypeLongLong, 0), "-9223372036854775808", int64(math.MinInt64), true},
		{"BIGINT max", col(wire.TypeLongLong, 0), "9223372036854775807", int64(math.MaxInt64), true},
		{"BIGINT UNSIGNED max", col(wire.TypeLongLong, unsigned), "18446744073709551615", uint64(math.MaxUint64), false},
		{"BIGINT UNSIGNED 2^63", col(wire.TypeLongLong, unsigned), "9223372036854775808", uint64(1 << 63), false},
		{"zero", col(wire.TypeLong, 0), "0", int64(0), true},
		{"ZEROFILL", col(wire.TypeLong, unsigned|wire.FlagZerofill), "00042", uint64(42), true},
		{"YEAR", col(wire.TypeYear, unsigned|wire.FlagZerofill), "2155", int64(2155), true},
		{"YEAR zero", col(wire.TypeYear, unsigned|wire.FlagZerofill), "0000", int64(0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := types.DecodeText(tt.col, []byte(tt.raw), false, nil)
			if err != nil || !equal(got, tt.want) {
				t.Fatalf("DecodeText = %#v, %v; want %#v", got, err, tt.want)
			}
			s, err := scanText[string](t, tt.col, tt.raw, nil)
			if err != nil || s != tt.raw {
				t.Fatalf("into *string = %q, %v", s, err)
			}
			i, err := scanText[int64](t, tt.col, tt.raw, nil)
			if tt.fitsI {
				if err != nil || !equal(anyInt(i, tt.want), tt.want) {
					t.Fatalf("into *int64 = %d, %v", i, err)
				}
			} else {
				wantErr(t, err, types.ErrRange)
			}
			u, err := scanText[uint64](t, tt.col, tt.raw, nil)
			if n, ok := tt.want.(int64); ok && n < 0 {
				wantErr(t, err, types.ErrRange)
			} else if err != nil || !equal(anyInt(u, tt.want), tt.want) {
				t.Fatalf("into *uint64 = %d, %v", u, err)
			}
		})
	}
}

// anyInt converts n to the type of like (int64 or uint64).
func anyInt[T int64 | uint64](n T, like any) any {
	if _, ok := like.(int64); ok {
		return int64(n)
	}
	return uint64(n)
}

func TestTextIntegerNarrowDestinations(t *testing.T) {
	c := col(wire.TypeLongLong, 0)
	u := col(wire.TypeLongLong, unsigned)
	check := func(t *testing.T, err error, ok bool) {
		t.Helper()
		if ok && err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		if !ok {
			wantErr(t, err, types.ErrRange)
		}
	}
	t.Run("int8", func(t *testing.T) {
		for raw, ok := range map[string]bool{"127": true, "-128": true, "128": false, "-129": false} {
			v, err := scanText[int8](t, c, raw, nil)
			check(t, err, ok)
			if ok && itoa(int64(v)) != raw {
				t.Fatalf("%s: got %d", raw, v)
			}
		}
	})
	t.Run("int16", func(t *testing.T) {
		for raw, ok := range map[string]bool{"32767": true, "-32768": true, "32768": false, "-32769": false} {
			_, err := scanText[int16](t, c, raw, nil)
			check(t, err, ok)
		}
	})
	t.Run("int32", func(t *testing.T) {
		for raw, ok := range map[string]bool{"2147483647": true, "-2147483648": true, "2147483648": false} {
			_, err := scanText[int32](t, c, raw, nil)
			check(t, err, ok)
		}
	})
	t.Run("int", func(t *testing.T) {
		v, err := scanText[int](t, c, "-9223372036854775808", nil)
		check(t, err, true)
		if v != math.MinInt64 {
			t.Fatalf("got %d", v)
		}
		_, err = scanText[int](t, u, "9223372036854775808", nil)
		check(t, err, false)
	})
	t.Run("uint8", func(t *testing.T) {
		for raw, ok := range map[string]bool{"255": true, "0": true, "256": false, "-1": false} {
			_, err := scanText[uint8](t, c, raw, nil)
			check(t, err, ok)
		}
	})
	t.Run("uint16", func(t *testing.T) {
		for raw, ok := range map[string]bool{"65535": true, "65536": false, "-1": false} {
			_, err := scanText[uint16](t, c, raw, nil)
			check(t, err, ok)
		}
	})
	t.Run("uint32", func(t *testing.T) {
		for raw, ok := range map[string]bool{"4294967295": true, "4294967296": false} {
			_, err := scanText[uint32](t, u, raw, nil)
			check(t, err, ok)
		}
	})
	t.Run("uint", func(t *testing.T) {
		v, err := scanText[uint](t, u, "18446744073709551615", nil)
		check(t, err, true)
		if v != math.MaxUint {
			t.Fatalf("got %d", v)
		}
		_, err = scanText[uint](t, c, "-1", nil)
		check(t, err, false)
	})
}

func itoa(n int64) string {
	b, _ := types.AppendLiteral(nil, n, nil)
	return string(b)
}

func TestTextIntegerErrorNamesColumnValueAndDestination(t *testing.T) {
	c := &types.Column{Name: "qty", Type: wire.TypeLong, Charset: utf8mb4}
	var v int8
	err := types.ScanText(c, []byte("300"), false, &v, nil)
	wantErr(t, err, types.ErrRange)
	se := err.(*types.ScanError)
	if se.Column != "qty" || se.Value != `"300"` || se.Dest != "*int8" {
		t.Fatalf("ScanError = %+v", se)
	}
	for _, part := range []string{`"qty"`, `"300"`, "*int8", "out of range"} {
		if !strings.Contains(err.Error(), part) {
			t.Fatalf("message %q lacks %q", err, part)
		}
	}
}

func TestTextIntegerMalformedFromServer(t *testing.T) {
	for _, raw := range []string{"", "abc", "1.5", "12a", "--1", " 1", "99999999999999999999"} {
		_, err := types.DecodeText(col(wire.TypeLong, 0), []byte(raw), false, nil)
		if err == nil {
			t.Fatalf("DecodeText(%q) succeeded", raw)
		}
		var v int64
		if err := types.ScanText(col(wire.TypeLong, 0), []byte(raw), false, &v, nil); err == nil {
			t.Fatalf("ScanText(%q) succeeded", raw)
		}
	}
	_, err := types.DecodeText(col(wire.TypeLong, unsigned), []byte("-1"), false, nil)
	wantErr(t, err, types.ErrSyntax)
}

func TestStringsIntoNumbers(t *testing.T) {
	vc := col(wire.TypeVarString, 0)
	if v, err := scanText[int](t, vc, "42", nil); err != nil || v != 42 {
		t.Fatalf("'42' into *int = %d, %v", v, err)
	}
	if v, err := scanText[int64](t, vc, "-7", nil); err != nil || v != -7 {
		t.Fatalf("'-7' into *int64 = %d, %v", v, err)
	}
	for _, raw := range []string{"x", "", "4 2", "1.5", "0x10"} {
		_, err := scanText[int](t, vc, raw, nil)
		wantErr(t, err, types.ErrSyntax)
	}
	_, err := scanText[uint](t, vc, "-3", nil)
	wantErr(t, err, types.ErrRange)
	if v, err := scanText[float64](t, vc, "2.5e3", nil); err != nil || v != 2500 {
		t.Fatalf("'2.5e3' into *float64 = %v, %v", v, err)
	}
	_, err = scanText[float64](t, vc, "two", nil)
	wantErr(t, err, types.ErrSyntax)
	if v, err := scanText[uint8](t, binCol(wire.TypeVarString), "200", nil); err != nil || v != 200 {
		t.Fatalf("VARBINARY '200' into *uint8 = %d, %v", v, err)
	}
}
