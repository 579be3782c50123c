package types_test

import (
	"errors"
	"strings"
)

// unquote reads a single-quoted SQL string literal the way the server's
// lexer does, and fails if the literal ends early or has trailing bytes:
// that would be an injection. With backslash escapes, \0 \' \" \b \n \r
// \t \Z \\ are replaced, \% and \_ keep their backslash, and any other
// escaped byte stands for itself; ” is a quote in both modes.
func unquote(lit string, noBackslash bool) (string, error) {
	if len(lit) < 2 || lit[0] != '\'' {
		return "", errors.New("no opening quote")
	}
	var out strings.Builder
	for i := 1; i < len(lit); i++ {
		c := lit[i]
		switch {
		case c == '\'':
			if i+1 < len(lit) && lit[i+1] == '\'' {
				out.WriteByte('\'')
				i++
				continue
			}
			if i != len(lit)-1 {
				return "", errors.New("literal ends before its last byte")
			}
			return out.String(), nil
		case c == '\\' && !noBackslash:
			if i+1 >= len(lit) {
				return "", errors.New("backslash at the end")
			}
			i++
			switch e := lit[i]; e {
			case '0':
				out.WriteByte(0)
			case 'b':
				out.WriteByte('\b')
			case 'n':
				out.WriteByte('\n')
			case 'r':
				out.WriteByte('\r')
			case 't':
				out.WriteByte('\t')
			case 'Z':
				out.WriteByte(0x1a)
			case '%', '_':
				out.WriteByte('\\')
				out.WriteByte(e)
			default:
				out.WriteByte(e)
			}
		default:
			out.WriteByte(c)
		}
	}
	return "", errors.New("no closing quote")
}

// unquoteBinary reads a _binary'…' literal.
func unquoteBinary(lit string, noBackslash bool) (string, error) {
	rest, ok := strings.CutPrefix(lit, "_binary")
	if !ok {
		return "", errors.New("no _binary introducer")
	}
	return unquote(rest, noBackslash)
}
