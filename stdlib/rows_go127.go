//go:build go1.27

package stdlib

import (
	"database/sql"
	"database/sql/driver"
	"io"
	"time"
)

// NextRow advances to the next row without decoding it: with
// driver.RowsColumnScanner (Go 1.27) database/sql then asks ScanColumn for
// each column it scans.
func (rs *rows) NextRow() error {
	if !rs.r.Next() {
		if err := rs.r.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	return nil
}

// ScanColumn scans column i into dest. Into the common destinations (sized
// ints and uints, floats, and string or []byte from a column that is not a
// date or time, time.Time with parseTime) the native decoder writes the
// value directly, without boxing it in an interface; any other destination
// gets the value Next would give, through sql.ConvertAssign.
func (rs *rows) ScanColumn(sc driver.ScanContext, i int, dest any) error {
	if rs.direct(i, dest) {
		return rs.r.ScanColumn(i, dest)
	}
	v, err := rs.r.Value(i)
	if err != nil {
		return err
	}
	return sql.ConvertAssign(sc, dest, rs.driverValue(i, v))
}

// direct reports whether the native decoder scans column i into dest as
// database/sql would scan the driver's value.
func (rs *rows) direct(i int, dest any) bool {
	switch dest.(type) {
	case *int, *int8, *int16, *int32, *int64, *uint, *uint8, *uint16, *uint32, *uint64, *float32, *float64:
		return true
	case *string, *[]byte:
		return !temporal(rs.cols[i].TypeCode)
	case *time.Time:
		return rs.conn.opts.parseTime
	}
	return false
}

func temporal(code uint8) bool {
	switch code {
	case typeDate, typeNewDate, typeDateTime, typeTimestamp, typeTime, typeYear:
		return true
	}
	return false
}

var _ driver.RowsColumnScanner = (*rows)(nil)
