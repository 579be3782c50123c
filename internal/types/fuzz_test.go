package types_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Seed corpora live in testdata/fuzz/FuzzX/.

// fuzzTypes returns the field types fuzzed columns are drawn from.
func fuzzTypes() []wire.FieldType {
	return []wire.FieldType{
		wire.TypeDecimal, wire.TypeTiny, wire.TypeShort, wire.TypeLong, wire.TypeFloat, wire.TypeDouble,
		wire.TypeNull, wire.TypeTimestamp, wire.TypeLongLong, wire.TypeInt24, wire.TypeDate, wire.TypeTime,
		wire.TypeDateTime, wire.TypeYear, wire.TypeNewDate, wire.TypeVarChar, wire.TypeBit, wire.TypeTimestamp2,
		wire.TypeDateTime2, wire.TypeTime2, wire.TypeVector, wire.TypeJSON, wire.TypeNewDecimal, wire.TypeEnum,
		wire.TypeSet, wire.TypeTinyBlob, wire.TypeMediumBlob, wire.TypeLongBlob, wire.TypeBlob,
		wire.TypeVarString, wire.TypeString, wire.TypeGeometry,
	}
}

// fuzzColumn builds a column from one spec byte: the low 5 bits pick the
// type, 0x20 UNSIGNED, 0x40 a binary collation, 0x80 the "json" format
// (for FLOAT and DOUBLE, which it does not apply to: no fixed decimals).
// Temporal columns get full fractional precision, FLOAT and DOUBLE six
// fixed decimals.
func fuzzColumn(spec byte) types.Column {
	ts := fuzzTypes()
	c := types.Column{Name: "f", Type: ts[int(spec&0x1f)%len(ts)], Charset: utf8mb4, Decimals: 6}
	if spec&0x20 != 0 {
		c.Flags |= wire.FlagUnsigned
	}
	if spec&0x40 != 0 {
		c.Charset = charset.Binary
	}
	if spec&0x80 != 0 {
		if c.Type == wire.TypeFloat || c.Type == wire.TypeDouble {
			c.Decimals = 31
		} else {
			c.FormatName = "json"
		}
	}
	return c
}

// fuzzDests returns fresh destinations of every supported shape.
func fuzzDests() []any {
	var (
		s   string
		b   []byte
		rb  types.RawBytes
		js  json.RawMessage
		i   int
		i8  int8
		i64 int64
		u16 uint16
		u64 uint64
		f32 float32
		f64 float64
		bo  bool
		tm  time.Time
		d   time.Duration
		ss  []string
		fs  []float32
		a   any
		pi  *int
		ni  sql.NullInt64
		nt  sql.NullTime
		rec recorder
	)
	return []any{&s, &b, &rb, &js, &i, &i8, &i64, &u16, &u64, &f32, &f64, &bo, &tm, &d, &ss, &fs, &a, &pi, &ni, &nt, &rec}
}

// checkScanError fails unless err is nil or a *ScanError.
func checkScanError(t *testing.T, err error) {
	t.Helper()
	var se *types.ScanError
	if err != nil && !errors.As(err, &se) {
		t.Fatalf("error %v (%T) is not a *ScanError", err, err)
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Fuzz(func(t *testing.T, spec byte, null bool, raw []byte) {
		c := fuzzColumn(spec)
		opts := []*types.Options{nil, {ZeroDate: types.ZeroDateNull, Location: time.FixedZone("X", -12600)},
			{ZeroDate: types.ZeroDateError}}
		for _, opt := range opts {
			_, err := types.DecodeText(&c, raw, null, opt)
			checkScanError(t, err)
			for _, dest := range fuzzDests() {
				checkScanError(t, types.ScanText(&c, raw, null, dest, opt))
			}
		}
		v, err := types.TextValue(&c, raw, null)
		checkScanError(t, err)
		if err != nil || null {
			return
		}
		// Text destinations get the server's text unchanged.
		var s string
		if err := types.ScanText(&c, raw, false, &s, nil); err != nil || s != string(raw) {
			t.Fatalf("*string = %q, %v; want %q", s, err, raw)
		}
		// A decoded time written back as a literal decodes to the same time.
		if v.Kind() == types.KindDateTime || v.Kind() == types.KindDate {
			tm, err := v.Time(nil)
			if err != nil || tm.IsZero() {
				return
			}
			lit, err := types.AppendLiteral(nil, tm, nil)
			if err != nil {
				t.Fatalf("AppendLiteral(%v): %v", tm, err)
			}
			back, err := scanText[time.Time](t, &c, string(lit[1:len(lit)-1]), nil)
			if err != nil || !back.Equal(tm) {
				t.Fatalf("%q -> %v -> %s -> %v, %v", raw, tm, lit, back, err)
			}
		}
	})
}

func FuzzScanBinaryRow(f *testing.F) {
	f.Fuzz(func(t *testing.T, specs []byte, row []byte) {
		if len(specs) == 0 || len(specs) > 64 {
			return
		}
		cols := make([]types.Column, len(specs))
		for i, s := range specs {
			cols[i] = fuzzColumn(s)
		}
		vals, err := types.SplitBinaryRow(nil, row, cols)
		if err != nil {
			var m *wire.MalformedError
			if !errors.As(err, &m) {
				t.Fatalf("SplitBinaryRow error %v (%T) is not a *wire.MalformedError", err, err)
			}
			return
		}
		if len(vals) != len(cols) {
			t.Fatalf("%d values for %d columns", len(vals), len(cols))
		}
		for i := range cols {
			c := &cols[i]
			null := vals[i] == nil
			nat, err := types.DecodeBinary(c, vals[i], null, nil)
			checkScanError(t, err)
			for _, dest := range fuzzDests() {
				checkScanError(t, types.ScanBinary(c, vals[i], null, dest, nil))
			}
			if err != nil || nat == nil { // NULL, or a NULL-typed column
				continue
			}
			// The binary value, formatted as the text protocol would send
			// it, decodes to the same natural value (but for the rounding
			// the server's text of floats has).
			var text string
			if err := types.ScanBinary(c, vals[i], false, &text, nil); err != nil {
				t.Fatalf("column %d (%s) as text: %v", i, c.Type, err)
			}
			fromText, err := types.DecodeText(c, []byte(text), false, nil)
			if err != nil || !sameAsServerText(c, nat, fromText) {
				t.Fatalf("column %d (%s): binary %#v, as text %q, decoded %#v, %v", i, c.Type, nat, text, fromText, err)
			}
		}
	})
}

// sameAsServerText reports whether fromText, the natural value of a binary
// value's text form, is the binary value nat as the server's text gives
// it: the same, except that the server writes a FLOAT without fixed
// decimals to six significant digits, and a float with fixed decimals
// rounded to them, so the text's value may be off by that rounding (and
// by a FLOAT's own, for the text read back into a float32).
func sameAsServerText(c *types.Column, nat, fromText any) bool {
	if sameNatural(nat, fromText) {
		return true
	}
	var n, x, tol float64
	switch v := nat.(type) {
	case float64:
		y, ok := fromText.(float64)
		if !ok {
			return false
		}
		n, x = v, y
		if c.Decimals < 31 { // the rounded text, read back
			tol = math.Abs(n) * 0x1p-52
		}
	case float32:
		y, ok := fromText.(float32)
		if !ok {
			return false
		}
		n, x = float64(v), float64(y)
		tol = math.Abs(n)*0x1p-23 + math.SmallestNonzeroFloat32
		if c.Decimals >= 31 {
			tol += math.Abs(n) * 5e-6
		}
	default:
		return false
	}
	if c.Decimals < 31 {
		tol += 0.5 * math.Pow10(-int(c.Decimals))
	}
	return math.Abs(n-x) <= tol
}

// sameNatural compares natural values; NaNs are equal to themselves.
func sameNatural(a, b any) bool {
	switch x := a.(type) {
	case []float32:
		y, ok := b.([]float32)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if math.Float32bits(x[i]) != math.Float32bits(y[i]) {
				return false
			}
		}
		return true
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || x != x && y != y)
	case float32:
		y, ok := b.(float32)
		return ok && (x == y || x != x && y != y)
	}
	return equal(a, b)
}

func FuzzAppendLiteral(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string, noBackslash bool) {
		o := &types.LiteralOptions{NoBackslashEscapes: noBackslash}
		lit, err := types.AppendLiteral(nil, s, o)
		if err != nil {
			t.Fatalf("AppendLiteral(%q): %v", s, err)
		}
		if got, err := unquote(string(lit), noBackslash); err != nil || got != s {
			t.Fatalf("%q -> %s -> %q, %v", s, lit, got, err)
		}
		blit, err := types.AppendLiteral(nil, []byte(s), o)
		if err != nil {
			t.Fatalf("AppendLiteral([]byte %q): %v", s, err)
		}
		if got, err := unquoteBinary(string(blit), noBackslash); err != nil || got != s {
			t.Fatalf("bytes %q -> %s -> %q, %v", s, blit, got, err)
		}
		list, err := types.AppendLiteral(nil, []any{s, len(s)}, o)
		if err != nil || list[0] != '(' || list[len(list)-1] != ')' {
			t.Fatalf("list %s, %v", list, err)
		}
		inner := string(list[1 : len(list)-1])
		first := inner[:len(lit)]
		if got, err := unquote(first, noBackslash); err != nil || got != s || inner[len(lit)] != ',' {
			t.Fatalf("list element %s -> %q, %v", inner, got, err)
		}
	})
}
