package dsn

import (
	"strconv"
	"strings"
)

// TLSMode is aiomysql.TLSMode's value: MySQL's --ssl-mode levels, weakest
// first, so that a mode can be compared (mode >= TLSRequired means "encrypt
// or fail"). The zero value is TLSDisabled.
type TLSMode int

// The modes, with the numbers aiomysql.TLSMode gives them.
const (
	TLSDisabled       TLSMode = iota // never encrypt
	TLSPreferred                     // encrypt when offered, unverified unless SSLCA or TLSConfig says how
	TLSRequired                      // encrypt or fail, unverified unless SSLCA or TLSConfig says how
	TLSVerifyCA                      // encrypt, verify the chain, not the name
	TLSVerifyIdentity                // encrypt, verify the chain and the name
)

// String returns the mode's DSN name: "disabled", "preferred", "required",
// "verify-ca" or "verify-identity"; "TLSMode(n)" for another number.
func (m TLSMode) String() string {
	switch m {
	case TLSDisabled:
		return "disabled"
	case TLSPreferred:
		return "preferred"
	case TLSRequired:
		return "required"
	case TLSVerifyCA:
		return "verify-ca"
	case TLSVerifyIdentity:
		return "verify-identity"
	}
	return "TLSMode(" + strconv.Itoa(int(m)) + ")"
}

// Valid reports whether m is one of the named modes.
func (m TLSMode) Valid() bool { return m >= TLSDisabled && m <= TLSVerifyIdentity }

// ParseTLSMode reads a TLS mode. It accepts MySQL's --ssl-mode names
// (DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY) in any case and
// with '-' or '_', and go-sql-driver/mysql's tls values: true (verify-identity),
// false (disabled), skip-verify (required, encrypted but unverified), 1 and 0.
// go-sql-driver's registered TLS config names are not modes: a Settings takes
// a *tls.Config in its TLSConfig field instead. A bad name gives a
// *FieldError for TLSMode.
func ParseTLSMode(s string) (TLSMode, error) {
	switch strings.ReplaceAll(strings.ToLower(s), "_", "-") {
	case "disabled", "false", "0":
		return TLSDisabled, nil
	case "preferred":
		return TLSPreferred, nil
	case "required", "skip-verify":
		return TLSRequired, nil
	case "verify-ca":
		return TLSVerifyCA, nil
	case "verify-identity", "true", "1":
		return TLSVerifyIdentity, nil
	}
	return TLSDisabled, &FieldError{Field: "TLSMode", Reason: "unknown TLS mode " + QuoteShort(s) +
		" (want disabled, preferred, required, verify-ca or verify-identity;" +
		" a custom *tls.Config goes in Config.TLSConfig)"}
}

// InvalidTLSMode is the error for a TLSMode number that names no mode.
func InvalidTLSMode(m TLSMode) *FieldError {
	return &FieldError{Field: "TLSMode", Reason: "invalid TLS mode " + strconv.Itoa(int(m))}
}
