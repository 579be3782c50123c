package sqltext

import "strings"

// whitespace is what the server skips between tokens.
const whitespace = " \t\n\v\f\r"

// Split splits a multi-statement text at each `;` in code (never in strings,
// quoted identifiers or comments) and returns the statements in order, each
// without its `;` and without surrounding whitespace. Pieces with no code in
// them (only whitespace and comments, as after a final `;`) are dropped. An
// unterminated string or comment is an *UnterminatedError. Only o's lexing
// flags matter; the style is ignored.
//
// Split is lexical: it also splits the body of a compound statement
// (CREATE PROCEDURE … BEGIN …; …; END), which the server would take whole.
func Split(query string, o Options) ([]string, error) {
	var out []string
	err := statements(query, o, func(start, end int) bool {
		out = append(out, strings.Trim(query[start:end], whitespace))
		return true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// HasMultipleStatements reports whether query holds more than one statement
// as Split counts them: code after a `;` in code. A single statement with a
// trailing `;` (and comments after it) is one statement. Compound statement
// bodies count as several, which errs on the safe side for a check that
// refuses multi-statement text.
func HasMultipleStatements(query string, o Options) (bool, error) {
	n := 0
	err := statements(query, o, func(int, int) bool {
		n++
		return n < 2
	})
	return n >= 2, err
}

// statements calls yield with the bounds of each statement that holds code,
// in order, until yield returns false.
func statements(query string, o Options, yield func(start, end int) bool) error {
	l := newLexer(query, o)
	start, content := 0, false
	for {
		tok, ok, err := l.next()
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		switch tok.kind {
		case tokString, tokQuotedIdent:
			content = true
			continue
		case tokCode:
		default:
			continue
		}
		for i := tok.start; i < tok.end; i++ {
			switch c := query[i]; {
			case c == ';':
				if content && !yield(start, i) {
					return nil
				}
				start, content = i+1, false
			case !content && strings.IndexByte(whitespace, c) < 0:
				content = true
			}
		}
	}
	if content {
		yield(start, len(query))
	}
	return nil
}
