package types

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"strings"
	"time"
)

// errZeroNull is what toTime returns for a zero date under ZeroDateNull;
// scanning turns it into NULL handling or ErrNull.
var errZeroNull = errors.New("zero date read as NULL")

func (v Value) float32Val() float32 { return math.Float32frombits(uint32(v.num)) }
func (v Value) float64Val() float64 { return math.Float64frombits(v.num) }

// textual reports kinds whose bytes are text that can be parsed.
func (v Value) textual() bool { return v.kind == KindString || v.kind == KindBytes }

func (v Value) toInt64() (int64, error) {
	switch v.kind {
	case KindInt:
		return int64(v.num), nil
	case KindUint, KindBit:
		if v.num > math.MaxInt64 {
			return 0, ErrRange
		}
		return int64(v.num), nil
	case KindFloat32:
		return floatToInt64(float64(v.float32Val()))
	case KindFloat64:
		return floatToInt64(v.float64Val())
	case KindDecimal:
		return parseDecimalInt(v.b)
	case KindString, KindBytes:
		return parseInt(v.b)
	}
	return 0, ErrUnsupported
}

func (v Value) toUint64() (uint64, error) {
	switch v.kind {
	case KindInt:
		if int64(v.num) < 0 {
			return 0, ErrRange
		}
		return v.num, nil
	case KindUint, KindBit:
		return v.num, nil
	case KindFloat32:
		return floatToUint64(float64(v.float32Val()))
	case KindFloat64:
		return floatToUint64(v.float64Val())
	case KindDecimal:
		return parseDecimalUint(v.b)
	case KindString, KindBytes:
		return parseUint(v.b)
	}
	return 0, ErrUnsupported
}

func (v Value) toFloat64() (float64, error) {
	switch v.kind {
	case KindInt:
		return float64(int64(v.num)), nil
	case KindUint, KindBit:
		return float64(v.num), nil
	case KindFloat32:
		return float32To64(v.float32Val()), nil
	case KindFloat64:
		return v.float64Val(), nil
	case KindDecimal, KindString, KindBytes:
		return parseFloat(v.b, 64)
	}
	return 0, ErrUnsupported
}

func (v Value) toFloat32() (float32, error) {
	switch v.kind {
	case KindFloat32:
		return v.float32Val(), nil
	case KindFloat64:
		f := v.float64Val()
		if math.Abs(f) > math.MaxFloat32 && !math.IsInf(f, 0) {
			return 0, ErrRange
		}
		return float32(f), nil
	case KindDecimal, KindString, KindBytes:
		f, err := parseFloat(v.b, 32)
		return float32(f), err
	}
	f, err := v.toFloat64() // integers: nearest float32
	return float32(f), err
}

// toBool accepts the numbers 0 and 1, and "true" and "false" in any case.
func (v Value) toBool() (bool, error) {
	if v.textual() {
		switch {
		case bytes.EqualFold(v.b, []byte("true")):
			return true, nil
		case bytes.EqualFold(v.b, []byte("false")):
			return false, nil
		}
	}
	var f float64
	var err error
	switch v.kind {
	case KindFloat32, KindFloat64:
		f, err = v.toFloat64()
	default:
		var i int64
		i, err = v.toInt64()
		f = float64(i)
	}
	switch {
	case err != nil:
		return false, err
	case f == 0:
		return false, nil
	case f == 1:
		return true, nil
	}
	return false, ErrRange
}

// civil returns the calendar fields of a DATE or DATETIME, or of a string
// holding one.
func (v Value) civil() (civil, error) {
	switch v.kind {
	case KindDate, KindDateTime:
		return unpackCivil(v.num), nil
	case KindString, KindBytes:
		c, _, err := parseCivil(v.b)
		return c, err
	}
	return civil{}, ErrUnsupported
}

// toTime converts to a time.Time following the zero-date policy; under
// ZeroDateNull a zero date gives errZeroNull.
func (v Value) toTime(opt *Options) (time.Time, error) {
	c, err := v.civil()
	if err != nil {
		return time.Time{}, err
	}
	if c.isZero() {
		switch opt.zeroDate() {
		case ZeroDateNull:
			return time.Time{}, errZeroNull
		case ZeroDateError:
			return time.Time{}, ErrZeroDate
		}
		return time.Time{}, nil
	}
	return opt.civilTime(c, v.ts)
}

func (v Value) toDuration() (time.Duration, error) {
	switch v.kind {
	case KindTime:
		return time.Duration(v.num), nil
	case KindString, KindBytes:
		d, _, err := parseDuration(v.b)
		return d, err
	}
	return 0, ErrUnsupported
}

// toBytes returns a copy of the value's text, never nil.
func (v Value) toBytes() []byte {
	if v.b != nil {
		return bytes.Clone(v.b)
	}
	return v.AppendText(make([]byte, 0, 24))
}

// toSet splits a SET (or any text) on commas; the empty set is empty.
func (v Value) toSet() ([]string, error) {
	if v.kind != KindString {
		return nil, ErrUnsupported
	}
	if len(v.b) == 0 {
		return []string{}, nil
	}
	return strings.Split(string(v.b), ","), nil
}

// toVector reads a VECTOR (or bytes) as little-endian float32s.
func (v Value) toVector() ([]float32, error) {
	if v.kind != KindVector && v.kind != KindBytes {
		return nil, ErrUnsupported
	}
	if len(v.b)%4 != 0 {
		return nil, ErrSyntax
	}
	out := make([]float32, len(v.b)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(v.b[4*i:]))
	}
	return out, nil
}
