package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// macro is one error of mysqld_error.h: its C name and number.
type macro struct {
	name   string
	number uint16
}

// stateEntry is one error of errmsg-utf8.txt: its C name, the number its
// position implies, and its SQLSTATE ("" when the file gives none).
type stateEntry struct {
	name   string
	number uint16
	state  string
}

// isErrorName reports whether name is an error macro: ER_ or WARN_ followed
// by upper-case letters, digits and underscores.
func isErrorName(name string) bool {
	rest, ok := strings.CutPrefix(name, "ER_")
	if !ok {
		rest, ok = strings.CutPrefix(name, "WARN_")
	}
	if !ok || rest == "" {
		return false
	}
	for _, c := range rest {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// isSectionMarker reports whether name marks where a range of numbers starts
// or ends (ER_ERROR_FIRST, ER_ERROR_LAST_SECTION_2, ...): such macros repeat
// the number of a real error and are not errors themselves.
func isSectionMarker(name string) bool {
	rest, ok := strings.CutPrefix(name, "ER_ERROR_")
	if !ok {
		return false
	}
	rest, ok = strings.CutPrefix(rest, "FIRST")
	if !ok {
		rest, ok = strings.CutPrefix(rest, "LAST")
	}
	if !ok {
		return false
	}
	if rest == "" {
		return true
	}
	n, ok := strings.CutPrefix(rest, "_SECTION_")
	if !ok {
		return false
	}
	_, err := strconv.ParseUint(n, 10, 8)
	return err == nil
}

// isSQLState reports whether s is a SQLSTATE: five digits or upper-case
// letters.
func isSQLState(s string) bool {
	if len(s) != 5 {
		return false
	}
	for _, c := range []byte(s) {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// parseHeader reads the #define lines of mysqld_error.h.
func parseHeader(src []byte) ([]macro, error) {
	var out []macro
	names := make(map[string]bool)
	numbers := make(map[uint16]string)
	sc := bufio.NewScanner(bytes.NewReader(src))
	for line := 1; sc.Scan(); line++ {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || fields[0] != "#define" {
			continue
		}
		if len(fields) != 3 {
			return nil, fmt.Errorf("line %d: want #define NAME NUMBER, got %q", line, sc.Text())
		}
		name := fields[1]
		if isSectionMarker(name) {
			continue
		}
		if !isErrorName(name) {
			return nil, fmt.Errorf("line %d: %q is not an ER_ or WARN_ name", line, name)
		}
		n, err := strconv.ParseUint(fields[2], 10, 16)
		if err != nil || n == 0 {
			return nil, fmt.Errorf("line %d: %s: bad number %q", line, name, fields[2])
		}
		number := uint16(n)
		if names[name] {
			return nil, fmt.Errorf("line %d: %s defined twice", line, name)
		}
		if other, ok := numbers[number]; ok {
			return nil, fmt.Errorf("line %d: %s and %s both have number %d", line, other, name, number)
		}
		names[name] = true
		numbers[number] = name
		out = append(out, macro{name: name, number: number})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no error numbers found")
	}
	return out, nil
}

// parseErrmsg reads the error entries of errmsg-utf8.txt. An entry is a line
// that starts with its name, optionally followed by its SQLSTATE and its ODBC
// state; the indented lines under it are its messages. Numbers follow the
// order of the entries, starting at the last start-error-number and jumping
// at skip-to-error-number.
func parseErrmsg(src []byte) ([]stateEntry, error) {
	var out []stateEntry
	next, started := 0, false
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), " \t\r")
		if text == "" || text[0] == '#' || text[0] == ' ' || text[0] == '\t' {
			continue
		}
		fields := strings.Fields(text)
		switch fields[0] {
		case "languages", "default-language":
			continue
		case "start-error-number", "skip-to-error-number":
			if len(fields) != 2 {
				return nil, fmt.Errorf("line %d: want %s NUMBER", line, fields[0])
			}
			n, err := strconv.ParseUint(fields[1], 10, 16)
			if err != nil {
				return nil, fmt.Errorf("line %d: bad number %q", line, fields[1])
			}
			if started && int(n) < next {
				return nil, fmt.Errorf("line %d: %s %d goes back from %d", line, fields[0], n, next)
			}
			next, started = int(n), true
			continue
		}
		if !isErrorName(fields[0]) {
			return nil, fmt.Errorf("line %d: unrecognised line %q", line, text)
		}
		if !started {
			return nil, fmt.Errorf("line %d: %s comes before start-error-number", line, fields[0])
		}
		if len(fields) > 3 {
			return nil, fmt.Errorf("line %d: %s: too many fields", line, fields[0])
		}
		if next > 0xffff {
			return nil, fmt.Errorf("line %d: %s: number %d does not fit in 16 bits", line, fields[0], next)
		}
		e := stateEntry{name: fields[0], number: uint16(next)}
		if len(fields) > 1 {
			if !isSQLState(fields[1]) {
				return nil, fmt.Errorf("line %d: %s: bad SQLSTATE %q", line, e.name, fields[1])
			}
			e.state = fields[1]
		}
		out = append(out, e)
		next++
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// serverVersion returns the MariaDB version named by mariadb_version.h next
// to the header, or "" when there is no such file or line.
func serverVersion(headerPath string) string {
	src, err := os.ReadFile(filepath.Join(filepath.Dir(headerPath), "mariadb_version.h"))
	if err != nil {
		return ""
	}
	for line := range strings.Lines(string(src)) {
		fields := strings.Fields(line)
		if len(fields) == 3 && fields[0] == "#define" && fields[1] == "MYSQL_SERVER_VERSION" {
			if v, err := strconv.Unquote(fields[2]); err == nil {
				return v
			}
		}
	}
	return ""
}
