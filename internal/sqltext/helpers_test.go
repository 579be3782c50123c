package sqltext_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// errUnsupported is what appendLiteral returns for a type it does not encode.
var errUnsupported = errors.New("unsupported type")

// appendLiteral is a small encoder for the tests: ints, NULL, and strings
// quoted with backslash escapes (as for a session without
// NO_BACKSLASH_ESCAPES).
func appendLiteral(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, "NULL"...), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case []byte: // a broken encoder: raw bytes, unquoted
		return append(dst, v...), nil
	case string:
		dst = append(dst, '\'')
		for i := 0; i < len(v); i++ {
			switch c := v[i]; c {
			case '\'', '\\':
				dst = append(dst, '\\', c)
			case '\n':
				dst = append(dst, '\\', 'n')
			case 0:
				dst = append(dst, '\\', '0')
			default:
				dst = append(dst, c)
			}
		}
		return append(dst, '\''), nil
	}
	return dst, fmt.Errorf("%w: %T", errUnsupported, v)
}

// names returns a lookup over m.
func names(m map[string]any) func(string) (any, bool) {
	return func(name string) (any, bool) { v, ok := m[name]; return v, ok }
}

// interpolate runs Interpolate into a fresh buffer and returns a string.
func interpolate(query string, o sqltext.Options, args []any, named map[string]any) (string, error) {
	var lookup func(string) (any, bool)
	if named != nil {
		lookup = names(named)
	}
	b, err := sqltext.Interpolate(nil, query, o, args, lookup, appendLiteral)
	return string(b), err
}

// describe renders tokens compactly: kind:text joined by " | ".
func describe(toks []sqltext.Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Kind + ":" + t.Text
	}
	return strings.Join(parts, " | ")
}
