package aiomysql

import "github.com/aiomysql-go/aiomysql/internal/dsn"

// ApplyOptionFile fills the unset fields of c from a my.cnf-style option
// file, as aiomysql's read_default_file and read_default_group do; Connect
// calls it for Config.ReadDefaultFile, and a program may call it to see or
// adjust what a file gives before connecting. It reads the [client],
// [client-server] and [client-mariadb] groups and then group (when not ""),
// whose values win; within them a later line wins. A field is unset when it
// holds its zero value or its NewConfig default, so a value set explicitly
// to the default is also replaced. The file may !include files and
// !includedir directories (their *.cnf files, in name order).
//
// The options read are user, password, host, port, socket (used when the
// host is unset or localhost, unless protocol=tcp), database,
// default-character-set, ssl-mode, ssl, skip-ssl and ssl-verify-server-cert
// (MariaDB), ssl-ca, ssl-cert, ssl-key, connect-timeout (seconds),
// init-command, max-allowed-packet (with K, M or G), local-infile,
// default-auth, server-public-key-path, get-server-public-key and
// enable-cleartext-plugin. Names match with '-' or '_', and the loose-,
// skip-, disable- and enable- prefixes work as in MySQL. Other options,
// meant for other programs, are ignored. Errors are *OptionFileError; c is
// unchanged when the file cannot be read.
func (c *Config) ApplyOptionFile(path, group string) error {
	s := c.settings()
	err := s.ApplyOptionFile(path, group)
	*c = *configFrom(s, c.Tracer)
	return rootError(err)
}

// OptionFileError reports an option file that cannot be read or holds a bad
// value. Its text names the file, the line and the option, never the value.
type OptionFileError struct {
	Path   string
	Line   int    // 1-based; 0 when the whole file is at fault
	Option string // the option at fault, if any
	Reason string
	Err    error // the underlying error, if any
}

// Error returns "aiomysql: option file <path>[:<line>][: option <o>]: <reason>[: <err>]".
func (e *OptionFileError) Error() string { return (*dsn.OptionFileError)(e).Error() }

// Unwrap returns the underlying error.
func (e *OptionFileError) Unwrap() error { return e.Err }
