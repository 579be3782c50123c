// Command errcodegen writes errcode/codes_gen.go: one Go constant per MariaDB
// server error number, with lookups from a number to its C macro name and its
// SQLSTATE.
//
// It reads two files that Debian's MariaDB packages install:
//
//   - mysqld_error.h (package libmariadb-dev) maps each ER_* and WARN_* macro
//     to its number; it is the source of the numbers;
//   - errmsg-utf8.txt (package mariadb-server) lists the same errors in order
//     with their SQLSTATE; it is the source of the states.
//
// The two must agree: every name in one is in the other, and the number
// errmsg-utf8.txt implies by its order is the number the header gives.
// Anything else stops the generator with an error and writes nothing.
//
// Usage (from the errcode directory, as its go:generate line does):
//
//	go run ../internal/gen/errcodegen -o codes_gen.go
//
// Flags:
//
//	-header   path of mysqld_error.h (default /usr/include/mariadb/mysqld_error.h)
//	-errmsg   path of errmsg-utf8.txt (default /usr/share/mysql/errmsg-utf8.txt)
//	-o        output file (default codes_gen.go)
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

// Default paths of the sources on Debian and Ubuntu.
const (
	defaultHeader = "/usr/include/mariadb/mysqld_error.h"
	defaultErrmsg = "/usr/share/mysql/errmsg-utf8.txt"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "errcodegen:", err)
		os.Exit(1)
	}
}

// run parses the flags in args, generates the file and writes it.
func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("errcodegen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	header := fs.String("header", defaultHeader, "path of mysqld_error.h (libmariadb-dev)")
	errmsg := fs.String("errmsg", defaultErrmsg, "path of errmsg-utf8.txt (mariadb-server)")
	out := fs.String("o", "codes_gen.go", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	src, err := generateFiles(*header, *errmsg)
	if err != nil {
		return err
	}
	return os.WriteFile(*out, src, 0o644)
}

// generateFiles reads the two sources (and the version header beside
// mysqld_error.h, when there is one) and returns the formatted Go file.
func generateFiles(headerPath, errmsgPath string) ([]byte, error) {
	header, err := os.ReadFile(headerPath)
	if err != nil {
		return nil, err
	}
	errmsg, err := os.ReadFile(errmsgPath)
	if err != nil {
		return nil, err
	}
	return generate(header, errmsg, serverVersion(headerPath))
}

// generate joins the parsed sources and renders the Go file. version, when
// not empty, is named in the file's header comment.
func generate(header, errmsg []byte, version string) ([]byte, error) {
	numbers, err := parseHeader(header)
	if err != nil {
		return nil, fmt.Errorf("mysqld_error.h: %w", err)
	}
	states, err := parseErrmsg(errmsg)
	if err != nil {
		return nil, fmt.Errorf("errmsg-utf8.txt: %w", err)
	}
	entries, err := join(numbers, states)
	if err != nil {
		return nil, err
	}
	return render(entries, version)
}
