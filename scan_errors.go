package aiomysql

import "github.com/aiomysql-go/aiomysql/internal/types"

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
