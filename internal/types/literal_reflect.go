package types

import (
	"reflect"
	"strconv"
)

// appendReflect writes values by kind: pointers, named basic types, byte
// arrays and slices, and lists.
func appendReflect(dst []byte, v any, o *LiteralOptions, depth int) ([]byte, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return append(dst, "NULL"...), nil
		}
		return appendLiteral(dst, rv.Elem().Interface(), o, depth+1)
	case reflect.Bool:
		return appendBool(dst, rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(dst, rv.Uint(), 10), nil
	case reflect.Float32:
		return appendFloatLiteral(dst, v, rv.Float(), 32)
	case reflect.Float64:
		return appendFloatLiteral(dst, v, rv.Float(), 64)
	case reflect.String:
		return quoteText(dst, rv.String(), o), nil
	case reflect.Slice, reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			if rv.Kind() == reflect.Slice && rv.IsNil() {
				return append(dst, "NULL"...), nil
			}
			b := make([]byte, rv.Len())
			for i := range b {
				b[i] = byte(rv.Index(i).Uint())
			}
			return quoteBytes(dst, b, o), nil
		}
		return appendList(dst, rv.Len(), v, func(dst []byte, i int) ([]byte, error) {
			return appendLiteral(dst, rv.Index(i).Interface(), o, depth+1)
		})
	}
	return dst, literalError(v, ErrUnsupported)
}
