package types

// escapeByte returns the character that follows a backslash to escape c
// in backslash mode, or 0 when c needs no escape: NUL, newline, carriage
// return, backslash, both quotes and Ctrl-Z, as mysql_real_escape_string
// does.
func escapeByte(c byte) byte {
	switch c {
	case 0:
		return '0'
	case '\n':
		return 'n'
	case '\r':
		return 'r'
	case '\\':
		return '\\'
	case '\'':
		return '\''
	case '"':
		return '"'
	case 0x1a:
		return 'Z'
	}
	return 0
}

// appendEscaped appends s escaped for the inside of a single-quoted SQL
// string: with backslashes (the server's default), or, when noBackslash is
// set (sql_mode NO_BACKSLASH_ESCAPES), by doubling single quotes only.
// Runs of plain bytes are copied at once.
func appendEscaped[T ~string | ~[]byte](dst []byte, s T, noBackslash bool) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if noBackslash {
			if c == '\'' {
				dst = append(append(dst, s[start:i]...), '\'', '\'')
				start = i + 1
			}
			continue
		}
		if e := escapeByte(c); e != 0 {
			dst = append(append(dst, s[start:i]...), '\\', e)
			start = i + 1
		}
	}
	return append(dst, s[start:]...)
}

// AppendEscapedString appends s escaped for the inside of a single-quoted
// SQL string, without the quotes (what mysql_real_escape_string gives):
// with backslashes for \0, \n, \r, \\, \', \" and \Z (Ctrl-Z) by default;
// with noBackslash (sql_mode NO_BACKSLASH_ESCAPES) only ' is doubled and a
// backslash is an ordinary character. It must not be used when the
// connection's character set can hide 0x5c inside a multibyte character
// (see charset.UnsafeForEscaping).
func AppendEscapedString(dst []byte, s string, noBackslash bool) []byte {
	return appendEscaped(dst, s, noBackslash)
}

// AppendQuotedString appends s as a single-quoted SQL string literal,
// escaped as AppendEscapedString does.
func AppendQuotedString(dst []byte, s string, noBackslash bool) []byte {
	dst = append(dst, '\'')
	return append(appendEscaped(dst, s, noBackslash), '\'')
}

// AppendQuotedBytes appends b as a binary string literal, _binary'…',
// escaped as AppendEscapedString does: every byte value survives, and the
// introducer makes the literal a binary string (not a number, as X'…'
// would be in a numeric context, and not text in the connection's
// character set).
func AppendQuotedBytes(dst []byte, b []byte, noBackslash bool) []byte {
	dst = append(dst, "_binary'"...)
	return append(appendEscaped(dst, b, noBackslash), '\'')
}
