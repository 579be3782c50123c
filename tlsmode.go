package aiomysql

import "github.com/aiomysql-go/aiomysql/internal/dsn"

// TLSMode says whether a connection is encrypted and how much of the server's
// certificate is checked. The modes are MySQL's --ssl-mode values, weakest
// first, so a mode can be compared: mode >= TLSRequired means "encrypt or
// fail". The zero value is TLSDisabled; NewConfig and ParseDSN start from
// TLSPreferred. Every mode but TLSDisabled uses TLS 1.2 or later and sends
// Config.TLSServerName (else Config.Host) as the server name.
type TLSMode int

// The modes, weakest first; their numbers are those of internal/dsn's.
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
func (m TLSMode) String() string { return dsn.TLSMode(m).String() }

// MarshalText returns the mode's name, as String.
func (m TLSMode) MarshalText() ([]byte, error) {
	if !dsn.TLSMode(m).Valid() {
		return nil, rootError(dsn.InvalidTLSMode(dsn.TLSMode(m)))
	}
	return []byte(m.String()), nil
}

// UnmarshalText reads a mode as the DSN's tls and ssl-mode parameters do:
// MySQL's --ssl-mode names (DISABLED, PREFERRED, REQUIRED, VERIFY_CA,
// VERIFY_IDENTITY) in any case and with '-' or '_', and
// go-sql-driver/mysql's tls values true (verify-identity), false
// (disabled), skip-verify (required), 1 and 0. go-sql-driver's registered
// TLS config names are not modes: a Config takes a *tls.Config in its
// TLSConfig field instead. A bad name gives a *ConfigError and leaves m
// unchanged.
func (m *TLSMode) UnmarshalText(text []byte) error {
	v, err := dsn.ParseTLSMode(string(text))
	if err != nil {
		return rootError(err)
	}
	*m = TLSMode(v)
	return nil
}
