package stdlib

import (
	"database/sql/driver"
	"encoding/json"
	"math"
	"strconv"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// The protocol's type codes the driver looks at (MYSQL_TYPE_*).
const (
	typeDecimal    = 0
	typeTiny       = 1
	typeShort      = 2
	typeLong       = 3
	typeFloat      = 4
	typeDouble     = 5
	typeNull       = 6
	typeTimestamp  = 7
	typeLongLong   = 8
	typeInt24      = 9
	typeDate       = 10
	typeTime       = 11
	typeDateTime   = 12
	typeYear       = 13
	typeNewDate    = 14
	typeVarChar    = 15
	typeBit        = 16
	typeJSON       = 245
	typeNewDecimal = 246
	typeEnum       = 247
	typeSet        = 248
	typeTinyBlob   = 249
	typeMediumBlob = 250
	typeLongBlob   = 251
	typeBlob       = 252
	typeVarString  = 253
	typeString     = 254
	typeGeometry   = 255
)

// driverValue turns a native value into what go-sql-driver/mysql gives
// database/sql, so code scanning into any keeps working: text, DECIMAL and
// JSON as []byte, TIME as its text, and dates as their text unless
// parseTime is on. Integers are int64, also unsigned ones (a BIGINT
// UNSIGNED above math.MaxInt64 stays uint64), and floats float32 or
// float64, as go-sql-driver gives them.
func (rs *rows) driverValue(i int, v any) driver.Value {
	switch x := v.(type) {
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return x
	case uint32:
		return int64(x)
	case uint16:
		return int64(x)
	case uint8:
		return int64(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case int8:
		return int64(x)
	case string:
		return []byte(x)
	case json.RawMessage:
		return []byte(x)
	case time.Duration:
		return appendTime(nil, x, rs.cols[i].Scale)
	case time.Time:
		if rs.conn.opts.parseTime {
			return x
		}
		return appendDate(nil, x, &rs.cols[i])
	}
	return v
}

// appendDate appends t as the server writes a DATE, DATETIME or TIMESTAMP
// of ct's type and fractional digits; time.Time{} is the zero date.
func appendDate(dst []byte, t time.Time, ct *aiomysql.ColumnType) []byte {
	date := ct.TypeCode == typeDate || ct.TypeCode == typeNewDate
	if t.IsZero() {
		dst = append(dst, "0000-00-00"...)
		if date {
			return dst
		}
		dst = append(dst, " 00:00:00"...)
		if ct.Scale > 0 {
			dst = append(dst, '.')
			for range ct.Scale {
				dst = append(dst, '0')
			}
		}
		return dst
	}
	if date {
		return t.AppendFormat(dst, "2006-01-02")
	}
	dst = t.AppendFormat(dst, "2006-01-02 15:04:05")
	return appendFraction(dst, t.Nanosecond(), ct.Scale)
}

// appendFraction appends .ffffff cut to scale digits (none for 0).
func appendFraction(dst []byte, nanos, scale int) []byte {
	if scale <= 0 {
		return dst
	}
	scale = min(scale, 6)
	micro := strconv.Itoa(nanos/1000 + 1000000) // 1 and six digits
	return append(append(dst, '.'), micro[1:1+scale]...)
}

// appendTime appends d as the server writes a TIME: [-]HH:MM:SS[.f], the
// hours beyond 24 when need be.
func appendTime(dst []byte, d time.Duration, scale int) []byte {
	if d < 0 {
		dst = append(dst, '-')
		d = -d
	}
	h := int64(d / time.Hour)
	m := int64(d/time.Minute) % 60
	s := int64(d/time.Second) % 60
	if h < 10 {
		dst = append(dst, '0')
	}
	dst = strconv.AppendInt(dst, h, 10)
	dst = append(dst, ':', byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10))
	return appendFraction(dst, int(d%time.Second), scale)
}
