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

// serverFsp is the number of fractional digits the server writes a
// DATETIME or TIME with: its column's, or, when the column has none fixed
// (an expression such as FROM_UNIXTIME('1.25'), Decimals 39), six when the
// value has a fraction and none when it has not.
func (v Value) serverFsp(fraction bool) int {
	switch {
	case v.fsp >= 0:
		return int(v.fsp)
	case fraction:
		return 6
	}
	return 0
}

// appendFloat appends a FLOAT or DOUBLE as the server writes it: with
// FLOAT(M,D)'s or DOUBLE(M,D)'s D decimals when they are fixed (fsp),
// else as appendFloatText does.
func (v Value) appendFloat(dst []byte) []byte {
	f, size := v.float64Val(), 64
	if v.kind == KindFloat32 {
		f, size = float64(v.float32Val()), 32
	}
	if v.fsp >= 0 {
		return appendFixed(dst, f, int(v.fsp))
	}
	return appendFloatText(dst, f, size)
}

// maxPositional bounds the decimal exponents the server writes floats
// without an exponent for (its DBL_DIG).
const maxPositional = 15

// appendFloatText appends f as the server writes a FLOAT or DOUBLE without
// fixed decimals: the shortest digits that read back as the float64 f (a
// FLOAT, widened, to six significant digits, the precision the server
// gives it), written positionally while the decimal point is within 15
// digits of them ('0.00001', '100000000000000', '1234567890123456.8'),
// else as d.ddde[-]N, without a '+' or leading zeros in the exponent
// ('1e15', '1.7976931348623157e308', '1.4013e-45').
func appendFloatText(dst []byte, f float64, size int) []byte {
	prec := -1
	if size == 32 {
		prec = 5
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', prec, 64) // [-]d[.ddd]e±dd
	if e[0] == '-' {
		dst = append(dst, '-')
		e = e[1:]
	}
	mark := 0
	for e[mark] != 'e' {
		mark++
	}
	exp := 0
	for _, c := range e[mark+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[mark+1] == '-' {
		exp = -exp
	}
	// The significant digits, without the point and trailing zeros.
	var dbuf [24]byte
	digits := append(dbuf[:0], e[0])
	if mark > 1 {
		digits = append(digits, e[2:mark]...)
	}
	for len(digits) > 1 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
	}
	point := exp + 1 // digits before the decimal point
	n := len(digits)
	if point <= -maxPositional || point > maxPositional && n <= point {
		dst = append(dst, digits[0])
		if n > 1 {
			dst = append(append(dst, '.'), digits[1:]...)
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		}
		return strconv.AppendInt(dst, int64(exp), 10)
	}
	switch {
	case point <= 0:
		dst = append(dst, '0', '.')
		for range -point {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	case point < n:
		return append(append(append(dst, digits[:point]...), '.'), digits[point:]...)
	}
	dst = append(dst, digits...)
	for range point - n {
		dst = append(dst, '0')
	}
	return dst
}

// appendFixed appends f with dec decimals as the server does for a column
// with fixed decimals: the shortest digits that read back as f, padded
// with zeros to dec decimals, or, when those need more decimals, f
// rounded to dec. (So 0.1 in a DOUBLE(30,20) is 0.10000000000000000000,
// not the 0.10000000000000000555 of its exact binary value; a FLOAT
// arrives widened to a float64, as the server widens it.)
func appendFixed(dst []byte, f float64, dec int) []byte {
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
	frac := 0
	for i := len(dst) - 1; i >= start; i-- {
		if dst[i] == '.' {
			frac = len(dst) - 1 - i
			break
		}
	}
	if frac > dec {
		return strconv.AppendFloat(dst[:start], f, 'f', dec, 64)
	}
	if frac == 0 && dec > 0 {
		dst = append(dst, '.')
	}
	for range dec - frac {
		dst = append(dst, '0')
	}
	return dst
}

// zeroFill pads the number dst[start:] with leading zeros to width digits,
// as the server writes the values of a ZEROFILL column; a longer number is
// left as it is.
func zeroFill(dst []byte, start int, width uint8) []byte {
	pad := int(width) - (len(dst) - start)
	if pad <= 0 {
		return dst
	}
	dst = append(dst, make([]byte, pad)...)
	copy(dst[start+pad:], dst[start:len(dst)-pad])
	for i := range pad {
		dst[start+i] = '0'
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
