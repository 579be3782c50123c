package types

import (
	"reflect"
)

// scanReflect handles destinations by kind: pointers to pointers (a new
// value, or nil on NULL), and named types whose underlying type is an
// integer, float, bool, string, []byte, []string, []float32 or an empty
// interface.
func scanReflect(v Value, dest any, opt *Options, depth int) error {
	rv := reflect.ValueOf(dest)
	if rv.Kind() != reflect.Pointer || depth > maxPointerDepth {
		return ErrUnsupported
	}
	e := rv.Elem()
	switch e.Kind() {
	case reflect.Pointer:
		p := reflect.New(e.Type().Elem())
		if err := scanInto(v, p.Interface(), opt, depth+1); err != nil {
			if isScanNull(err) {
				e.SetZero()
				return nil
			}
			return err
		}
		e.Set(p)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := v.toInt64()
		if err != nil {
			return err
		}
		if e.OverflowInt(i) {
			return ErrRange
		}
		e.SetInt(i)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u, err := v.toUint64()
		if err != nil {
			return err
		}
		if e.OverflowUint(u) {
			return ErrRange
		}
		e.SetUint(u)
	case reflect.Float32:
		f, err := v.toFloat32()
		if err != nil {
			return err
		}
		e.SetFloat(float64(f))
	case reflect.Float64:
		f, err := v.toFloat64()
		if err != nil {
			return err
		}
		e.SetFloat(f)
	case reflect.Bool:
		b, err := v.toBool()
		if err != nil {
			return err
		}
		e.SetBool(b)
	case reflect.String:
		e.SetString(v.String())
	case reflect.Slice:
		return scanSlice(v, e)
	case reflect.Interface:
		if e.NumMethod() != 0 {
			return ErrUnsupported
		}
		a, err := v.natural(opt)
		if err != nil {
			return err
		}
		if a == nil {
			e.SetZero()
		} else {
			e.Set(reflect.ValueOf(a))
		}
	default:
		return ErrUnsupported
	}
	return nil
}

// scanSlice fills a named slice of bytes, strings (a SET) or float32s (a
// VECTOR).
func scanSlice(v Value, e reflect.Value) error {
	switch e.Type().Elem().Kind() {
	case reflect.Uint8:
		e.SetBytes(v.toBytes())
		return nil
	case reflect.String:
		parts, err := v.toSet()
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(e.Type(), len(parts), len(parts))
		for i, p := range parts {
			s.Index(i).SetString(p)
		}
		e.Set(s)
		return nil
	case reflect.Float32:
		fs, err := v.toVector()
		if err != nil {
			return err
		}
		s := reflect.MakeSlice(e.Type(), len(fs), len(fs))
		for i, f := range fs {
			s.Index(i).SetFloat(float64(f))
		}
		e.Set(s)
		return nil
	}
	return ErrUnsupported
}
