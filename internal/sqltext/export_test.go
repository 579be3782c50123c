package sqltext

// Token is a lexer token as the tests see it.
type Token struct {
	Kind string // code, string, ident, comment, exec-open, exec-close
	Text string
}

var kindNames = [...]string{
	tokCode:        "code",
	tokString:      "string",
	tokQuotedIdent: "ident",
	tokComment:     "comment",
	tokExecOpen:    "exec-open",
	tokExecClose:   "exec-close",
}

// Tokens lexes query whole, for tests.
func Tokens(query string, o Options) ([]Token, error) {
	l := newLexer(query, o)
	var out []Token
	for {
		tok, ok, err := l.next()
		if err != nil {
			return out, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, Token{Kind: kindNames[tok.kind], Text: query[tok.start:tok.end]})
	}
}
