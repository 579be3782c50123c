package errcode

//go:generate go run ../internal/gen/errcodegen -o codes_gen.go

// Name returns the C macro name of a MariaDB server error number, such as
// "ER_DUP_ENTRY" for 1062, or "" when the number is not a MariaDB error.
// A number MySQL and MariaDB use for different errors gives MariaDB's name.
func Name(code uint16) string {
	return name(code)
}

// SQLState returns the SQLSTATE MariaDB sends with a server error number,
// such as "23000" for 1062. Numbers with no state of their own, and numbers
// this package does not know, give "HY000" (general error), as the server
// itself does.
func SQLState(code uint16) string {
	return sqlState(code)
}
