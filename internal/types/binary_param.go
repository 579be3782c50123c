package types

import (
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"math"
	"reflect"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// AppendBinaryParam appends v's binary-protocol encoding, as a
// COM_STMT_EXECUTE parameter, to dst, and returns the extended buffer and
// the parameter, whose Value aliases the bytes appended (nil for NULL).
// Appending every parameter of an execute to one buffer costs no
// allocation per parameter beyond the buffer's growth: later appends
// never overwrite an earlier parameter's bytes.
//
// Integers keep the size of their Go type, whatever their value: int8 is
// TINY, int16 SHORT, int32 LONG, int, int64 and uintptr LONGLONG (and the
// unsigned types the same, with Unsigned set). A statement's types then
// stay the same from one execute to the next, so they need not be sent
// again, and the server compares with a type that fits every value the
// Go type can hold. The other types:
//
//   - nil, a nil pointer, a nil []byte or json.RawMessage, a nil pointer
//     implementing driver.Valuer: NULL (wire.TypeNull, Null set)
//   - bool: TINY 1 or 0
//   - float32: FLOAT; float64: DOUBLE; NaN and infinities are ErrNotFinite,
//     as in AppendLiteral (the servers have no column that holds them)
//   - string, json.RawMessage: VAR_STRING, length-encoded, read in the
//     connection's character set (a decimal string reaches a DECIMAL column
//     exactly, never through a float)
//   - []byte, byte arrays, RawBytes and sql.RawBytes: BLOB, length-encoded,
//     read as binary
//   - time.Time: DATETIME in the options' Location, truncated to the
//     options' TimeTruncate, microseconds kept, in the shortest of the 4-,
//     7- and 11-byte forms; time.Time{} is the zero date (the 0-byte form);
//     years outside 0-9999 are ErrRange
//   - time.Duration: TIME, negative and past 24 h, to ±838:59:59.999999
//     (beyond is ErrRange), sub-microseconds dropped, in the shortest of
//     the 0-, 8- and 12-byte forms
//   - driver.Valuer (sql.NullString, sql.NullInt64 …): the encoding of what
//     Value returns
//   - pointers: the encoding of what they point to
//   - named types of these kinds (type Status string) as their kind
//
// Anything else, lists included (a parameter is one value), is a
// *LiteralError wrapping ErrUnsupported, as from AppendLiteral. On an
// error, dst is returned unchanged.
func AppendBinaryParam(dst []byte, v any, o *LiteralOptions) ([]byte, wire.StmtParam, error) {
	start := len(dst)
	out, p, err := appendParam(dst, v, o, 0)
	if err != nil {
		return dst, wire.StmtParam{}, err
	}
	if !p.Null {
		p.Value = out[start:len(out):len(out)]
	}
	return out, p, nil
}

// nullParam is the parameter for SQL NULL.
var nullParam = wire.StmtParam{Type: wire.TypeNull, Null: true}

func typed(t wire.FieldType, unsigned bool) wire.StmtParam {
	return wire.StmtParam{Type: t, Unsigned: unsigned}
}

func appendParam(dst []byte, v any, o *LiteralOptions, depth int) ([]byte, wire.StmtParam, error) {
	if depth > maxLiteralDepth {
		return dst, wire.StmtParam{}, literalError(v, errTooDeep)
	}
	le := binary.LittleEndian
	switch x := v.(type) {
	case nil:
		return dst, nullParam, nil
	case string:
		return wire.AppendLenEncStr(dst, x), typed(wire.TypeVarString, false), nil
	case int:
		return le.AppendUint64(dst, uint64(x)), typed(wire.TypeLongLong, false), nil
	case int64:
		return le.AppendUint64(dst, uint64(x)), typed(wire.TypeLongLong, false), nil
	case int32:
		return le.AppendUint32(dst, uint32(x)), typed(wire.TypeLong, false), nil
	case int16:
		return le.AppendUint16(dst, uint16(x)), typed(wire.TypeShort, false), nil
	case int8:
		return append(dst, byte(x)), typed(wire.TypeTiny, false), nil
	case uint:
		return le.AppendUint64(dst, uint64(x)), typed(wire.TypeLongLong, true), nil
	case uint64:
		return le.AppendUint64(dst, x), typed(wire.TypeLongLong, true), nil
	case uint32:
		return le.AppendUint32(dst, x), typed(wire.TypeLong, true), nil
	case uint16:
		return le.AppendUint16(dst, x), typed(wire.TypeShort, true), nil
	case uint8:
		return append(dst, x), typed(wire.TypeTiny, true), nil
	case bool:
		return append(dst, boolByte(x)), typed(wire.TypeTiny, false), nil
	case float64:
		return appendFloatParam(dst, v, x, 64)
	case float32:
		return appendFloatParam(dst, v, float64(x), 32)
	case []byte:
		if x == nil {
			return dst, nullParam, nil
		}
		return wire.AppendLenEncString(dst, x), typed(wire.TypeBlob, false), nil
	case json.RawMessage:
		if x == nil {
			return dst, nullParam, nil
		}
		return wire.AppendLenEncString(dst, x), typed(wire.TypeVarString, false), nil
	case time.Time:
		return appendTimeParam(dst, x, o)
	case time.Duration:
		return appendDurationParam(dst, x)
	case driver.Valuer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return dst, nullParam, nil
		}
		val, err := x.Value()
		if err != nil {
			return dst, wire.StmtParam{}, literalError(x, err)
		}
		return appendParam(dst, val, o, depth+1)
	}
	return appendParamReflect(dst, v, o, depth)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// appendFloatParam writes FLOAT (bitSize 32) or DOUBLE.
func appendFloatParam(dst []byte, orig any, f float64, bitSize int) ([]byte, wire.StmtParam, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return dst, wire.StmtParam{}, literalError(orig, ErrNotFinite)
	}
	if bitSize == 32 {
		return binary.LittleEndian.AppendUint32(dst, math.Float32bits(float32(f))), typed(wire.TypeFloat, false), nil
	}
	return binary.LittleEndian.AppendUint64(dst, math.Float64bits(f)), typed(wire.TypeDouble, false), nil
}

// appendTimeParam writes a DATETIME: a length byte (0, 4, 7 or 11), then
// the year (2 bytes), month, day, hour, minute, second and microseconds
// (4 bytes), as far as the length says.
func appendTimeParam(dst []byte, t time.Time, o *LiteralOptions) ([]byte, wire.StmtParam, error) {
	p := typed(wire.TypeDateTime, false)
	if t.IsZero() {
		return append(dst, 0), p, nil
	}
	loc := time.UTC
	if o != nil && o.Location != nil {
		loc = o.Location
	}
	if o != nil && o.TimeTruncate > 0 {
		t = t.Truncate(o.TimeTruncate)
	}
	t = t.In(loc)
	year := t.Year()
	if year < 0 || year > 9999 {
		return dst, wire.StmtParam{}, literalError(t, ErrRange)
	}
	h, m, s := t.Clock()
	micro := t.Nanosecond() / 1000
	n := byte(11)
	switch {
	case micro == 0 && h == 0 && m == 0 && s == 0:
		n = 4
	case micro == 0:
		n = 7
	}
	dst = binary.LittleEndian.AppendUint16(append(dst, n), uint16(year))
	dst = append(dst, byte(t.Month()), byte(t.Day()))
	if n >= 7 {
		dst = append(dst, byte(h), byte(m), byte(s))
	}
	if n == 11 {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(micro))
	}
	return dst, p, nil
}

// appendDurationParam writes a TIME: a length byte (0, 8 or 12), the sign
// (1 for negative), the days (4 bytes), hours, minutes, seconds and
// microseconds (4 bytes), as far as the length says.
func appendDurationParam(dst []byte, d time.Duration) ([]byte, wire.StmtParam, error) {
	d -= d % time.Microsecond
	if d > maxTime || d < -maxTime {
		return dst, wire.StmtParam{}, literalError(d, ErrRange)
	}
	p := typed(wire.TypeTime, false)
	if d == 0 {
		return append(dst, 0), p, nil
	}
	sign := byte(0)
	if d < 0 {
		sign, d = 1, -d
	}
	micro := d / time.Microsecond % 1e6
	sec := int64(d / time.Second)
	n := byte(12)
	if micro == 0 {
		n = 8
	}
	dst = append(dst, n, sign)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(sec/86400))
	dst = append(dst, byte(sec/3600%24), byte(sec/60%60), byte(sec%60))
	if n == 12 {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(micro))
	}
	return dst, p, nil
}

// appendParamReflect writes values by kind: pointers, named basic types,
// and byte arrays and slices.
func appendParamReflect(dst []byte, v any, o *LiteralOptions, depth int) ([]byte, wire.StmtParam, error) {
	le := binary.LittleEndian
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return dst, nullParam, nil
		}
		return appendParam(dst, rv.Elem().Interface(), o, depth+1)
	case reflect.Bool:
		return append(dst, boolByte(rv.Bool())), typed(wire.TypeTiny, false), nil
	case reflect.Int8:
		return append(dst, byte(rv.Int())), typed(wire.TypeTiny, false), nil
	case reflect.Int16:
		return le.AppendUint16(dst, uint16(rv.Int())), typed(wire.TypeShort, false), nil
	case reflect.Int32:
		return le.AppendUint32(dst, uint32(rv.Int())), typed(wire.TypeLong, false), nil
	case reflect.Int, reflect.Int64:
		return le.AppendUint64(dst, uint64(rv.Int())), typed(wire.TypeLongLong, false), nil
	case reflect.Uint8:
		return append(dst, byte(rv.Uint())), typed(wire.TypeTiny, true), nil
	case reflect.Uint16:
		return le.AppendUint16(dst, uint16(rv.Uint())), typed(wire.TypeShort, true), nil
	case reflect.Uint32:
		return le.AppendUint32(dst, uint32(rv.Uint())), typed(wire.TypeLong, true), nil
	case reflect.Uint, reflect.Uint64, reflect.Uintptr:
		return le.AppendUint64(dst, rv.Uint()), typed(wire.TypeLongLong, true), nil
	case reflect.Float32:
		return appendFloatParam(dst, v, rv.Float(), 32)
	case reflect.Float64:
		return appendFloatParam(dst, v, rv.Float(), 64)
	case reflect.String:
		return wire.AppendLenEncStr(dst, rv.String()), typed(wire.TypeVarString, false), nil
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() != reflect.Uint8 {
			break // a list: no parameter holds one
		}
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return dst, nullParam, nil
		}
		if rv.Kind() == reflect.Slice {
			return wire.AppendLenEncString(dst, rv.Bytes()), typed(wire.TypeBlob, false), nil
		}
		dst = wire.AppendLenEncInt(dst, uint64(rv.Len()))
		for i := range rv.Len() {
			dst = append(dst, byte(rv.Index(i).Uint()))
		}
		return dst, typed(wire.TypeBlob, false), nil
	}
	return dst, wire.StmtParam{}, literalError(v, ErrUnsupported)
}
