package sqltext

import (
	"bytes"
	"strings"
)

// phKind says what a placeholder match stands for.
type phKind uint8

const (
	phPositional phKind = iota // ? or %s: the next positional argument
	phNamed                    // %(name)s, @name or :name
	phPercent                  // %%: one literal %
)

// placeholder is a match: query[start:end], with name for phNamed and, in
// Named style, the value the lookup gave.
type placeholder struct {
	kind       phKind
	start, end int
	name       string
	value      any
	hasValue   bool
	afterExec  bool      // starts right after an executable comment's /*!NNNNN
	enclosed   enclosure // the string or comment around it (Format, Pyformat)
}

// enclosure describes the string, quoted identifier or comment around a
// Format or Pyformat placeholder, which Python's % fills wherever it is. A
// literal put there must hold none of the bytes in stop and not the
// sequence end, either of which could end the enclosure. The zero
// enclosure is plain code.
type enclosure struct {
	in   string // "string", "quoted identifier", "comment", "conditional comment"; "" for code
	stop string // bytes a literal there must not hold
	end  string // a sequence a literal there must not hold
}

// holds reports whether lit would stay inside e.
func (e enclosure) holds(lit []byte) bool {
	return !bytes.ContainsAny(lit, e.stop) && (e.end == "" || !bytes.Contains(lit, []byte(e.end)))
}

// eachPlaceholder lexes query and calls fn for each placeholder of o.Style,
// in order, `%%` included, until fn returns an error. Question and Named
// placeholders count only in code; Format and Pyformat ones, like Python's %
// that aiomysql applies to the whole statement, count everywhere, each with
// its enclosure. Lexing errors, bad `%` and Question or Named placeholders
// in conditional comments stop it with an error. lookup is as for
// findPlaceholder.
func eachPlaceholder(query string, o Options, lookup lookupFunc, fn func(p placeholder) error) error {
	l := newLexer(query, o)
	percent := o.Style == Format || o.Style == Pyformat
	execEnd := -1 // end of the last executable comment's opening marker
	for {
		tok, ok, err := l.next()
		if err != nil || !ok {
			return err
		}
		if tok.kind == tokExecOpen {
			execEnd = tok.end
		}
		enc, scan := l.enclosure(query, tok, percent)
		if !scan {
			continue
		}
		for i := tok.start; i < tok.end; {
			p, found, err := findPlaceholder(query, i, tok.end, o.Style, lookup)
			if err != nil {
				return err
			}
			if !found {
				break
			}
			i = p.end
			if p.kind != phPercent && !percent {
				if err := l.checkConditional(p.start); err != nil {
					return err
				}
			}
			p.afterExec = p.start == execEnd
			p.enclosed = enc
			if err := fn(p); err != nil {
				return err
			}
		}
	}
}

// enclosure says whether to look for placeholders in tok, and which
// enclosure they are in: only code unless percent (Format and Pyformat),
// when strings, quoted identifiers and comments count too. Code in an
// executable comment the server may skip is a comment to a literal there.
func (l *lexer) enclosure(query string, tok token, percent bool) (enclosure, bool) {
	if tok.kind == tokCode {
		if percent && l.inExec && l.execCond {
			return enclosure{in: "conditional comment", end: "*/"}, true
		}
		return enclosure{}, true
	}
	if !percent {
		return enclosure{}, false
	}
	q := query[tok.start : tok.start+1]
	switch tok.kind {
	case tokString:
		switch {
		case l.noBackslash:
			return enclosure{in: "string", stop: q}, true
		case q == "'":
			return enclosure{in: "string", stop: `'\`}, true
		}
		return enclosure{in: "string", stop: `"\`}, true
	case tokQuotedIdent:
		return enclosure{in: "quoted identifier", stop: q}, true
	case tokComment:
		if q == "/" {
			return enclosure{in: "comment", end: "*/"}, true
		}
		return enclosure{in: "comment", stop: "\n\r"}, true
	}
	return enclosure{}, false
}

// lookupFunc gives a named placeholder's value; ok is false for a name it
// does not know.
type lookupFunc func(name string) (v any, ok bool)

// findPlaceholder returns the first placeholder of the style in the code run
// query[i:end]. In Named style only names lookup knows are placeholders (a
// nil lookup takes every candidate). found is false when the run holds none.
func findPlaceholder(query string, i, end int, style Style, lookup lookupFunc) (p placeholder, found bool, err error) {
	run := query[:end]
	switch style {
	case Question:
		if n := strings.IndexByte(run[i:], '?'); n >= 0 {
			return placeholder{kind: phPositional, start: i + n, end: i + n + 1}, true, nil
		}
	case Format, Pyformat:
		n := strings.IndexByte(run[i:], '%')
		if n < 0 {
			return placeholder{}, false, nil
		}
		return percent(run, i+n, style)
	case Named:
		return findNamed(run, i, lookup)
	}
	return placeholder{}, false, nil
}

// percent reads the Format or Pyformat placeholder at run[at] == '%' as
// Python's % does: `%%`, `%s` (Format) or `%(name)s` (Pyformat), where
// name runs to the `)` that balances the `(`, parentheses nesting.
// Python's other conversions, flags and widths, the other style's
// placeholder and a `%` at the end are a *PercentError.
func percent(run string, at int, style Style) (placeholder, bool, error) {
	rest := run[at+1:]
	switch {
	case strings.HasPrefix(rest, "%"):
		return placeholder{kind: phPercent, start: at, end: at + 2}, true, nil
	case style == Format && strings.HasPrefix(rest, "s"):
		return placeholder{kind: phPositional, start: at, end: at + 2}, true, nil
	case style == Pyformat && strings.HasPrefix(rest, "("):
		depth := 0
		for n := 0; n < len(rest); n++ {
			switch rest[n] {
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					if strings.HasPrefix(rest[n+1:], "s") {
						return placeholder{kind: phNamed, start: at, end: at + n + 3, name: rest[1:n]}, true, nil
					}
					return placeholder{}, false, &PercentError{Style: style, Offset: at}
				}
			}
		}
	}
	return placeholder{}, false, &PercentError{Style: style, Offset: at}
}

// findNamed finds the first `@name` or `:name` in run[i:] whose name lookup
// knows. It skips `@@name` (system variables), `:=`, `::`, `@`/`:` glued to
// a preceding name (as in user@host), and a name assigned with `:=` (as in
// `@x := 1`), which can only be a user variable.
func findNamed(run string, i int, lookup lookupFunc) (placeholder, bool, error) {
	for i < len(run) {
		n := strings.IndexAny(run[i:], "@:")
		if n < 0 {
			break
		}
		at := i + n
		c := run[at]
		i = at + 1
		if i < len(run) && run[i] == c { // @@name or ::
			i++
			for i < len(run) && isNameByte(run[i], c) {
				i++
			}
			continue
		}
		if at > 0 && (isNameByte(run[at-1], c) || run[at-1] == '@' || run[at-1] == ':') {
			continue
		}
		e := i
		for e < len(run) && isNameByte(run[e], c) {
			e++
		}
		if e == i {
			continue
		}
		name := run[i:e]
		i = e
		if assigned(run, e) {
			continue
		}
		if lookup == nil {
			return placeholder{kind: phNamed, start: at, end: e, name: name}, true, nil
		}
		if v, ok := lookup(name); ok {
			return placeholder{kind: phNamed, start: at, end: e, name: name, value: v, hasValue: true}, true, nil
		}
	}
	return placeholder{}, false, nil
}

// isNameByte reports whether c continues a name after sigil: letters,
// digits, _, $ and bytes of multibyte characters; user variables (sigil @)
// may also hold dots.
func isNameByte(c, sigil byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_', c == '$', c >= 0x80:
		return true
	}
	return c == '.' && sigil == '@'
}

// assigned reports whether run[i:], after whitespace, starts with ":=".
func assigned(run string, i int) bool {
	for i < len(run) && strings.IndexByte(whitespace, run[i]) >= 0 {
		i++
	}
	return strings.HasPrefix(run[i:], ":=")
}
