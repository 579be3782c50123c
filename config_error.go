package aiomysql

import "github.com/aiomysql-go/aiomysql/internal/dsn"

// ConfigError reports a Config field (or a value for one) that cannot be
// used: Connect returns it (inside a *ConnectError) for a Config it refuses
// before dialing, a *DSNError wraps it for a field a DSN set badly, and
// ParseServerPublicKey, ParseCursorKind and the MarshalText and
// UnmarshalText methods of TLSMode and CursorKind return it. Its text names
// the field and never contains the password.
type ConfigError struct {
	Field  string // the Config field, e.g. "Port"
	Reason string // what is wrong, e.g. "out of range"
	Err    error  // the underlying error, if any
}

// Error returns "aiomysql: config <Field>: <Reason>[: <Err>]".
func (e *ConfigError) Error() string { return (*dsn.FieldError)(e).Error() }

// Unwrap returns the underlying error.
func (e *ConfigError) Unwrap() error { return e.Err }

// rootError turns internal/dsn's error types into the root's, which have the
// same fields, inside wrapped errors of those types too; other errors are
// returned as they are.
func rootError(err error) error {
	switch e := err.(type) {
	case *dsn.FieldError:
		ce := ConfigError(*e)
		ce.Err = rootError(ce.Err)
		return &ce
	case *dsn.Error:
		de := DSNError(*e)
		de.Err = rootError(de.Err)
		return &de
	case *dsn.OptionFileError:
		oe := OptionFileError(*e)
		return &oe
	}
	return err
}

// quoteShort quotes s for an error message, cut to 64 bytes.
func quoteShort(s string) string { return dsn.QuoteShort(s) }
