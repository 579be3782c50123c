package aiomysql

import "strconv"

// ConfigError reports a Config field (or a value for one) that cannot be
// used: Validate, BuildTLSConfig, LoadServerPublicKey and the Parse*
// functions return it. Its text names the field and never contains the
// password.
type ConfigError struct {
	Field  string // the Config field, e.g. "Port"
	Reason string // what is wrong, e.g. "out of range"
	Err    error  // the underlying error, if any
}

// Error returns "aiomysql: config <Field>: <Reason>[: <Err>]".
func (e *ConfigError) Error() string {
	s := "aiomysql: config " + e.Field + ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// quoteShort quotes s for an error message, cut to 64 bytes.
func quoteShort(s string) string {
	const limit = 64
	if len(s) > limit {
		return strconv.Quote(s[:limit]) + "..."
	}
	return strconv.Quote(s)
}
