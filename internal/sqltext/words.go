package sqltext

import "strings"

// itemKind says what an item of code is.
type itemKind uint8

const (
	itemEnd    itemKind = iota // end of the query, or a lexing error
	itemWord                   // a keyword, name or number: [A-Za-z0-9_$] and multibyte bytes
	itemPunct                  // any other single byte of code
	itemQuoted                 // a string or quoted identifier, whole
)

// item is one word, punctuation byte or quoted token: query[start:end].
type item struct {
	kind       itemKind
	start, end int
}

// words reads a query as items, skipping whitespace, comments and the
// markers of executable comments (whose content is code, read as items).
type words struct {
	lx  lexer
	tok token // the code token being read
	at  int   // next offset in tok
	err error // the lexing error that ended the items, if any
}

func newWords(query string, o Options) *words {
	return &words{lx: newLexer(query, o)}
}

// next returns the next item; itemEnd at the end or on a lexing error, and
// from then on.
func (w *words) next() item {
	src := w.lx.src
	end := item{kind: itemEnd, start: len(src), end: len(src)}
	if w.err != nil {
		return end
	}
	for {
		for w.at < w.tok.end {
			c := src[w.at]
			if strings.IndexByte(whitespace, c) >= 0 {
				w.at++
				continue
			}
			start := w.at
			w.at++
			if isWordByte(c) {
				for w.at < w.tok.end && isWordByte(src[w.at]) {
					w.at++
				}
				return item{kind: itemWord, start: start, end: w.at}
			}
			return item{kind: itemPunct, start: start, end: w.at}
		}
		tok, ok, err := w.lx.next()
		if err != nil || !ok {
			w.err = err
			w.tok, w.at = token{}, 0
			return end
		}
		switch tok.kind {
		case tokCode:
			w.tok, w.at = tok, tok.start
		case tokString, tokQuotedIdent:
			return item{kind: itemQuoted, start: tok.start, end: tok.end}
		}
	}
}

// inExec reports whether the item last returned lies inside an executable
// comment.
func (w *words) inExec() bool { return w.lx.inExec }

// isWord reports whether it is the keyword kw (given in upper case).
func (w *words) isWord(it item, kw string) bool {
	return it.kind == itemWord && strings.EqualFold(w.lx.src[it.start:it.end], kw)
}

// isPunct reports whether it is the punctuation byte c.
func (w *words) isPunct(it item, c byte) bool {
	return it.kind == itemPunct && w.lx.src[it.start] == c
}

// isWordByte reports whether c belongs to an unquoted word.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '$' || c >= 0x80
}

// closeGroup reads items up to the `)` matching a `(` just read and returns
// that `)`; ok is false at the end of the query, at a `;`, or when reject
// returns true for an item inside.
func (w *words) closeGroup(reject func(item) bool) (item, bool) {
	depth := 1
	for {
		it := w.next()
		switch {
		case it.kind == itemEnd, w.isPunct(it, ';'), reject != nil && reject(it):
			return it, false
		case w.isPunct(it, '('):
			depth++
		case w.isPunct(it, ')'):
			if depth--; depth == 0 {
				return it, true
			}
		}
	}
}
