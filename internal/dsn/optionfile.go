package dsn

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// OptionFileError reports an option file that cannot be read or holds a bad
// value. It has aiomysql.OptionFileError's fields, so that one converts to
// the other. Its text names the file, the line and the option, never the
// value.
type OptionFileError struct {
	Path   string
	Line   int    // 1-based; 0 when the whole file is at fault
	Option string // the option at fault, if any
	Reason string
	Err    error // the underlying error, if any
}

// Error returns "aiomysql: option file <path>[:<line>][: option <o>]: <reason>[: <err>]".
func (e *OptionFileError) Error() string {
	s := "aiomysql: option file " + e.Path
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Option != "" {
		s += ": option " + e.Option
	}
	s += ": " + e.Reason
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the underlying error.
func (e *OptionFileError) Unwrap() error { return e.Err }

// optionEntry is one option line of an option file.
type optionEntry struct {
	group    string // lower case
	key      string // lower case, '_' as '-', without "loose-"
	value    string // unquoted and unescaped
	hasValue bool
	path     string
	line     int
}

const (
	maxOptionFileSize  = 1 << 20
	maxOptionFileDepth = 10
)

// readOptionFile reads a my.cnf-style file: [group] headers, name or
// name=value lines, comments starting with '#' or ';', values in single or
// double quotes, the escapes \b \t \n \r \\ \s \" \', and the !include file
// and !includedir directory directives (relative paths are taken from the
// including file's directory; a directory's *.cnf files are read in name
// order).
func readOptionFile(path string, depth int) ([]optionEntry, error) {
	if depth > maxOptionFileDepth {
		return nil, &OptionFileError{Path: path, Reason: "!include nested too deeply"}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &OptionFileError{Path: path, Reason: "cannot read", Err: err}
	}
	if len(data) > maxOptionFileSize {
		return nil, &OptionFileError{Path: path, Reason: "larger than 1 MiB"}
	}
	var out []optionEntry
	group := ""
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[':
			end := strings.IndexByte(line, ']')
			if end < 0 || strings.TrimSpace(line[1:end]) == "" {
				return nil, &OptionFileError{Path: path, Line: n, Reason: "malformed group header"}
			}
			group = strings.ToLower(strings.TrimSpace(line[1:end]))
		case line[0] == '!':
			included, err := readDirective(path, n, line, depth)
			if err != nil {
				return nil, err
			}
			out = append(out, included...)
		default:
			if group == "" {
				return nil, &OptionFileError{Path: path, Line: n, Reason: "option before any [group]"}
			}
			e, err := parseOptionLine(line)
			if err != nil {
				return nil, &OptionFileError{Path: path, Line: n, Option: e.key, Reason: err.Error()}
			}
			e.group, e.path, e.line = group, path, n
			out = append(out, e)
		}
	}
	return out, nil
}

// readDirective handles !include and !includedir.
func readDirective(path string, line int, text string, depth int) ([]optionEntry, error) {
	name, arg, _ := strings.Cut(text, " ")
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil, &OptionFileError{Path: path, Line: line, Reason: "directive without a path"}
	}
	if !filepath.IsAbs(arg) {
		arg = filepath.Join(filepath.Dir(path), arg)
	}
	switch name {
	case "!include":
		return readOptionFile(arg, depth+1)
	case "!includedir":
		files, err := filepath.Glob(filepath.Join(arg, "*.cnf"))
		if err != nil {
			return nil, &OptionFileError{Path: path, Line: line, Reason: "bad !includedir pattern", Err: err}
		}
		slices.Sort(files)
		var out []optionEntry
		for _, f := range files {
			entries, err := readOptionFile(f, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, entries...)
		}
		return out, nil
	}
	return nil, &OptionFileError{Path: path, Line: line, Reason: "unknown directive (want !include or !includedir)"}
}

// parseOptionLine reads name or name = value; the key is set even on error.
func parseOptionLine(line string) (optionEntry, error) {
	name, value, hasValue := strings.Cut(line, "=")
	key := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), "_", "-"))
	key = strings.TrimPrefix(key, "loose-")
	e := optionEntry{key: key, hasValue: hasValue}
	if !hasValue {
		if i := strings.IndexByte(key, '#'); i >= 0 {
			e.key = strings.TrimSpace(key[:i])
		}
		return e, nil
	}
	v, err := parseOptionValue(strings.TrimSpace(value))
	e.value = v
	return e, err
}

// parseOptionValue unquotes and unescapes a value; an unquoted value ends at
// a '#' comment.
func parseOptionValue(v string) (string, error) {
	if v != "" && (v[0] == '\'' || v[0] == '"') {
		q := v[0]
		var b strings.Builder
		for i := 1; i < len(v); i++ {
			c := v[i]
			switch {
			case c == '\\' && i+1 < len(v):
				i++
				b.WriteString(unescapeOption(v[i]))
			case c == q:
				rest := strings.TrimSpace(v[i+1:])
				if rest != "" && rest[0] != '#' {
					return "", errors.New("text after the closing quote")
				}
				return b.String(), nil
			default:
				b.WriteByte(c)
			}
		}
		return "", errors.New("unterminated quote")
	}
	if i := strings.IndexByte(v, '#'); i >= 0 {
		v = strings.TrimSpace(v[:i])
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			b.WriteString(unescapeOption(v[i]))
			continue
		}
		b.WriteByte(v[i])
	}
	return b.String(), nil
}

// unescapeOption gives what \c stands for; an unknown escape keeps its
// backslash (a Windows path stays as written).
func unescapeOption(c byte) string {
	switch c {
	case 'b':
		return "\b"
	case 't':
		return "\t"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 's':
		return " "
	case '\\', '"', '\'':
		return string(c)
	}
	return "\\" + string(c)
}
