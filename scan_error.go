package aiomysql

import (
	"database/sql"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

var errNoRows = sql.ErrNoRows

// ScanError reports a value that could not be stored in its destination:
// its column and the cause (an overflow, NULL into a non-nullable type, a
// type that cannot hold it). Column is -1 when the number of destinations is
// wrong.
type ScanError struct {
	Column int
	Name   string
	Err    error
}

func (e *ScanError) Error() string {
	if e.Column < 0 {
		return "aiomysql: scan: " + e.Err.Error()
	}
	return fmt.Sprintf("aiomysql: scan column %d (%s): %v", e.Column, e.Name, e.Err)
}

// Unwrap returns the cause.
func (e *ScanError) Unwrap() error { return e.Err }

func errColumnCount(dest, cols int) error {
	return fmt.Errorf("%d destinations for %d columns", dest, cols)
}

// Errors a ScanError or an argument error wraps; match them with errors.Is.
var (
	// ErrScanNull: SQL NULL into a destination that cannot hold it (use a
	// pointer, sql.Null*, or *any).
	ErrScanNull = types.ErrNull
	// ErrScanRange: the value does not fit the destination (overflow, a
	// negative value into an unsigned type).
	ErrScanRange = types.ErrRange
	// ErrScanSyntax: text that should hold a number, date or time does not.
	ErrScanSyntax = types.ErrSyntax
	// ErrZeroDate: a zero date ('0000-00-00') where the policy refuses it.
	ErrZeroDate = types.ErrZeroDate
	// ErrInvalidDate: a date with a zero month or day but not all zero
	// ('2024-00-15'), or a day past the end of its month, into a
	// time.Time, which cannot hold it (scan it into *string instead).
	ErrInvalidDate = types.ErrInvalidDate
	// ErrScanUnsupported: no conversion from the column's type to the destination's.
	ErrScanUnsupported = types.ErrUnsupported
	// ErrNotFinite: a NaN or infinite float argument, which SQL cannot express.
	ErrNotFinite = types.ErrNotFinite
	// ErrEmptyList: an empty slice argument, which would make "IN ()".
	ErrEmptyList = types.ErrEmptyList
)

// RawBytes receives a value's bytes without a copy; they are valid only until
// the next call to Next, NextResultSet or Close (like sql.RawBytes, which is
// accepted too).
type RawBytes = types.RawBytes
