package dsn

import (
	"errors"
	"strconv"
	"strings"
)

// Redacted stands for a password wherever one would be shown.
const Redacted = "xxxxx"

// FieldError reports a Settings field (or a value for one) that cannot be
// used. It has aiomysql.ConfigError's fields, so that one converts to the
// other; its text names the field and never contains the password.
type FieldError struct {
	Field  string // the field, e.g. "Port"
	Reason string // what is wrong, e.g. "out of range"
	Err    error  // the underlying error, if any
}

// Error returns "aiomysql: config <Field>: <Reason>[: <Err>]".
func (e *FieldError) Error() string {
	s := "aiomysql: config " + e.Field + ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// Error reports a DSN that Parse cannot read. It has aiomysql.DSNError's
// fields, so that one converts to the other. Its text names the parameter or
// the part at fault and never contains the password or the DSN itself;
// values of parameters other than the address and the credentials may be
// quoted in it.
type Error struct {
	Param  string // the query parameter at fault as written, or "" for the rest of the DSN
	Reason string // what is wrong, e.g. "address: port out of range"
	Err    error  // the underlying error, e.g. a *FieldError from Validate
}

// Error returns `aiomysql: invalid DSN[ parameter "p"]: reason[: err]`,
// where a *FieldError err shows only its reason and cause.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("aiomysql: invalid DSN")
	if e.Param != "" {
		b.WriteString(" parameter " + QuoteShort(e.Param))
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	var fe *FieldError
	switch {
	case errors.As(e.Err, &fe) && e.Err == error(fe):
		b.WriteString(": " + fe.Reason)
		if fe.Err != nil {
			b.WriteString(": " + fe.Err.Error())
		}
	case e.Err != nil:
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// dsnError builds an Error for the part of the DSN outside the parameters.
func dsnError(reason string) *Error { return &Error{Reason: reason} }

// paramError builds an Error for parameter name from the error its parser
// returned, keeping a *FieldError's reason without its prefix.
func paramError(name string, err error) *Error {
	var fe *FieldError
	if errors.As(err, &fe) && err == error(fe) {
		return &Error{Param: name, Reason: fe.Reason, Err: fe.Err}
	}
	return &Error{Param: name, Reason: err.Error()}
}

// validationError turns a Validate error into an Error.
func validationError(err error) *Error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &Error{Reason: fe.Field, Err: fe}
	}
	return &Error{Err: err}
}

// scrubError makes sure err does not contain password, whatever path
// produced it: an Error whose text holds it loses that text.
func scrubError(err error, password string) error {
	if err == nil || password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	var de *Error
	param, reason := "", "malformed"
	if errors.As(err, &de) {
		param = strings.ReplaceAll(de.Param, password, Redacted)
		reason = strings.ReplaceAll(de.Reason, password, Redacted)
		if de.Err != nil && !strings.Contains(de.Err.Error(), password) {
			return &Error{Param: param, Reason: reason, Err: de.Err}
		}
	}
	return &Error{Param: param, Reason: reason}
}

// QuoteShort quotes s for an error message, cut to 64 bytes.
func QuoteShort(s string) string {
	const limit = 64
	if len(s) > limit {
		return strconv.Quote(s[:limit]) + "..."
	}
	return strconv.Quote(s)
}
