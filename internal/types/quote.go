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

// quoteText writes a text literal as the options say (see LiteralOptions.Charset).
func quoteText[T ~string | ~[]byte](dst []byte, s T, o *LiteralOptions) []byte {
	if o == nil || !validIntroducer(o.Charset) {
		nb := o != nil && o.NoBackslashEscapes
		dst = append(dst, '\'')
		return append(appendEscaped(dst, s, nb), '\'')
	}
	if modeDependent(s) {
		dst = append(append(append(dst, '_'), o.Charset...), " X'"...)
		return append(appendHex(dst, s), '\'')
	}
	dst = append(dst, '\'')
	return append(appendEscaped(dst, s, true), '\'')
}

// quoteBytes writes a binary literal as the options say.
func quoteBytes(dst []byte, b []byte, o *LiteralOptions) []byte {
	if o == nil || !validIntroducer(o.Charset) {
		return AppendQuotedBytes(dst, b, o != nil && o.NoBackslashEscapes)
	}
	if modeDependent(b) {
		return append(appendHex(append(dst, "_binary X'"...), b), '\'')
	}
	dst = append(dst, "_binary'"...)
	return append(appendEscaped(dst, b, true), '\'')
}

// modeDependent reports whether s holds a byte whose reading depends on
// NO_BACKSLASH_ESCAPES (a backslash) or that is better not sent raw (NUL).
func modeDependent[T ~string | ~[]byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == 0 {
			return true
		}
	}
	return false
}

func appendHex[T ~string | ~[]byte](dst []byte, s T) []byte {
	const digits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		dst = append(dst, digits[s[i]>>4], digits[s[i]&0xF])
	}
	return dst
}

// validIntroducer accepts character set names usable as _name introducers.
func validIntroducer(cs string) bool {
	if cs == "" || len(cs) > 32 {
		return false
	}
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
