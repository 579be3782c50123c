package aiomysql

import (
	"errors"
	"strings"
)

// DSNError reports a DSN that ParseDSN cannot read. Its text names the
// parameter or the part at fault and never contains the password or the DSN
// itself; values of parameters other than the address and the credentials
// may be quoted in it.
type DSNError struct {
	Param  string // the query parameter at fault as written, or "" for the rest of the DSN
	Reason string // what is wrong, e.g. "address: port out of range"
	Err    error  // the underlying error, e.g. a *ConfigError from Validate
}

// Error returns `aiomysql: invalid DSN[ parameter "p"]: reason`.
func (e *DSNError) Error() string {
	var b strings.Builder
	b.WriteString("aiomysql: invalid DSN")
	if e.Param != "" {
		b.WriteString(" parameter " + quoteShort(e.Param))
	}
	if e.Reason != "" {
		b.WriteString(": " + e.Reason)
	}
	var ce *ConfigError
	switch {
	case errors.As(e.Err, &ce) && e.Err == error(ce):
		b.WriteString(": " + ce.Reason)
		if ce.Err != nil {
			b.WriteString(": " + ce.Err.Error())
		}
	case e.Err != nil:
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *DSNError) Unwrap() error { return e.Err }

// dsnError builds a DSNError for the part of the DSN outside the parameters.
func dsnError(reason string) *DSNError { return &DSNError{Reason: reason} }

// paramError builds a DSNError for parameter name from the error its parser
// returned, keeping a *ConfigError's reason without its prefix.
func paramError(name string, err error) *DSNError {
	var ce *ConfigError
	if errors.As(err, &ce) && err == error(ce) {
		return &DSNError{Param: name, Reason: ce.Reason, Err: ce.Err}
	}
	return &DSNError{Param: name, Reason: err.Error()}
}

// validationError turns a Validate error into a DSNError.
func validationError(err error) *DSNError {
	var ce *ConfigError
	if errors.As(err, &ce) {
		return &DSNError{Reason: ce.Field, Err: ce}
	}
	return &DSNError{Err: err}
}

// scrubError makes sure err does not contain password, whatever path
// produced it: a DSNError whose text holds it loses that text.
func scrubError(err error, password string) error {
	if err == nil || password == "" || !strings.Contains(err.Error(), password) {
		return err
	}
	var de *DSNError
	param, reason := "", "malformed"
	if errors.As(err, &de) {
		param = strings.ReplaceAll(de.Param, password, redacted)
		reason = strings.ReplaceAll(de.Reason, password, redacted)
		if de.Err != nil && !strings.Contains(de.Err.Error(), password) {
			return &DSNError{Param: param, Reason: reason, Err: de.Err}
		}
	}
	return &DSNError{Param: param, Reason: reason}
}
