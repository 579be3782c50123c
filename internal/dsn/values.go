package dsn

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// parseBool reads 1, 0, true or false, in any case.
func parseBool(v string) (bool, error) {
	switch {
	case v == "1" || strings.EqualFold(v, "true"):
		return true, nil
	case v == "0" || strings.EqualFold(v, "false"):
		return false, nil
	}
	return false, errors.New("not a boolean (want true, false, 1 or 0): " + QuoteShort(v))
}

// formatBool writes a boolean as parseBool reads it.
func formatBool(b bool) string { return strconv.FormatBool(b) }

// parseInt reads a decimal integer.
func parseInt(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errors.New("not an integer: " + QuoteShort(v))
	}
	return n, nil
}

// parseUint reads an unsigned integer, decimal or with a 0x, 0o or 0b
// prefix.
func parseUint(v string) (uint64, error) {
	n, err := strconv.ParseUint(v, 0, 64)
	if err != nil {
		return 0, errors.New("not an unsigned integer: " + QuoteShort(v))
	}
	return n, nil
}

// formatUint writes an unsigned integer in decimal, as parseUint reads it.
func formatUint(n uint64) string { return strconv.FormatUint(n, 10) }

// parseDuration reads a Go duration ("1m30s", "250ms") or a bare number of
// seconds ("10", "0.5"), as aiomysql's timeouts are given. Negative values
// are refused.
func parseDuration(v string) (time.Duration, error) {
	if v != "" && strings.Trim(v, "0123456789.") == "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f*1e9 >= math.MaxInt64 {
			return 0, errors.New("not a number of seconds: " + QuoteShort(v))
		}
		return time.Duration(f * 1e9), nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0, errors.New("not a duration (want e.g. 30s, 500ms or bare seconds): " + QuoteShort(v))
	}
	if d < 0 {
		return 0, errors.New("negative duration: " + QuoteShort(v))
	}
	return d, nil
}

// formatDuration writes a duration as parseDuration reads it.
func formatDuration(d time.Duration) string { return d.String() }

// sqlQuoted reports whether v is wrapped in a pair of the same SQL quote
// character, and which.
func sqlQuoted(v string) (byte, bool) {
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		return v[0], true
	}
	return 0, false
}

// unquoteSQL removes one layer of SQL quoting ('...' or "...", with the quote
// doubled inside), which go-sql-driver/mysql DSNs need for values such as
// time_zone='+00:00'. Other values are returned as they are.
func unquoteSQL(v string) string {
	q, ok := sqlQuoted(v)
	if !ok {
		return v
	}
	s := string(q)
	return strings.ReplaceAll(v[1:len(v)-1], s+s, s)
}

// quoteSQLIfNeeded is the inverse of unquoteSQL: it quotes only values that
// unquoteSQL would otherwise change.
func quoteSQLIfNeeded(v string) string {
	q, ok := sqlQuoted(v)
	if !ok {
		return v
	}
	s := string(q)
	return s + strings.ReplaceAll(v, s, s+s) + s
}

// parseList splits a comma-separated list whose items must not be empty.
func parseList(v string) ([]string, error) {
	items := strings.Split(v, ",")
	for _, it := range items {
		if it == "" {
			return nil, errors.New("empty item in list " + QuoteShort(v))
		}
	}
	return items, nil
}

// parseAttributes reads go-sql-driver/mysql's connectionAttributes:
// key:value pairs separated by commas; the first ':' ends the key.
func parseAttributes(v string) (map[string]string, error) {
	if v == "" {
		return nil, nil
	}
	attrs := make(map[string]string)
	for item := range strings.SplitSeq(v, ",") {
		k, val, ok := strings.Cut(item, ":")
		if !ok {
			return nil, errors.New("attribute without ':' " + QuoteShort(item))
		}
		attrs[k] = val
	}
	return attrs, nil
}

// normalizeParam folds a parameter name for matching: lower case, without
// '_' and '-', so connect_timeout, connectTimeout and connect-timeout match.
func normalizeParam(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_' || c == '-':
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// ParseDuration reads a duration as every duration parameter is read: a Go
// duration or a bare number of seconds, not negative.
func ParseDuration(v string) (time.Duration, error) { return parseDuration(v) }
