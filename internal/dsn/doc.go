// Package dsn is the configuration machinery behind aiomysql.Config: the DSN
// parser and formatter, the parameter tables, my.cnf option files,
// validation and the TLS set-up of each TLS mode. It works on Settings, a
// struct of plain fields that mirrors aiomysql.Config without depending on
// it, so that the root package (and the database/sql driver in package
// stdlib, which reads the same DSNs) keeps only thin, documented wrappers.
//
// # One parser for two DSN forms
//
// Parse reads go-sql-driver/mysql's form and a mysql:// (or mariadb://) URL
// with one parameter table (params.go): each parameter names its field, its
// spellings (matched ignoring case, '_' and '-'), how a value is read and
// how the field is written back. FormatDSN writes the driver form when it
// can hold the Settings and a URL otherwise, so that Parse(s.FormatDSN())
// gives s back; the fuzz targets check that round trip.
//
//	s, err := dsn.Parse("app:pw@tcp(db.example:3307)/shop?tls=verify-ca&timeout=5s")
//	if err != nil {
//		return err // a *dsn.Error: names the parameter, never the password
//	}
//	s.Database = "reports"
//	text := s.FormatDSN() // app:pw@tcp(db.example:3307)/reports?timeout=5s&tls=verify-ca
//
// # Option files
//
// ApplyOptionFile fills the unset fields from a my.cnf-style file ([client]
// and MariaDB's client groups, then a named group), with !include and
// !includedir, as aiomysql's read_default_file does.
//
// # Errors
//
// FieldError, Error and OptionFileError have the fields of
// aiomysql.ConfigError, DSNError and OptionFileError, so that the root
// converts them with a type conversion; their texts are the ones users see
// and never contain a password.
//
// Nothing here is safe for concurrent writes; a Settings that nobody writes
// may be read by any number of goroutines.
package dsn
