package sqltext

import "strings"

// tokenKind says what a span of query text is to the server.
type tokenKind uint8

const (
	// tokCode is a run of code: keywords, names, numbers, operators,
	// whitespace and placeholders. Runs are maximal.
	tokCode tokenKind = iota
	// tokString is a '…' string, or a "…" string without ANSI_QUOTES.
	tokString
	// tokQuotedIdent is a `…` identifier, or "…" under ANSI_QUOTES.
	tokQuotedIdent
	// tokComment is a comment the server ignores: `-- …`, `# …`, `/* … */`,
	// and optimizer hints `/*+ … */`.
	tokComment
	// tokExecOpen opens an executable comment: `/*!` or `/*M!` with the
	// version digits that follow. What comes after it is code.
	tokExecOpen
	// tokExecClose is the `*/` that closes an executable comment.
	tokExecClose
)

// token is one span of the query, query[start:end].
type token struct {
	kind       tokenKind
	start, end int
}

// lexer splits a query into tokens in one pass without allocating. It
// assumes an ASCII-compatible character set in which no byte of a multibyte
// character is below 0x80 (utf8mb4, latin1, …): the callers refuse charsets
// such as gbk or sjis, where a trailing byte can be 0x5c or 0x27.
type lexer struct {
	src         string
	pos         int
	noBackslash bool
	ansiQuotes  bool
	inExec      bool // inside /*! … */
	execCond    bool // … and the server may skip it: /*!NNNNN or /*M!
	execStart   int  // offset of the open executable comment
}

func newLexer(src string, o Options) lexer {
	return lexer{src: src, noBackslash: o.NoBackslashEscapes, ansiQuotes: o.ANSIQuotes}
}

// next returns the next token. ok is false at the end of the query; err is an
// *UnterminatedError for a string, identifier or comment left open.
func (l *lexer) next() (tok token, ok bool, err error) {
	start := l.pos
	if start >= len(l.src) {
		if l.inExec {
			l.inExec, l.execCond = false, false
			return token{}, false, &UnterminatedError{What: "executable comment", Offset: l.execStart}
		}
		return token{}, false, nil
	}
	if end := l.codeEnd(start); end > start {
		l.pos = end
		return token{kind: tokCode, start: start, end: end}, true, nil
	}
	// l.src[start] begins something other than code.
	src := l.src
	switch c := src[start]; c {
	case '\'':
		return l.quoted(tokString, '\'', !l.noBackslash, "string")
	case '"':
		if l.ansiQuotes {
			return l.quoted(tokQuotedIdent, '"', false, "quoted identifier")
		}
		return l.quoted(tokString, '"', !l.noBackslash, "string")
	case '`':
		return l.quoted(tokQuotedIdent, '`', false, "quoted identifier")
	case '#', '-':
		end := lineEnd(src, start)
		l.pos = end
		return token{kind: tokComment, start: start, end: end}, true, nil
	case '*': // "*/" closing an executable comment
		l.pos = start + 2
		l.inExec, l.execCond = false, false
		return token{kind: tokExecClose, start: start, end: l.pos}, true, nil
	default: // "/*"
		return l.blockComment()
	}
}

// codeEnd returns the end of the code run starting at i: the offset of the
// first byte that opens a string, identifier or comment, or closes an
// executable comment.
func (l *lexer) codeEnd(i int) int {
	src := l.src
	for ; i < len(src); i++ {
		switch src[i] {
		case '\'', '"', '`', '#':
			return i
		case '-':
			if i+1 < len(src) && src[i+1] == '-' && (i+2 == len(src) || isSpaceOrControl(src[i+2])) {
				return i
			}
		case '/':
			if i+1 < len(src) && src[i+1] == '*' {
				return i
			}
		case '*':
			if l.inExec && i+1 < len(src) && src[i+1] == '/' {
				return i
			}
		}
	}
	return i
}

// isSpaceOrControl reports whether c may follow "--" to start a comment: the
// server wants whitespace or a control character there.
func isSpaceOrControl(c byte) bool { return c <= ' ' || c == 0x7f }

// lineEnd returns the end of a line comment starting at i: just past the
// newline, or the end of the query.
func lineEnd(src string, i int) int {
	if n := strings.IndexByte(src[i:], '\n'); n >= 0 {
		return i + n + 1
	}
	return len(src)
}

// quoted scans a quoted string or identifier opening at l.pos. A doubled
// quote stands for one; with backslash, a backslash escapes the next byte.
func (l *lexer) quoted(kind tokenKind, q byte, backslash bool, what string) (token, bool, error) {
	src, start := l.src, l.pos
	for i := start + 1; i < len(src); i++ {
		switch src[i] {
		case q:
			if i+1 < len(src) && src[i+1] == q {
				i++
				continue
			}
			l.pos = i + 1
			return token{kind: kind, start: start, end: l.pos}, true, nil
		case '\\':
			if backslash {
				i++
			}
		}
	}
	l.pos = len(src)
	return token{}, false, &UnterminatedError{What: what, Offset: start}
}

// blockComment scans a comment opening with "/*" at l.pos: an executable
// comment's opening marker, or a whole comment (hints included). Comments do
// not nest; inside an executable comment a "/*" opens an ordinary comment.
func (l *lexer) blockComment() (token, bool, error) {
	src, start := l.src, l.pos
	i := start + 2
	exec, cond := false, false
	switch {
	case !l.inExec && strings.HasPrefix(src[i:], "!"):
		exec, i = true, i+1
	case !l.inExec && strings.HasPrefix(src[i:], "M!"):
		exec, cond, i = true, true, i+2
	}
	if exec {
		digits := i
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
		}
		l.pos, l.inExec, l.execCond, l.execStart = i, true, cond || i > digits, start
		return token{kind: tokExecOpen, start: start, end: i}, true, nil
	}
	n := strings.Index(src[i:], "*/")
	if n < 0 {
		l.pos = len(src)
		return token{}, false, &UnterminatedError{What: "comment", Offset: start}
	}
	l.pos = i + n + 2
	return token{kind: tokComment, start: start, end: l.pos}, true, nil
}

// checkConditional returns a *ConditionalCommentError for a placeholder at
// offset when the lexer is inside an executable comment the server may skip.
func (l *lexer) checkConditional(offset int) error {
	if l.inExec && l.execCond {
		return &ConditionalCommentError{Offset: offset, Comment: l.execStart}
	}
	return nil
}
