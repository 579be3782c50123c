package sa

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

// assign stores src, a value as aiomysql.Rows.Values gives it, into the
// variable dest points to: as it is when the types allow, else converted
// between numbers (range checked), strings and bytes, through sql.Scanner
// and through pointers (nil for NULL).
func assign(dest, src any) error {
	switch d := dest.(type) {
	case nil:
		return fmt.Errorf("destination is nil")
	case *any:
		*d = src
		return nil
	case sql.Scanner:
		return d.Scan(driverValue(src))
	}
	dv := reflect.ValueOf(dest)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("destination %T is not a non-nil pointer", dest)
	}
	return assignValue(dv.Elem(), src)
}

// driverValue turns src into one of database/sql's driver.Value types,
// which sql.Scanner implementations expect.
func driverValue(src any) any {
	switch v := src.(type) {
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v)
		}
		return strconv.FormatUint(v, 10)
	case float32:
		return float64(v)
	case json.RawMessage:
		return []byte(v)
	case time.Duration:
		return v.String()
	}
	return src
}

// assignValue stores src into dv, a settable value.
func assignValue(dv reflect.Value, src any) error {
	if dv.CanAddr() {
		if s, ok := dv.Addr().Interface().(sql.Scanner); ok {
			return s.Scan(driverValue(src))
		}
	}
	if src == nil {
		switch dv.Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
			dv.SetZero()
			return nil
		}
		return fmt.Errorf("cannot store NULL in a %s: use a pointer or an sql.Null type", dv.Type())
	}
	if dv.Kind() == reflect.Pointer {
		p := reflect.New(dv.Type().Elem())
		if err := assignValue(p.Elem(), src); err != nil {
			return err
		}
		dv.Set(p)
		return nil
	}
	sv := reflect.ValueOf(src)
	if sv.Type().AssignableTo(dv.Type()) {
		dv.Set(sv)
		return nil
	}
	if err := convertValue(dv, sv); err != nil {
		return fmt.Errorf("cannot store %T %v in a %s: %w", src, src, dv.Type(), err)
	}
	return nil
}

// convertValue stores sv into dv between kinds that convert losslessly.
func convertValue(dv, sv reflect.Value) error {
	switch sk := sv.Kind(); {
	case sk == reflect.String || (sk == reflect.Slice && sv.Type().Elem().Kind() == reflect.Uint8):
		return fromText(dv, sv)
	case sk >= reflect.Int && sk <= reflect.Int64:
		return fromInt(dv, sv.Int())
	case sk >= reflect.Uint && sk <= reflect.Uint64:
		return fromUint(dv, sv.Uint())
	case sk == reflect.Float32 || sk == reflect.Float64:
		if k := dv.Kind(); k == reflect.Float32 || k == reflect.Float64 {
			dv.SetFloat(sv.Float())
			return nil
		}
	case sv.Type().ConvertibleTo(dv.Type()) && sv.Kind() == dv.Kind():
		dv.Set(sv.Convert(dv.Type()))
		return nil
	}
	return fmt.Errorf("no conversion")
}

// fromText stores a string or bytes (text, DECIMAL) into dv.
func fromText(dv, sv reflect.Value) error {
	s := sv.String()
	if sv.Kind() == reflect.Slice {
		s = string(sv.Bytes())
	}
	switch k := dv.Kind(); {
	case k == reflect.String:
		dv.SetString(s)
	case k == reflect.Slice && dv.Type().Elem().Kind() == reflect.Uint8:
		dv.SetBytes([]byte(s))
	case k >= reflect.Int && k <= reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return err
		}
		return fromInt(dv, n)
	case k >= reflect.Uint && k <= reflect.Uint64:
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return err
		}
		return fromUint(dv, n)
	case k == reflect.Float32 || k == reflect.Float64:
		f, err := strconv.ParseFloat(s, dv.Type().Bits())
		if err != nil {
			return err
		}
		dv.SetFloat(f)
	case k == reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return err
		}
		dv.SetBool(b)
	default:
		return fmt.Errorf("no conversion")
	}
	return nil
}

// fromInt stores n into dv, an integer, float, bool (0 or 1) or string.
func fromInt(dv reflect.Value, n int64) error {
	switch k := dv.Kind(); {
	case k >= reflect.Int && k <= reflect.Int64:
		if dv.OverflowInt(n) {
			return fmt.Errorf("out of range")
		}
		dv.SetInt(n)
	case k >= reflect.Uint && k <= reflect.Uint64:
		if n < 0 || dv.OverflowUint(uint64(n)) {
			return fmt.Errorf("out of range")
		}
		dv.SetUint(uint64(n))
	case k == reflect.Float32 || k == reflect.Float64:
		dv.SetFloat(float64(n))
	case k == reflect.Bool && (n == 0 || n == 1):
		dv.SetBool(n == 1)
	case k == reflect.String:
		dv.SetString(strconv.FormatInt(n, 10))
	default:
		return fmt.Errorf("no conversion")
	}
	return nil
}

// fromUint stores n into dv, as fromInt.
func fromUint(dv reflect.Value, n uint64) error {
	switch k := dv.Kind(); {
	case k >= reflect.Uint && k <= reflect.Uint64:
		if dv.OverflowUint(n) {
			return fmt.Errorf("out of range")
		}
		dv.SetUint(n)
	case k == reflect.String:
		dv.SetString(strconv.FormatUint(n, 10))
	case n <= math.MaxInt64:
		return fromInt(dv, int64(n))
	default:
		return fmt.Errorf("out of range")
	}
	return nil
}
