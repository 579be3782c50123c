package types

import (
	"math"
	"strconv"
)

// How AppendText formats the numbers and times of the binary protocol, so
// that they read as the server writes them in the text protocol.

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
	if math.IsInf(f, 0) || math.IsNaN(f) { // never sent by a server
		return strconv.AppendFloat(dst, f, 'g', -1, size)
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
	if math.IsInf(f, 0) || math.IsNaN(f) { // never sent by a server
		return strconv.AppendFloat(dst, f, 'g', -1, 64)
	}
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
