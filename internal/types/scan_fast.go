package types

import (
	"database/sql"
	"math"
	"strconv"
	"time"
)

// scanFast stores a non-NULL value in the most common destinations without
// reflection or boxing. It reports false, having stored nothing, when the
// destination needs the general path, and for every value that would be an
// error there, so that ScanValue can report it.
func scanFast(v Value, dest any, opt *Options) bool {
	switch v.kind {
	case KindInt:
		return storeInt(int64(v.num), dest)
	case KindUint:
		if v.num <= math.MaxInt64 {
			return storeInt(int64(v.num), dest)
		}
		return storeUint64(v.num, dest)
	case KindFloat64:
		return storeFloat(math.Float64frombits(v.num), dest)
	case KindDate, KindDateTime:
		return storeCivil(unpackCivil(v.num), v.ts, dest, opt)
	case KindTime:
		if d, ok := dest.(*time.Duration); ok && d != nil {
			*d = time.Duration(v.num)
			return true
		}
	}
	return false
}

// storeUint64 stores an integer beyond the int64 range.
func storeUint64(u uint64, dest any) bool {
	if d, ok := dest.(*uint64); ok && d != nil {
		*d = u
		return true
	}
	return false
}

// storeFloat stores a DOUBLE in float64 destinations.
func storeFloat(f float64, dest any) bool {
	switch d := dest.(type) {
	case *float64:
		if d != nil {
			*d = f
			return true
		}
	case *sql.NullFloat64:
		if d != nil {
			*d = sql.NullFloat64{Float64: f, Valid: true}
			return true
		}
	}
	return false
}

// storeCivil stores a date that is not zero in time destinations; timestamp
// says it is a TIMESTAMP, in the session's zone.
func storeCivil(c civil, timestamp bool, dest any, opt *Options) bool {
	if c.year == 0 && c.month == 0 && c.day == 0 {
		return false // zero or partly zero: the general path applies the policy
	}
	switch d := dest.(type) {
	case *time.Time:
		if t, err := opt.civilTime(c, timestamp); err == nil && d != nil {
			*d = t
			return true
		}
	case *sql.NullTime:
		if t, err := opt.civilTime(c, timestamp); err == nil && d != nil {
			*d = sql.NullTime{Time: t, Valid: true}
			return true
		}
	}
	return false
}

// storeInt stores an integer in integer, float and sql.Null destinations
// when it fits.
func storeInt(i int64, dest any) bool {
	switch d := dest.(type) {
	case *int64:
		if d != nil {
			*d = i
			return true
		}
	case *int:
		if d != nil && (strconv.IntSize == 64 || i == int64(int32(i))) {
			*d = int(i)
			return true
		}
	case *int32:
		if d != nil && i == int64(int32(i)) {
			*d = int32(i)
			return true
		}
	case *int16:
		if d != nil && i == int64(int16(i)) {
			*d = int16(i)
			return true
		}
	case *int8:
		if d != nil && i == int64(int8(i)) {
			*d = int8(i)
			return true
		}
	case *uint64:
		if d != nil && i >= 0 {
			*d = uint64(i)
			return true
		}
	case *uint32:
		if d != nil && i == int64(uint32(i)) {
			*d = uint32(i)
			return true
		}
	case *uint16:
		if d != nil && i == int64(uint16(i)) {
			*d = uint16(i)
			return true
		}
	case *uint8:
		if d != nil && i == int64(uint8(i)) {
			*d = uint8(i)
			return true
		}
	case *uint:
		if d != nil && i >= 0 && (strconv.IntSize == 64 || i == int64(uint32(i))) {
			*d = uint(i)
			return true
		}
	case *float64:
		if d != nil {
			*d = float64(i)
			return true
		}
	case *bool:
		if d != nil && (i == 0 || i == 1) {
			*d = i == 1
			return true
		}
	case *sql.NullInt64:
		if d != nil {
			*d = sql.NullInt64{Int64: i, Valid: true}
			return true
		}
	case *sql.NullInt32:
		if d != nil && i == int64(int32(i)) {
			*d = sql.NullInt32{Int32: int32(i), Valid: true}
			return true
		}
	case **int64:
		if d != nil {
			p := new(int64)
			*p = i
			*d = p
			return true
		}
	case **int:
		if d != nil && (strconv.IntSize == 64 || i == int64(int32(i))) {
			p := new(int)
			*p = int(i)
			*d = p
			return true
		}
	}
	return false
}
