package aiomysql

import (
	"errors"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// ParseDSN reads a data source name into a Config that starts from
// NewConfig's defaults. It accepts two forms:
//
//	[user[:password]@][net[(addr)]]/[dbname][?param1=value1&paramN=valueN]
//	mysql://[user[:password]@][host[:port]]/[dbname][?param1=value1&...]
//
// The first is go-sql-driver/mysql's: net is tcp, tcp4, tcp6 or unix; addr is
// host, host:port, [ipv6] or [ipv6]:port for TCP and the socket path for
// unix (unix alone means /tmp/mysql.sock); user and password are taken as
// written, so the password may contain ':', '@', '/' and '?' (the last '@'
// before the '/' that starts the database ends it); the database name is
// percent-decoded. Examples:
//
//	user:password@tcp(localhost:5555)/dbname?tls=verify-identity
//	user@unix(/var/run/mysqld/mysqld.sock)/dbname?loc=Local
//	user:p@ss/w:rd@tcp([de:ad:be:ef::ca:fe]:3306)/dbname?timeout=90s
//	/dbname
//
// The second is a URL (scheme mysql or mariadb) in which user, password,
// host and database are percent-decoded, so reserved characters in them
// must be percent-encoded; a unix socket is given as socket=/path:
//
//	mysql://user:p%40ss@db.example.com:3307/shop?ssl-mode=VERIFY_CA&ssl-ca=/etc/ca.pem
//	mariadb://user@[::1]/shop
//	mysql://user@/shop?socket=/run/mysqld/mysqld.sock
//
// Parameter values are percent-decoded ('+' is a space). Names match
// ignoring case, '_' and '-', so connect_timeout, connectTimeout and
// connect-timeout are one parameter; each Config field's comment gives its
// names. A parameter repeated overrides the earlier one, except init_command
// and local_infile_allow, which add to the list. Values are read strictly:
// booleans are true, false, 1 or 0 (any case); durations are Go durations
// (30s, 1m30s, 250ms) or bare seconds (10, 0.5); a bad value is an error.
// Any other parameter is a session variable for Params; its name must be a
// plain identifier.
//
// ParseDSN reads no file named in the DSN (ssl-ca, server-public-key-file,
// read_default_file and the others are read when connecting); loc consults
// the system's time zone database. An error is a *DSNError, which never
// contains the password or the DSN.
func ParseDSN(dsn string) (*Config, error) { return parseDSN(dsn) }

// parseDSN is ParseDSN, whose parameter hides the dsn package's name.
func parseDSN(text string) (*Config, error) {
	s, err := dsn.Parse(text)
	if err != nil {
		return nil, rootError(err)
	}
	return configFrom(s, nil), nil
}

// FormatDSN returns c as a DSN that ParseDSN reads back into an equal Config,
// for a Config that Connect accepts, except for what a DSN cannot hold:
// Dialer (and a network other than tcp, tcp4, tcp6 and unix), TLSConfig,
// ServerPublicKey, Tracer, and Logger beyond "set" (echo=true). Net "tcp"
// and "unix" read back as "", which means the same. It is the one method
// whose result contains the password. It writes go-sql-driver/mysql's form,
// user:password@tcp(host:port)/dbname?params, with only the parameters that
// differ from their defaults, in a fixed order; when that form cannot hold
// the Config (a user name with ':', a socket path with '@'), it writes a
// mysql:// URL instead.
func (c *Config) FormatDSN() string { return c.settings().FormatDSN() }

// DSNError reports a DSN that ParseDSN cannot read. Its text names the
// parameter or the part at fault and never contains the password or the DSN
// itself; values of parameters other than the address and the credentials
// may be quoted in it.
type DSNError struct {
	Param  string // the query parameter at fault as written, or "" for the rest of the DSN
	Reason string // what is wrong, e.g. "address: port out of range"
	Err    error  // the underlying error, e.g. a *ConfigError for a field the DSN set badly
}

// Error returns `aiomysql: invalid DSN[ parameter "p"]: reason`.
func (e *DSNError) Error() string {
	d := dsn.Error(*e)
	var ce *ConfigError
	if errors.As(d.Err, &ce) && d.Err == error(ce) {
		d.Err = (*dsn.FieldError)(ce)
	}
	return d.Error()
}

// Unwrap returns the underlying error.
func (e *DSNError) Unwrap() error { return e.Err }
