package types

import (
	"errors"
	"fmt"
)

// The reasons a value does not decode or encode. Every error this package
// returns is a *ScanError, a *LiteralError or a *wire.MalformedError that
// wraps one of these (or a Scanner's or Valuer's own error), so callers test
// with errors.Is.
var (
	// ErrNull: SQL NULL into a destination that cannot hold it, such as
	// *int64 (use **int64, sql.NullInt64 or *any).
	ErrNull = errors.New("NULL into a destination that cannot hold it")
	// ErrRange: the value does not fit the destination: too large, too
	// small, negative into an unsigned type, a fractional part into an
	// integer, a time outside the supported range.
	ErrRange = errors.New("value out of range")
	// ErrSyntax: text that should hold a number, date or time does not.
	ErrSyntax = errors.New("invalid syntax")
	// ErrZeroDate: a zero date under ZeroDateError.
	ErrZeroDate = errors.New("zero date")
	// ErrInvalidDate: a date with a zero month or day but not all zero
	// (e.g. '2024-00-15'), or a day past the end of its month, into a time
	// destination: no time.Time holds it. Scan it into *string, *RawBytes
	// or *any (which gets the text) instead.
	ErrInvalidDate = errors.New("date not representable as time.Time")
	// ErrUnsupported: no conversion from the column's type to the
	// destination's, a nil destination, or a Go type with no SQL literal.
	ErrUnsupported = errors.New("unsupported conversion")
	// ErrMalformed: a binary-protocol value whose bytes do not fit its type.
	ErrMalformed = errors.New("malformed binary value")
	// ErrNotFinite: NaN or an infinity, which SQL cannot express.
	ErrNotFinite = errors.New("NaN and infinities have no SQL literal")
	// ErrEmptyList: an empty slice, which would make "IN ()", a syntax
	// error (and "(NULL)" would silently match nothing).
	ErrEmptyList = errors.New("empty list")
)

// maxErrValue bounds how much of a value an error message quotes.
const maxErrValue = 64

// ScanError reports a column value that could not be stored in a
// destination.
type ScanError struct {
	Column string // the column's name
	Value  string // the value as text, cut to 64 bytes; "NULL" for NULL
	Dest   string // the destination's Go type, e.g. "*int8"
	Err    error  // one of the Err* sentinels, or a Scanner's error
}

// Error describes the problem.
func (e *ScanError) Error() string {
	return fmt.Sprintf("types: column %q: cannot store %s in %s: %v", e.Column, e.Value, e.Dest, e.Err)
}

// Unwrap returns the reason.
func (e *ScanError) Unwrap() error { return e.Err }

// scanError builds a *ScanError; it runs only on failure.
func scanError(col *Column, v Value, dest any, err error) *ScanError {
	if err == errZeroNull {
		err = ErrNull
	}
	name := ""
	if col != nil {
		name = col.Name
	}
	return &ScanError{Column: name, Value: errValue(v), Dest: fmt.Sprintf("%T", dest), Err: err}
}

// errValue quotes at most maxErrValue bytes of a value's text.
func errValue(v Value) string {
	if v.kind == KindNull {
		return "NULL"
	}
	b := v.AppendText(nil)
	if v.kind == KindBytes || v.kind == KindVector || v.kind == KindBit {
		if len(b) > maxErrValue/2 {
			return fmt.Sprintf("0x%x…", b[:maxErrValue/2])
		}
		return fmt.Sprintf("0x%x", b)
	}
	if len(b) > maxErrValue {
		return fmt.Sprintf("%q…", b[:maxErrValue])
	}
	return fmt.Sprintf("%q", b)
}

// LiteralError reports a Go value AppendLiteral could not encode.
type LiteralError struct {
	Type string // the value's Go type
	Err  error  // one of the Err* sentinels, or a Valuer's error
}

// Error describes the problem.
func (e *LiteralError) Error() string {
	return fmt.Sprintf("types: cannot encode %s as an SQL literal: %v", e.Type, e.Err)
}

// Unwrap returns the reason.
func (e *LiteralError) Unwrap() error { return e.Err }

func literalError(v any, err error) *LiteralError {
	return &LiteralError{Type: fmt.Sprintf("%T", v), Err: err}
}
