package types_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

type status string
type userID uint64
type ratio float64
type flag bool
type octet byte

// money is a Valuer that formats cents as a decimal string.
type money int64

func (m money) Value() (driver.Value, error) {
	return float64(m) / 100, nil
}

// broken is a Valuer that fails.
type broken struct{}

var errBroken = errors.New("broken valuer")

func (broken) Value() (driver.Value, error) { return nil, errBroken }

// loop is a Valuer that returns itself.
type loop struct{}

func (l loop) Value() (driver.Value, error) { return l, nil }

// ptrValuer implements Valuer on the pointer.
type ptrValuer struct{ s string }

func (p *ptrValuer) Value() (driver.Value, error) { return p.s, nil }

func TestAppendLiteral(t *testing.T) {
	seven := 7
	pseven := &seven
	var nilInt *int
	var nilNS *sql.NullString
	var nilPV *ptrValuer
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"nil", nil, "NULL"},
		{"nil pointer", nilInt, "NULL"},
		{"nil []byte", []byte(nil), "NULL"},
		{"nil RawMessage", json.RawMessage(nil), "NULL"},
		{"nil Valuer pointer (value receiver)", nilNS, "NULL"},
		{"nil Valuer pointer (pointer receiver)", nilPV, "NULL"},
		{"true", true, "1"},
		{"false", false, "0"},
		{"int", -42, "-42"},
		{"int8 min", int8(math.MinInt8), "-128"},
		{"int16", int16(math.MaxInt16), "32767"},
		{"int32", int32(math.MinInt32), "-2147483648"},
		{"int64 min", int64(math.MinInt64), "-9223372036854775808"},
		{"uint", uint(7), "7"},
		{"uint8", uint8(255), "255"},
		{"uint16", uint16(65535), "65535"},
		{"uint32", uint32(math.MaxUint32), "4294967295"},
		{"uint64 max", uint64(math.MaxUint64), "18446744073709551615"},
		{"uintptr", uintptr(9), "9"},
		{"float 0.1", 0.1, "0.1e0"},
		{"float 100", 100.0, "100e0"},
		{"float 1e308", 1e308, "1e+308"},
		{"float 5e-324", 5e-324, "5e-324"},
		{"float -0", math.Copysign(0, -1), "-0e0"},
		{"float max", math.MaxFloat64, "1.7976931348623157e+308"},
		{"float32 0.1", float32(0.1), "0.1e0"},
		{"string", "it's", `'it\'s'`},
		{"empty string", "", "''"},
		{"4-byte UTF-8", "😀", "'😀'"},
		{"bytes", []byte("a'\x00\xff"), "_binary'a\\'\\0\xff'"},
		{"empty bytes", []byte{}, "_binary''"},
		{"byte array", [3]byte{'a', 0, 'b'}, `_binary'a\0b'`},
		{"named byte slice", []octet{'x'}, "_binary'x'"},
		{"json", json.RawMessage(`{"k":"v'😀"}`), `'{\"k\":\"v\'😀\"}'`},
		{"pointer", pseven, "7"},
		{"pointer to pointer", &pseven, "7"},
		{"Valuer", money(1250), "12.5e0"},
		{"NullInt64 invalid", sql.NullInt64{}, "NULL"},
		{"NullInt64 valid", sql.NullInt64{Int64: 3, Valid: true}, "3"},
		{"NullString", sql.NullString{String: "x", Valid: true}, "'x'"},
		{"pointer Valuer", &ptrValuer{"p"}, "'p'"},
		{"named string", status("active"), "'active'"},
		{"named uint64", userID(math.MaxUint64), "18446744073709551615"},
		{"named float", ratio(0.5), "0.5e0"},
		{"named bool", flag(true), "1"},
		{"[]int", []int{1, 2, 3}, "(1,2,3)"},
		{"[]int64", []int64{-1}, "(-1)"},
		{"[]string", []string{"a", "b'c"}, `('a','b\'c')`},
		{"[]any", []any{1, "x", nil, []byte{1}, true}, "(1,'x',NULL,_binary'\x01',1)"},
		{"[]uint16", []uint16{5, 6}, "(5,6)"},
		{"[]status", []status{"a"}, "('a')"},
		{"array", [2]int{4, 5}, "(4,5)"},
		{"nested", [][]int{{1, 2}, {3}}, "((1,2),(3))"},
		{"time", time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "'2024-01-02 03:04:05'"},
		{"time micro", time.Date(2024, 1, 2, 3, 4, 5, 123456789, time.UTC), "'2024-01-02 03:04:05.123456'"},
		{"time trimmed", time.Date(2024, 1, 2, 3, 4, 5, 500000000, time.UTC), "'2024-01-02 03:04:05.5'"},
		{"time sub-micro", time.Date(2024, 1, 2, 3, 4, 5, 999, time.UTC), "'2024-01-02 03:04:05'"},
		{"zero time", time.Time{}, "'0000-00-00 00:00:00'"},
		{"year 1", time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC), "'0001-01-01 00:00:01'"},
		{"duration 0", time.Duration(0), "'00:00:00'"},
		{"duration 25h", 25 * time.Hour, "'25:00:00'"},
		{"duration negative", -1500 * time.Millisecond, "'-00:00:01.5'"},
		{"duration max", 838*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond, "'838:59:59.999999'"},
		{"duration min", -(838*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond), "'-838:59:59.999999'"},
		{"duration ns", time.Nanosecond, "'00:00:00'"},
	}
	for _, tt := range tests {
		got, err := types.AppendLiteral([]byte("x="), tt.v, nil)
		if err != nil || string(got) != "x="+tt.want {
			t.Errorf("%s: got %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
}

func TestAppendLiteralNoBackslashEscapes(t *testing.T) {
	o := &types.LiteralOptions{NoBackslashEscapes: true}
	for _, tt := range []struct {
		v    any
		want string
	}{
		{`it's \n`, `'it''s \n'`},
		{status("o'k"), `'o''k'`},
		{json.RawMessage(`"a\b"`), `'"a\b"'`},
		{string([]byte{0, '\'', 1}), "'\x00''\x01'"},
	} {
		got, err := types.AppendLiteral(nil, tt.v, o)
		if err != nil || string(got) != tt.want {
			t.Errorf("%q: got %s, %v; want %s", tt.v, got, err, tt.want)
		}
	}
	got, _ := types.AppendLiteral(nil, []byte(`\'`), o)
	if string(got) != `_binary'\'''` {
		t.Errorf("bytes: %s", got)
	}
}

func TestAppendLiteralTimeZones(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	ist := time.FixedZone("IST", 19800)
	instant := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		in   time.Time
		loc  *time.Location
		want string
	}{
		{instant, nil, "'2024-07-01 12:00:00'"},
		{instant.In(ny), nil, "'2024-07-01 12:00:00'"},
		{instant, ny, "'2024-07-01 08:00:00'"},
		{instant, ist, "'2024-07-01 17:30:00'"},
		{instant.In(ist), time.UTC, "'2024-07-01 12:00:00'"},
		{time.Date(2024, 1, 1, 0, 30, 0, 0, ist), time.UTC, "'2023-12-31 19:00:00'"},
		{time.Time{}, ist, "'0000-00-00 00:00:00'"},
	} {
		got, err := types.AppendLiteral(nil, tt.in, &types.LiteralOptions{Location: tt.loc})
		if err != nil || string(got) != tt.want {
			t.Errorf("%v in %v: got %s, %v; want %s", tt.in, tt.loc, got, err, tt.want)
		}
	}
}

func TestAppendLiteralRoundTripsThroughDecoding(t *testing.T) {
	ist := time.FixedZone("IST", 19800)
	in := time.Date(2024, 2, 29, 23, 59, 59, 999999000, ist)
	lit, err := types.AppendLiteral(nil, in, &types.LiteralOptions{Location: ist})
	if err != nil {
		t.Fatal(err)
	}
	text, err := unquote(string(lit), false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := scanText[time.Time](t, withDecimals(col(0x0C, 0), 6), text, &types.Options{Location: ist})
	if err != nil || !got.Equal(in) {
		t.Fatalf("round trip %v -> %s -> %v, %v", in, lit, got, err)
	}
	d := -(838*time.Hour + 59*time.Second + 5*time.Microsecond)
	lit, _ = types.AppendLiteral(nil, d, nil)
	text, _ = unquote(string(lit), false)
	back, err := scanText[time.Duration](t, col(0x0B, 0), text, nil)
	if err != nil || back != d {
		t.Fatalf("duration round trip %v -> %s -> %v, %v", d, lit, back, err)
	}
	zero, _ := types.AppendLiteral(nil, time.Time{}, nil)
	text, _ = unquote(string(zero), false)
	zt, err := scanText[time.Time](t, col(0x0C, 0), text, nil)
	if err != nil || !zt.IsZero() {
		t.Fatalf("zero time round trip: %v, %v", zt, err)
	}
}

func TestAppendLiteralErrors(t *testing.T) {
	nan32 := float32(math.NaN())
	tests := []struct {
		name   string
		v      any
		reason error
	}{
		{"NaN", math.NaN(), types.ErrNotFinite},
		{"+Inf", math.Inf(1), types.ErrNotFinite},
		{"-Inf", math.Inf(-1), types.ErrNotFinite},
		{"float32 NaN", nan32, types.ErrNotFinite},
		{"named NaN", ratio(math.NaN()), types.ErrNotFinite},
		{"NaN in a list", []float64{1, math.Inf(1)}, types.ErrNotFinite},
		{"empty slice", []int{}, types.ErrEmptyList},
		{"nil slice", []string(nil), types.ErrEmptyList},
		{"empty []any", []any{}, types.ErrEmptyList},
		{"empty array", [0]int{}, types.ErrEmptyList},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), types.ErrRange},
		{"year -1", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), types.ErrRange},
		{"duration too long", 839 * time.Hour, types.ErrRange},
		{"duration too negative", -839 * time.Hour, types.ErrRange},
		{"map", map[string]int{"a": 1}, types.ErrUnsupported},
		{"struct", struct{ A int }{1}, types.ErrUnsupported},
		{"chan", make(chan int), types.ErrUnsupported},
		{"func", func() {}, types.ErrUnsupported},
		{"complex", complex(1, 2), types.ErrUnsupported},
		{"Valuer error", broken{}, errBroken},
		{"Valuer loop", loop{}, types.ErrUnsupported},
		{"map in a list", []any{1, map[int]int{}}, types.ErrUnsupported},
	}
	for _, tt := range tests {
		dst := []byte("keep")
		got, err := types.AppendLiteral(dst, tt.v, nil)
		wantErr(t, err, tt.reason)
		if string(got) != "keep" {
			t.Errorf("%s: dst changed to %q on error", tt.name, got)
		}
	}
	var le *types.LiteralError
	_, err := types.AppendLiteral(nil, math.NaN(), nil)
	if !errors.As(err, &le) || le.Type != "float64" {
		t.Fatalf("LiteralError = %+v", le)
	}
}

func TestDeeplyNestedListIsAnError(t *testing.T) {
	var v any = 1
	for range 100 {
		v = []any{v}
	}
	_, err := types.AppendLiteral(nil, v, nil)
	wantErr(t, err, types.ErrUnsupported)
	self := []any{nil}
	self[0] = self
	_, err = types.AppendLiteral(nil, self, nil)
	wantErr(t, err, types.ErrUnsupported)
}
