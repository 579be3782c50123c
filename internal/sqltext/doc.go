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
// Placeholders are recognised only in code. In Format and Pyformat styles
// `%%` in code stands for `%` (so the modulo operator is written `%%`) and any
// other `%` in code is a *PercentError; a `%` inside a string or comment is
// text and is copied as it is, so write '100%' rather than Python's '100%%'.
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
