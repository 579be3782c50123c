package types

import (
	"strconv"
	"time"
)

// Kind is the kind of a decoded Value, which also fixes its natural Go type.
type Kind uint8

// The kinds, with the natural Go type of each (see Value.Any).
const (
	KindNull     Kind = iota // SQL NULL: nil
	KindInt                  // signed integers and YEAR: int64
	KindUint                 // UNSIGNED integers: uint64
	KindFloat32              // FLOAT: float32
	KindFloat64              // DOUBLE: float64
	KindDecimal              // DECIMAL: string, exact
	KindString               // CHAR, VARCHAR, TEXT, ENUM, SET: string
	KindBytes                // BINARY, VARBINARY, BLOB, GEOMETRY: []byte
	KindBit                  // BIT: uint64
	KindDate                 // DATE: time.Time
	KindDateTime             // DATETIME, TIMESTAMP: time.Time
	KindTime                 // TIME: time.Duration
	KindJSON                 // JSON: json.RawMessage
	KindVector               // VECTOR: []float32
)

// String returns the kind's name, e.g. "Int".
func (k Kind) String() string {
	names := [...]string{"Null", "Int", "Uint", "Float32", "Float64", "Decimal", "String",
		"Bytes", "Bit", "Date", "DateTime", "Time", "JSON", "Vector"}
	if int(k) < len(names) {
		return names[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Value is one decoded column value, held without boxing: rows of Values
// can be decoded and reused with no allocation. A Value from TextValue or
// BinaryValue aliases the row it was decoded from and is valid only until
// that row's buffer is reused; Any and the typed accessors copy.
//
// The zero Value is SQL NULL. Values are immutable and safe to copy.
type Value struct {
	// b is the value's bytes: the content of a string, decimal, BIT, JSON
	// or vector; for every value of the text protocol, the server's text.
	// It is nil for numbers and times of the binary protocol.
	b    []byte
	num  uint64 // integers, float bits, packed civil dates, TIME in ns
	kind Kind
	fsp  int8 // fractional digits of DateTime, Time, and floats from the binary protocol; -1 if not fixed
	ts   bool // a TIMESTAMP: written in the session's time zone
	// width is the display width of a ZEROFILL column (YEAR is one), to
	// which AppendText pads numbers with leading zeros, as the server does;
	// 0 for none.
	width uint8
}

// Kind returns the value's kind.
func (v Value) Kind() Kind { return v.kind }

// IsNull reports whether the value is SQL NULL.
func (v Value) IsNull() bool { return v.kind == KindNull }

// Raw returns the bytes the value holds, aliasing the row: the content of
// strings, decimals, BIT, JSON and vectors, and the server's text for every
// value of the text protocol. It is nil for SQL NULL and for numbers and
// times of the binary protocol (use AppendText).
func (v Value) Raw() []byte { return v.b }

// AppendText appends the value as the text protocol would send it: the
// server's own text when the value came from it, otherwise the value
// formatted as the server does (integers in decimal, zero-padded to a
// ZEROFILL column's width; floats with their column's fixed decimals or in
// the server's shortest form, '1e308'; 'YYYY-MM-DD HH:MM:SS.ffffff' and
// '-838:59:59.ffffff' with the column's fractional digits, or six if the
// column has none fixed and the value a fraction). Strings and bytes are
// appended as they are; NULL appends nothing.
func (v Value) AppendText(dst []byte) []byte {
	if v.b != nil {
		return append(dst, v.b...)
	}
	switch v.kind {
	case KindInt:
		return zeroFill(strconv.AppendInt(dst, int64(v.num), 10), len(dst), v.width)
	case KindUint, KindBit:
		return zeroFill(strconv.AppendUint(dst, v.num, 10), len(dst), v.width)
	case KindFloat32, KindFloat64:
		return zeroFill(v.appendFloat(dst), len(dst), v.width)
	case KindDate:
		return unpackCivil(v.num).appendDate(dst)
	case KindDateTime:
		c := unpackCivil(v.num)
		return c.appendDateTime(dst, v.serverFsp(c.micro != 0))
	case KindTime:
		return appendDuration(dst, time.Duration(v.num), v.serverFsp(time.Duration(v.num)%time.Second != 0))
	}
	return dst
}

// String returns the value as text (see AppendText); "NULL" for NULL.
func (v Value) String() string {
	if v.kind == KindNull {
		return "NULL"
	}
	if v.b != nil {
		return string(v.b)
	}
	var buf [40]byte
	return string(v.AppendText(buf[:0]))
}

// Int64 returns the value as an int64: integers in range, floats and
// decimals without a fractional part, strings holding an integer.
func (v Value) Int64() (int64, error) {
	i, err := v.toInt64()
	if err != nil {
		return 0, scanError(nil, v, i, err)
	}
	return i, nil
}

// Uint64 returns the value as a uint64, like Int64 but for the unsigned
// range (negative values are ErrRange).
func (v Value) Uint64() (uint64, error) {
	u, err := v.toUint64()
	if err != nil {
		return 0, scanError(nil, v, u, err)
	}
	return u, nil
}

// Float64 returns the value as a float64. A FLOAT gives the float64
// nearest to its shortest decimal form (0.1, not 0.10000000149011612).
func (v Value) Float64() (float64, error) {
	f, err := v.toFloat64()
	if err != nil {
		return 0, scanError(nil, v, f, err)
	}
	return f, nil
}

// Time returns a DATE, DATETIME or TIMESTAMP (or a string holding one) as a
// time.Time in opt's Location, following opt's zero-date policy (under
// ZeroDateNull a zero date is an ErrNull error here).
func (v Value) Time(opt *Options) (time.Time, error) {
	t, err := v.toTime(opt)
	if err != nil {
		return time.Time{}, scanError(nil, v, t, err)
	}
	return t, nil
}

// Duration returns a TIME (or a string holding one) as a time.Duration.
func (v Value) Duration() (time.Duration, error) {
	d, err := v.toDuration()
	if err != nil {
		return 0, scanError(nil, v, d, err)
	}
	return d, nil
}
