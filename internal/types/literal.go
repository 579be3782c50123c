package types

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

// LiteralOptions tunes AppendLiteral. A nil *LiteralOptions means the zero
// LiteralOptions.
type LiteralOptions struct {
	// NoBackslashEscapes escapes strings for sql_mode NO_BACKSLASH_ESCAPES:
	// only ' is doubled. Default: backslash escapes. Ignored when Charset
	// is set.
	NoBackslashEscapes bool
	// Charset, when set, makes string and byte literals independent of
	// NO_BACKSLASH_ESCAPES, so a stale view of the session's sql_mode (for
	// instance after SET STATEMENT sql_mode=... FOR ...) cannot change what
	// the server reads: a value without a backslash or NUL is written
	// '...' with only ' doubled (which reads the same in both modes), any
	// other as a hex literal with an introducer, _<Charset> X'...' (or
	// _binary X'...' for bytes). It is the connection's character set name.
	Charset string
	// Location is the zone time.Time values are converted to before they
	// are written (the server reads DATETIME literals without a zone, and
	// TIMESTAMP ones in the session's time_zone). Default (nil): time.UTC.
	Location *time.Location
	// TimeTruncate, when positive, truncates time.Time values to a multiple
	// of it (time.Time.Truncate, which counts from the zero time, so
	// whole seconds, milliseconds and hours are what they say in every
	// zone with whole-hour offsets) before they are written. Default 0:
	// only the sub-microsecond part is dropped.
	TimeTruncate time.Duration
}

// maxLiteralDepth bounds nesting through pointers, Valuers and lists.
const maxLiteralDepth = 32

// errTooDeep is the reason for a value nested past maxLiteralDepth.
var errTooDeep = fmt.Errorf("%w: nested too deeply", ErrUnsupported)

// AppendLiteral appends v as an SQL literal, for client-side interpolation:
//
//   - nil, a nil pointer, a nil []byte or json.RawMessage, and a nil
//     pointer implementing driver.Valuer: NULL
//   - bool: 1 or 0
//   - integers of every size, uint64 to 18446744073709551615: decimal
//   - float32, float64: the shortest form that reads back exactly, with
//     "e0" added when it has no exponent, so the server reads a DOUBLE
//     (0.1e0, 1e+300); NaN and infinities are ErrNotFinite
//   - string, json.RawMessage: a quoted, escaped string
//   - []byte and byte arrays: _binary'…' (see AppendQuotedBytes)
//   - time.Time: 'YYYY-MM-DD HH:MM:SS[.ffffff]' in the options' Location,
//     truncated to the options' TimeTruncate, fraction truncated to
//     microseconds and given only as far as needed;
//     time.Time{} is '0000-00-00 00:00:00'; years outside 0-9999 are
//     ErrRange
//   - time.Duration: '[-]HH:MM:SS[.ffffff]', hours past 24 included, up to
//     ±838:59:59.999999 (beyond is ErrRange)
//   - driver.Valuer: the literal of what Value returns
//   - pointers: the literal of what they point to
//   - other slices and arrays: a parenthesized list "(1,2,3)" of the
//     elements' literals, for "IN %s"; an empty one is ErrEmptyList
//   - named types of these kinds (type Status string) as their kind
//
// Anything else is a *LiteralError wrapping ErrUnsupported. Integers and
// strings append without allocating beyond dst's growth.
func AppendLiteral(dst []byte, v any, o *LiteralOptions) ([]byte, error) {
	out, err := appendLiteral(dst, v, o, 0)
	if err != nil {
		return dst, err
	}
	return out, nil
}

func appendLiteral(dst []byte, v any, o *LiteralOptions, depth int) ([]byte, error) {
	if depth > maxLiteralDepth {
		return dst, literalError(v, errTooDeep)
	}
	switch x := v.(type) {
	case nil:
		return append(dst, "NULL"...), nil
	case string:
		return quoteText(dst, x, o), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case uint:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(dst, x, 10), nil
	case uint32:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(dst, uint64(x), 10), nil
	case bool:
		return appendBool(dst, x), nil
	case float64:
		return appendFloatLiteral(dst, v, x, 64)
	case float32:
		return appendFloatLiteral(dst, v, float64(x), 32)
	case []byte:
		if x == nil {
			return append(dst, "NULL"...), nil
		}
		return quoteBytes(dst, x, o), nil
	case json.RawMessage:
		if x == nil {
			return append(dst, "NULL"...), nil
		}
		return quoteText(dst, x, o), nil
	case time.Time:
		return appendTimeLiteral(dst, x, o)
	case time.Duration:
		return appendDurationLiteral(dst, x)
	case driver.Valuer:
		return appendValuer(dst, x, o, depth)
	case []any:
		return appendList(dst, len(x), v, func(dst []byte, i int) ([]byte, error) {
			return appendLiteral(dst, x[i], o, depth+1)
		})
	case []string:
		return appendList(dst, len(x), v, func(dst []byte, i int) ([]byte, error) {
			return quoteText(dst, x[i], o), nil
		})
	case []int:
		return appendList(dst, len(x), v, func(dst []byte, i int) ([]byte, error) {
			return strconv.AppendInt(dst, int64(x[i]), 10), nil
		})
	case []int64:
		return appendList(dst, len(x), v, func(dst []byte, i int) ([]byte, error) {
			return strconv.AppendInt(dst, x[i], 10), nil
		})
	}
	return appendReflect(dst, v, o, depth)
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, '1')
	}
	return append(dst, '0')
}

// appendFloatLiteral writes f as a DOUBLE literal.
func appendFloatLiteral(dst []byte, orig any, f float64, bitSize int) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, literalError(orig, ErrNotFinite)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'g', -1, bitSize)
	for _, c := range dst[start:] {
		if c == 'e' {
			return dst, nil
		}
	}
	return append(dst, "e0"...), nil
}

// appendTimeLiteral writes a DATETIME literal.
func appendTimeLiteral(dst []byte, t time.Time, o *LiteralOptions) ([]byte, error) {
	if t.IsZero() {
		return append(dst, "'0000-00-00 00:00:00'"...), nil
	}
	loc := time.UTC
	if o != nil && o.Location != nil {
		loc = o.Location
	}
	if o != nil && o.TimeTruncate > 0 {
		t = t.Truncate(o.TimeTruncate)
	}
	t = t.In(loc)
	if t.Year() < 0 || t.Year() > 9999 {
		return dst, literalError(t, ErrRange)
	}
	c := civil{year: t.Year(), month: int(t.Month()), day: t.Day(), hour: t.Hour(),
		minute: t.Minute(), second: t.Second(), micro: t.Nanosecond() / 1000}
	dst = append(dst, '\'')
	return append(c.appendDateTime(dst, -1), '\''), nil
}

// appendDurationLiteral writes a TIME literal.
func appendDurationLiteral(dst []byte, d time.Duration) ([]byte, error) {
	if t := d - d%time.Microsecond; t > maxTime || t < -maxTime {
		return dst, literalError(d, ErrRange)
	}
	dst = append(dst, '\'')
	return append(appendDuration(dst, d, -1), '\''), nil
}

// appendValuer writes the literal of a driver.Valuer's value.
func appendValuer(dst []byte, x driver.Valuer, o *LiteralOptions, depth int) ([]byte, error) {
	if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(dst, "NULL"...), nil
	}
	val, err := x.Value()
	if err != nil {
		return dst, literalError(x, err)
	}
	return appendLiteral(dst, val, o, depth+1)
}

// appendList writes "(e0,e1,…)"; an empty list is ErrEmptyList.
func appendList(dst []byte, n int, orig any, elem func([]byte, int) ([]byte, error)) ([]byte, error) {
	if n == 0 {
		return dst, literalError(orig, ErrEmptyList)
	}
	dst = append(dst, '(')
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
		}
		var err error
		if dst, err = elem(dst, i); err != nil {
			return dst, err
		}
	}
	return append(dst, ')'), nil
}
