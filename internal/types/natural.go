package types

import (
	"bytes"
	"encoding/json"
	"time"
)

// Any returns the value's natural Go value (see Kind), copied so that it
// outlives the row: nil, int64, uint64, float32, float64, string (also
// DECIMAL, exact), []byte, time.Time (in opt's Location, following its
// zero-date policy; nil for a zero date under ZeroDateNull),
// time.Duration, json.RawMessage or []float32. A DATE or DATETIME that no
// time.Time can hold (a zero month or day, not all zero, or a day past the
// end of its month) is its text as a string, '2024-00-15', as aiomysql
// gives it.
func (v Value) Any(opt *Options) (any, error) {
	a, err := v.natural(opt)
	if err != nil {
		return nil, scanError(nil, v, &a, err)
	}
	return a, nil
}

func (v Value) natural(opt *Options) (any, error) {
	switch v.kind {
	case KindNull:
		return nil, nil
	case KindInt:
		return int64(v.num), nil
	case KindUint, KindBit:
		return v.num, nil
	case KindFloat32:
		return v.float32Val(), nil
	case KindFloat64:
		return v.float64Val(), nil
	case KindDecimal, KindString:
		return string(v.b), nil
	case KindBytes:
		return bytes.Clone(nonNil(v.b)), nil
	case KindJSON:
		return json.RawMessage(bytes.Clone(nonNil(v.b))), nil
	case KindVector:
		return v.toVector()
	case KindTime:
		return time.Duration(v.num), nil
	case KindDate, KindDateTime:
		t, err := v.toTime(opt)
		switch err {
		case errZeroNull:
			return nil, nil
		case ErrInvalidDate: // '2024-00-15': no time.Time holds it
			return v.String(), nil
		}
		return t, err
	}
	return nil, ErrUnsupported
}

// scannerValue is what a sql.Scanner receives: the natural value, except
// that the types database/sql drivers never produce are given as the
// nearest driver type: FLOAT as float64 (through its shortest decimal
// form), JSON and VECTOR as []byte.
func (v Value) scannerValue(opt *Options) (any, error) {
	switch v.kind {
	case KindFloat32:
		return float32To64(v.float32Val()), nil
	case KindJSON, KindVector:
		return bytes.Clone(nonNil(v.b)), nil
	}
	return v.natural(opt)
}

// nonNil turns nil into an empty slice, so that copies of empty strings
// are not mistaken for NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
