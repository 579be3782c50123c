package types

import (
	"math"
	"math/bits"
	"strconv"
)

// parseDigits parses a non-empty run of ASCII digits. It reports ErrSyntax
// for anything else and ErrRange when the digits exceed uint64.
func parseDigits(b []byte) (uint64, error) {
	if len(b) == 0 {
		return 0, ErrSyntax
	}
	var v uint64
	var overflow bool
	for _, c := range b {
		d := uint64(c - '0')
		if d > 9 {
			return 0, ErrSyntax
		}
		hi, lo := bits.Mul64(v, 10)
		v = lo + d
		overflow = overflow || hi != 0 || v < lo
	}
	if overflow {
		return 0, ErrRange
	}
	return v, nil
}

// splitSign removes a leading '-' or '+'.
func splitSign(b []byte) (neg bool, rest []byte) {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		return b[0] == '-', b[1:]
	}
	return false, b
}

// parseInt parses a decimal integer with an optional sign.
func parseInt(b []byte) (int64, error) {
	neg, digits := splitSign(b)
	u, err := parseDigits(digits)
	if err != nil {
		return 0, err
	}
	return signed(neg, u)
}

// signed applies a sign to a magnitude, checking the int64 range.
func signed(neg bool, u uint64) (int64, error) {
	if neg {
		if u > 1<<63 {
			return 0, ErrRange
		}
		return -int64(u), nil
	}
	if u > math.MaxInt64 {
		return 0, ErrRange
	}
	return int64(u), nil
}

// parseUint parses a decimal integer for an unsigned destination: a
// negative number other than -0 is ErrRange.
func parseUint(b []byte) (uint64, error) {
	neg, digits := splitSign(b)
	return unsignedDigits(neg, digits)
}

// unsignedDigits parses digits as a magnitude with a sign: a negative
// number other than -0 is ErrRange.
func unsignedDigits(neg bool, digits []byte) (uint64, error) {
	u, err := parseDigits(digits)
	if err != nil {
		return 0, err
	}
	if neg && u != 0 {
		return 0, ErrRange
	}
	return u, nil
}

// splitDecimal splits DECIMAL text into its sign, integer digits and
// fractional digits. A fractional part that is not all zeros is ErrRange:
// it cannot go into an integer.
func splitDecimal(b []byte) (neg bool, digits []byte, err error) {
	neg, b = splitSign(b)
	for i, c := range b {
		if c != '.' {
			continue
		}
		nonZero := false
		for _, f := range b[i+1:] {
			if f < '0' || f > '9' {
				return false, nil, ErrSyntax
			}
			nonZero = nonZero || f != '0'
		}
		if nonZero {
			return false, nil, ErrRange
		}
		return neg, b[:i], nil
	}
	return neg, b, nil
}

// parseDecimalInt parses DECIMAL text with no fractional value.
func parseDecimalInt(b []byte) (int64, error) {
	neg, digits, err := splitDecimal(b)
	if err != nil {
		return 0, err
	}
	u, err := parseDigits(digits)
	if err != nil {
		return 0, err
	}
	return signed(neg, u)
}

// parseDecimalUint is parseDecimalInt for unsigned destinations.
func parseDecimalUint(b []byte) (uint64, error) {
	neg, digits, err := splitDecimal(b)
	if err != nil {
		return 0, err
	}
	return unsignedDigits(neg, digits)
}

// parseFloat parses a float of the given size; a value beyond the size's
// range is ErrRange. Plain decimals of up to 15 or 16 digits, the common case,
// are converted exactly by one IEEE operation (see fastFloat); the rest go
// through strconv, whose string conversion does not escape, so short
// inputs are not copied to the heap.
func parseFloat(b []byte, bitSize int) (float64, error) {
	if bitSize == 64 {
		if f, ok := fastFloat(b); ok {
			return f, nil
		}
	}
	f, err := strconv.ParseFloat(string(b), bitSize)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, ErrRange
		}
		return 0, ErrSyntax
	}
	return f, nil
}

// floatToInt64 converts an integral float in the int64 range.
func floatToInt64(f float64) (int64, error) {
	if f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, ErrRange // also NaN and infinities
	}
	return int64(f), nil
}

// floatToUint64 converts an integral float in the uint64 range.
func floatToUint64(f float64) (uint64, error) {
	if f != math.Trunc(f) || f < 0 || f >= 1<<64 {
		return 0, ErrRange
	}
	return uint64(f), nil
}

// float32To64 widens a FLOAT through its shortest decimal form, so 0.1f
// becomes 0.1, as the text protocol would give it.
func float32To64(f float32) float64 {
	w := float64(f)
	if math.IsInf(w, 0) || w != w {
		return w
	}
	var buf [32]byte
	d, _ := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], w, 'g', -1, 32)), 64)
	return d
}

// bigEndian reads BIT bytes (at most 8) as an unsigned integer.
func bigEndian(b []byte) (uint64, error) {
	if len(b) > 8 {
		return 0, ErrRange
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v, nil
}

// fastFloat converts '[-]digits[.digits]' whose digits, read as an
// integer, are below 2^53, exactly: both the mantissa and
// the power of ten (at most 1e22) are exact float64s, and IEEE division
// rounds their quotient correctly. It reports false for anything else.
func fastFloat(b []byte) (float64, bool) {
	neg, b := splitSign(b)
	var m uint64
	digits, frac := 0, -1
	for i, c := range b {
		switch {
		case c >= '0' && c <= '9':
			if m == 0 && c == '0' && frac < 0 {
				continue // leading zeros of the integer part are free
			}
			m = m*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0 && i > 0 && i < len(b)-1:
			frac = 0
		default:
			return 0, false
		}
	}
	if len(b) == 0 || digits > 19 || m >= 1<<53 || frac > 22 {
		return 0, false
	}
	f := float64(m)
	if frac > 0 {
		f /= math.Pow10(frac)
	}
	if neg {
		f = -f
	}
	return f, true
}
