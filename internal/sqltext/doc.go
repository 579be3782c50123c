// Package sqltext reads MySQL and MariaDB SQL text the way the server's lexer
// does, far enough to tell code from strings, quoted identifiers and
// comments. On that it builds client-side parameter interpolation
// (Interpolate, Count), statement splitting (Split, HasMultipleStatements)
// and the INSERT … VALUES rewrite behind aiomysql's executemany
// (SplitInsert).
//
// # What is code
//
//   - '…' is a string: two quotes in a row stand for one, and a backslash
//     escapes the next byte unless Options.NoBackslashEscapes (the
//     NO_BACKSLASH_ESCAPES sql_mode) is set.
//   - "…" is a string with the same rules, or a quoted identifier (doubled
//     quotes only, no backslash escapes) under Options.ANSIQuotes.
//   - `…` is a quoted identifier; two backquotes in a row stand for one.
//   - `-- ` (two dashes then whitespace, a control character or the end) and
//     `#` start comments that run to the end of the line.
//   - /* … */ is a comment and does not nest; optimizer hints /*+ … */ are
//     comments too.
//   - /*! … */ and MariaDB's /*M! … */ are executable comments: their
//     content, after the optional version digits, is code, and placeholders
//     in /*! … */ count. A server may skip the conditional ones as comments
//     (a server older than a version given as in /*!50700 … */, or MySQL for
//     /*M! … */), so a placeholder there is a *ConditionalCommentError: a
//     value inside a skipped comment could end it with "*/".
//
// An unterminated string, identifier or comment is an *UnterminatedError.
// The package assumes an ASCII-compatible character set in which every byte
// of a multibyte character is 0x80 or above (utf8mb4, utf8mb3, latin1, …).
// It must not be used with big5, cp932, gbk, gb18030 or sjis, where the
// second byte of a character can be a backslash: the server would then see
// strings end where this package does not.
//
// # Placeholder styles
//
// The caller picks the style in Options.Style; nothing is guessed:
//
//	Question   ?           positional (go-sql-driver/mysql)
//	Format     %s  and %%  positional (aiomysql, PyMySQL)
//	Pyformat   %(name)s    named, and %% (aiomysql with a dict)
//	Named      @name :name named, only for names the caller gives
//
// Question and Named placeholders are recognised only in code, never in
// strings, quoted identifiers or comments.
//
// Format and Pyformat follow aiomysql and PyMySQL exactly, which run
// Python's `query % args` over the whole statement text when arguments are
// given: `%%` stands for `%` everywhere (code, strings, identifiers,
// comments), `%s` and `%(name)s` are filled wherever they are, and any other
// `%` is a *PercentError (Python's "unsupported format character"; Python's
// other conversions, flags and widths are errors here too). So a literal
// percent sign is written '100%%' as in Python, and the callers send a query
// run without arguments untouched, without calling Interpolate, so that
// there it needs no doubling:
//
//	SELECT '100%%', %s      with ("x")   →  SELECT '100%', 'x'
//	SELECT 5 %% 3, '%s'     with (7)     →  SELECT 5 % 3, '7'
//	SELECT '100%%'          without args →  SELECT '100%%' (sent as written)
//
// One rule is stricter than aiomysql's: a placeholder inside a string,
// quoted identifier or comment is filled only when its value's literal
// cannot end it. In a string the literal must hold neither the string's
// quote nor a backslash (so numbers and NULL go into '…', and a string
// value only into "…" and without backslashes); in a quoted identifier, not
// its quote; in a block comment, not "*/"; in a line comment, no line break.
// Otherwise the query is an *EnclosedPlaceholderError, where aiomysql would
// turn the value into SQL:
//
//	WHERE a = '%s'  with ("x' OR 1=1 -- ")  →  WHERE a = ''x\' OR 1=1 -- ''
//
// A placeholder in a conditional comment (/*!50700 … */), which a server
// may skip, is filled under the rule for block comments.
//
// In Named style, `@name` or `:name` is a placeholder only when the caller's
// lookup knows the name (both sigils draw on the same names, so do not name a
// parameter like a user variable the query reads): other user variables,
// system variables (`@@x`), `:=`, `::`, a variable being assigned
// (`@x := 1`) and `user@host` keep working.
//
// # Interpolating
//
//	var buf []byte
//	buf, err := sqltext.Interpolate(buf[:0], "SELECT * FROM t WHERE a = ? AND b = '?'",
//		sqltext.Options{}, []any{42}, nil, appendLiteral)
//	// buf: SELECT * FROM t WHERE a = 42 AND b = '?'
//
// appendLiteral is the caller's encoder: it must append a complete SQL
// literal, escaped for the connection's character set and sql_mode, so that
// no argument can end a string or start a comment. This package decides only
// where arguments go.
//
// All functions are safe for concurrent use; none keeps state between calls.
package sqltext
