package aiomysql

import (
	"strconv"
	"strings"
)

// TLSMode says whether a connection is encrypted and how much of the server's
// certificate is checked. The modes are MySQL's --ssl-mode values, weakest
// first, so a mode can be compared: mode >= TLSRequired means "encrypt or
// fail". The zero value is TLSDisabled; NewConfig and ParseDSN start from
// TLSPreferred.
type TLSMode int

const (
	// TLSDisabled never encrypts (DSN tls=disabled, tls=false, ssl-mode=DISABLED).
	TLSDisabled TLSMode = iota
	// TLSPreferred encrypts when the server offers TLS and goes on in clear
	// otherwise; the certificate is not verified unless Config.SSLCA or
	// Config.TLSConfig says how (DSN tls=preferred, ssl-mode=PREFERRED). This
	// is the default, as in MySQL's own clients.
	TLSPreferred
	// TLSRequired encrypts or fails before the user name is sent; the
	// certificate is not verified unless Config.SSLCA or Config.TLSConfig says
	// how (DSN tls=required, go-sql-driver's tls=skip-verify, ssl-mode=REQUIRED).
	TLSRequired
	// TLSVerifyCA is TLSRequired with the certificate chain verified against
	// Config.SSLCA (or the system's roots); the host name is not checked (DSN
	// tls=verify-ca, ssl-mode=VERIFY_CA).
	TLSVerifyCA
	// TLSVerifyIdentity is TLSVerifyCA with the host name checked too (DSN
	// tls=verify-identity, go-sql-driver's tls=true, ssl-mode=VERIFY_IDENTITY).
	TLSVerifyIdentity
)

// String returns the mode's DSN name: "disabled", "preferred", "required",
// "verify-ca" or "verify-identity".
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

// valid reports whether m is one of the named modes.
func (m TLSMode) valid() bool { return m >= TLSDisabled && m <= TLSVerifyIdentity }

// ParseTLSMode reads a TLS mode. It accepts MySQL's --ssl-mode names
// (DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY) in any case and
// with '-' or '_', and go-sql-driver/mysql's tls values: true (verify-identity),
// false (disabled), skip-verify (required, encrypted but unverified), 1 and 0.
// go-sql-driver's registered TLS config names are not modes: a Config takes a
// *tls.Config in its TLSConfig field instead. A bad name gives a *ConfigError.
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
	return TLSDisabled, &ConfigError{Field: "TLSMode", Reason: "unknown TLS mode " + quoteShort(s) +
		" (want disabled, preferred, required, verify-ca or verify-identity;" +
		" a custom *tls.Config goes in Config.TLSConfig)"}
}

// MarshalText returns the mode's name, as String.
func (m TLSMode) MarshalText() ([]byte, error) {
	if !m.valid() {
		return nil, &ConfigError{Field: "TLSMode", Reason: "invalid TLS mode " + strconv.Itoa(int(m))}
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads a mode as ParseTLSMode does.
func (m *TLSMode) UnmarshalText(text []byte) error {
	v, err := ParseTLSMode(string(text))
	if err != nil {
		return err
	}
	*m = v
	return nil
}
