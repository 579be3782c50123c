package aiomysql

import (
	"database/sql"
	"fmt"
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
