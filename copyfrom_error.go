package aiomysql

import "fmt"

// CopyFromError is the error for a row CopyFrom could not send: the source
// failed to give it, it has the wrong number of values, or a value has no
// form the server reads. Row counts the source's rows from 0; Column is ""
// when the row as a whole is at fault. The message names the row and the
// column, never the value.
type CopyFromError struct {
	Row    int64
	Column string
	Err    error
}

// Error names the row and the column, and the reason.
func (e *CopyFromError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("aiomysql: copy from: row %d: %v", e.Row, e.Err)
	}
	return fmt.Sprintf("aiomysql: copy from: row %d, column %s: %v", e.Row, QuoteIdentifier(e.Column), e.Err)
}

// Unwrap returns the reason.
func (e *CopyFromError) Unwrap() error { return e.Err }
