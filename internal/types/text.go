package types

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
)

// TextValue decodes one value of a text-protocol row: raw is the value's
// bytes (the lenenc payload), null reports SQL NULL. The Value aliases raw.
// Numbers, dates and times are parsed now, from the bytes; strings,
// decimals and JSON are kept as they are. Text that does not fit the
// column's type is a *ScanError (ErrSyntax, ErrRange or ErrInvalidDate).
func TextValue(col *Column, raw []byte, null bool) (Value, error) {
	if null {
		return Value{}, nil
	}
	raw = nonNil(raw)
	v, err := textValue(col, raw)
	if err != nil {
		return Value{}, textError(col, raw, "types.Value", err)
	}
	return v, nil
}

// textError reports text that does not parse as its column's type; it is
// kept apart so that the callers' frames stay small.
//
//go:noinline
func textError(col *Column, raw []byte, dest string, err error) error {
	e := scanError(col, Value{b: raw, kind: KindString}, nil, err)
	e.Dest = dest
	return e
}

// textValue is TextValue for a non-NULL value; errors are bare sentinels.
func textValue(col *Column, raw []byte) (Value, error) {
	k := textKind(col)
	num, fsp, err := textScalar(k, raw)
	return Value{b: raw, num: num, kind: k, fsp: fsp, ts: col.timestamp()}, err
}

// textKind is the column's kind, with text in NULL-typed columns (which
// the server never sends) kept as a string.
func textKind(col *Column) Kind {
	if k := col.Kind(); k != KindNull {
		return k
	}
	return KindString
}

// textScalar parses the text of a number, date or time into what a Value
// holds in num and fsp; other kinds have nothing to parse. (Returning the
// parts rather than a Value keeps the struct out of memory on the way.)
func textScalar(k Kind, raw []byte) (num uint64, fsp int8, err error) {
	switch k {
	case KindInt:
		i, err := parseInt(raw)
		return uint64(i), 0, err
	case KindUint:
		num, err = parseDigits(raw)
		return num, 0, err
	case KindFloat32:
		f, err := parseFloat(raw, 32)
		return uint64(math.Float32bits(float32(f))), 0, err
	case KindFloat64:
		f, err := parseFloat(raw, 64)
		return math.Float64bits(f), 0, err
	case KindBit:
		num, err = bigEndian(raw)
		return num, 0, err
	case KindDate, KindDateTime:
		c, digits, err := parseCivil(raw)
		return c.pack(), int8(digits), err
	case KindTime:
		d, digits, err := parseDuration(raw)
		return uint64(d), int8(digits), err
	}
	return 0, 0, nil
}

// DecodeText decodes a text-protocol value to its natural Go value (see
// Value.Any), copied so that it outlives the row. Use it for *any,
// Values() and cursor tuples; ScanText into typed destinations is cheaper.
func DecodeText(col *Column, raw []byte, null bool, opt *Options) (any, error) {
	v, err := TextValue(col, raw, null)
	return naturalOf(col, v, err, opt)
}

// naturalOf finishes DecodeText and DecodeBinary: the natural value of v,
// unless decoding it already failed.
func naturalOf(col *Column, v Value, err error, opt *Options) (any, error) {
	if err != nil {
		return nil, err
	}
	a, err := v.natural(opt)
	if err != nil {
		// The destination is an any: name its type without taking a's
		// address, which would move a to the heap on every call.
		return nil, scanError(col, v, (*any)(nil), err)
	}
	return a, nil
}

// ScanText stores a text-protocol value in dest, a pointer the caller
// passed to Scan: raw is the value's bytes, null reports SQL NULL. Text
// destinations (*string, *[]byte, *RawBytes, *json.RawMessage,
// *sql.NullString) get the server's text whatever the column type; the
// others are converted as the package documentation describes. Errors are
// *ScanError. Scanning an integer into *int64, a DOUBLE into *float64 or
// anything into *RawBytes allocates nothing; into *string, one string.
func ScanText(col *Column, raw []byte, null bool, dest any, opt *Options) error {
	if null {
		return ScanValue(col, Value{}, dest, opt)
	}
	raw = nonNil(raw)
	if storeText(raw, dest) {
		return nil
	}
	if scanTextFast(col, raw, dest, opt) {
		return nil
	}
	v, err := textValue(col, raw)
	if err != nil {
		return textError(col, raw, fmt.Sprintf("%T", dest), err)
	}
	return ScanValue(col, v, dest, opt)
}

// storeText stores a value's text, or bytes, in the text destinations;
// false means dest is not one (or is a nil pointer).
func storeText(raw []byte, dest any) bool {
	switch d := dest.(type) {
	case *RawBytes:
		if d != nil {
			*d = raw
			return true
		}
	case *sql.RawBytes:
		if d != nil {
			*d = raw
			return true
		}
	case *string:
		if d != nil {
			*d = string(raw)
			return true
		}
	case *[]byte:
		if d != nil {
			*d = bytes.Clone(raw)
			return true
		}
	case *json.RawMessage:
		if d != nil {
			*d = bytes.Clone(raw)
			return true
		}
	case *sql.NullString:
		if d != nil {
			*d = sql.NullString{String: string(raw), Valid: true}
			return true
		}
	case **string:
		if d != nil {
			str := string(raw)
			*d = &str
			return true
		}
	}
	return false
}

// scanTextFast parses the common kinds straight into the common
// destinations (see scanFast); false means nothing was stored.
func scanTextFast(col *Column, raw []byte, dest any, opt *Options) bool {
	k := col.Kind()
	switch k {
	case KindInt:
		i, err := parseInt(raw)
		return err == nil && storeInt(i, dest)
	case KindUint:
		u, err := parseDigits(raw)
		return err == nil && u <= math.MaxInt64 && storeInt(int64(u), dest)
	case KindFloat64:
		f, err := parseFloat(raw, 64)
		return err == nil && storeFloat(f, dest)
	case KindDate, KindDateTime:
		c, _, err := parseCivil(raw)
		return err == nil && storeCivil(c, col.timestamp(), dest, opt)
	}
	return false
}
