package types

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"time"
)

// RawBytes is a destination that receives a value's bytes without a copy:
// they alias the row buffer and are valid only until the next row is read
// (or the result is closed). NULL leaves it nil; an empty string leaves it
// empty and non-nil. A value the binary protocol carries as a number or
// time is formatted into new memory instead.
type RawBytes []byte

// errNilPointer is the reason for a nil destination pointer.
var errNilPointer = fmt.Errorf("%w: nil pointer destination", ErrUnsupported)

// maxPointerDepth bounds **T recursion (a self-referential pointer type).
const maxPointerDepth = 8

// ScanValue stores a decoded value in dest, a pointer the caller passed to
// Scan; see the package documentation for the destinations and
// conversions. Errors are *ScanError naming col.
func ScanValue(col *Column, v Value, dest any, opt *Options) error {
	var err error
	switch {
	case v.kind == KindNull:
		err = scanNull(dest, 0)
	case scanFast(v, dest, opt):
		return nil
	default:
		err = scanInto(v, dest, opt, 0)
	}
	if err != nil {
		return scanError(col, v, dest, err)
	}
	return nil
}

// scanInto stores a non-NULL value.
func scanInto(v Value, dest any, opt *Options, depth int) error {
	if rv := reflect.ValueOf(dest); !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return errNilPointer
	}
	var err error
	switch d := dest.(type) {
	case *string:
		*d = v.String()
	case *[]byte:
		*d = v.toBytes()
	case *json.RawMessage:
		*d = v.toBytes()
	case *RawBytes:
		*d = v.rawBytes()
	case *sql.RawBytes:
		*d = v.rawBytes()
	case *int64:
		*d, err = v.toInt64()
	case *int:
		*d, err = scanSigned[int](v, strconv.IntSize)
	case *int8:
		*d, err = scanSigned[int8](v, 8)
	case *int16:
		*d, err = scanSigned[int16](v, 16)
	case *int32:
		*d, err = scanSigned[int32](v, 32)
	case *uint64:
		*d, err = v.toUint64()
	case *uint:
		*d, err = scanUnsigned[uint](v, strconv.IntSize)
	case *uint8:
		*d, err = scanUnsigned[uint8](v, 8)
	case *uint16:
		*d, err = scanUnsigned[uint16](v, 16)
	case *uint32:
		*d, err = scanUnsigned[uint32](v, 32)
	case *float64:
		*d, err = v.toFloat64()
	case *float32:
		*d, err = v.toFloat32()
	case *bool:
		*d, err = v.toBool()
	case *time.Time:
		*d, err = v.toTime(opt)
	case *time.Duration:
		*d, err = v.toDuration()
	case *[]string:
		*d, err = v.toSet()
	case *[]float32:
		*d, err = v.toVector()
	case *any:
		*d, err = v.natural(opt)
	case *sql.NullString:
		*d = sql.NullString{String: v.String(), Valid: true}
	case *sql.NullInt64:
		d.Int64, err = v.toInt64()
		d.Valid = err == nil
	case *sql.NullInt32:
		d.Int32, err = scanSigned[int32](v, 32)
		d.Valid = err == nil
	case *sql.NullInt16:
		d.Int16, err = scanSigned[int16](v, 16)
		d.Valid = err == nil
	case *sql.NullByte:
		d.Byte, err = scanUnsigned[uint8](v, 8)
		d.Valid = err == nil
	case *sql.NullFloat64:
		d.Float64, err = v.toFloat64()
		d.Valid = err == nil
	case *sql.NullBool:
		d.Bool, err = v.toBool()
		d.Valid = err == nil
	case *sql.NullTime:
		d.Time, err = v.toTime(opt)
		d.Valid = err == nil
		if err == errZeroNull {
			err = nil
		}
	case sql.Scanner:
		src, serr := v.scannerValue(opt)
		if serr == nil {
			serr = d.Scan(src)
		}
		return serr
	default:
		return scanReflect(v, dest, opt, depth)
	}
	return err
}

// rawBytes is the value's bytes without a copy when it has them.
func (v Value) rawBytes() []byte {
	if v.b != nil {
		return v.b
	}
	return v.AppendText(make([]byte, 0, 24))
}

// integer is the set of Go integer types scanSigned and scanUnsigned fill.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// scanSigned converts to a signed integer type of the given bit size.
func scanSigned[T integer](v Value, size int) (T, error) {
	i, err := v.toInt64()
	if err != nil {
		return 0, err
	}
	if size < 64 && (i < -1<<(size-1) || i > 1<<(size-1)-1) {
		return 0, ErrRange
	}
	return T(i), nil
}

// scanUnsigned converts to an unsigned integer type of the given bit size.
func scanUnsigned[T integer](v Value, size int) (T, error) {
	u, err := v.toUint64()
	if err != nil {
		return 0, err
	}
	if size < 64 && u > math.MaxUint64>>(64-size) {
		return 0, ErrRange
	}
	return T(u), nil
}

// scanNull stores SQL NULL: nil in slices, interfaces and pointers,
// Valid false in the sql.Null types, Scan(nil) for a Scanner, and ErrNull
// for everything else.
func scanNull(dest any, depth int) error {
	switch d := dest.(type) { // the common nullable destinations, without reflection
	case **string:
		if d != nil {
			*d = nil
			return nil
		}
	case *sql.NullString:
		if d != nil {
			*d = sql.NullString{}
			return nil
		}
	case *RawBytes:
		if d != nil {
			*d = nil
			return nil
		}
	case *[]byte:
		if d != nil {
			*d = nil
			return nil
		}
	case *any:
		if d != nil {
			*d = nil
			return nil
		}
	}
	rv := reflect.ValueOf(dest)
	if !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return errNilPointer
	}
	if s, ok := dest.(sql.Scanner); ok {
		return s.Scan(nil)
	}
	if rv.Kind() != reflect.Pointer || depth > maxPointerDepth {
		return ErrUnsupported
	}
	switch e := rv.Elem(); e.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Interface, reflect.Map:
		e.SetZero()
		return nil
	}
	return ErrNull
}

// isScanNull reports a NULL-handling outcome from a nested scan.
func isScanNull(err error) bool { return errors.Is(err, errZeroNull) }
