package sqltext_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// Seed corpora live in testdata/fuzz/FuzzX/. The targets check that nothing
// panics, that every failure is one of the package's typed errors, and that
// interpolation never moves the boundaries of strings, quoted identifiers
// and comments.

func fuzzOptions(style uint8, noBackslash, ansiQuotes bool) sqltext.Options {
	return sqltext.Options{Style: sqltext.Style(style % 4), NoBackslashEscapes: noBackslash, ANSIQuotes: ansiQuotes}
}

// fuzzNames is the lookup the fuzz targets use: a few names, all worth 1.
func fuzzNames(name string) (any, bool) {
	switch name {
	case "a", "b", "id":
		return 1, true
	}
	return nil, false
}

// checkTyped fails unless err is one of the package's typed errors.
func checkTyped(t *testing.T, err error) {
	t.Helper()
	var (
		ue *sqltext.UnterminatedError
		ce *sqltext.ArgCountError
		ne *sqltext.UnknownNameError
		pe *sqltext.PercentError
		cc *sqltext.ConditionalCommentError
	)
	if !errors.As(err, &ue) && !errors.As(err, &ce) && !errors.As(err, &ne) && !errors.As(err, &pe) && !errors.As(err, &cc) {
		t.Fatalf("error %v (%T) is not a typed error", err, err)
	}
}

// structure returns the tokens of query other than code: strings, quoted
// identifiers, comments and executable-comment markers, in order.
func structure(t *testing.T, query string, o sqltext.Options) []sqltext.Token {
	t.Helper()
	toks, err := sqltext.Tokens(query, o)
	if err != nil {
		t.Fatalf("Tokens(%q): %v", query, err)
	}
	var out []sqltext.Token
	for _, tok := range toks {
		if tok.Kind != "code" {
			out = append(out, tok)
		}
	}
	return out
}

// kindsOnly drops the tokens' text, keeping their kinds.
func kindsOnly(toks []sqltext.Token) []sqltext.Token {
	out := make([]sqltext.Token, len(toks))
	for i, tok := range toks {
		out[i] = sqltext.Token{Kind: tok.Kind}
	}
	return out
}

func FuzzInterpolate(f *testing.F) {
	f.Add("SELECT /* ? */ ?, '?', `?`, \"?\" -- ?\n", uint8(0), false, false, uint8(1))
	f.Add(`SELECT 'a\', ?, '\'`, uint8(0), true, false, uint8(1))
	f.Add("SELECT %s, '%s', %% -- %s", uint8(1), false, false, uint8(1))
	f.Add("SELECT %(a)s, %(b)s, %(a)s", uint8(2), false, false, uint8(0))
	f.Add("SELECT @a, :b, @x := 1, @@id, a::b", uint8(3), false, false, uint8(0))
	f.Add("SELECT /*! ? */ /*+ ? */ #?\n?", uint8(0), false, true, uint8(2))
	f.Fuzz(func(t *testing.T, query string, style uint8, noBackslash, ansiQuotes bool, nargs uint8) {
		o := fuzzOptions(style, noBackslash, ansiQuotes)
		args := make([]any, nargs%8)
		for i := range args {
			args[i] = 1
		}
		out, err := sqltext.Interpolate(nil, query, o, args, fuzzNames, appendLiteral)
		if err != nil {
			checkTyped(t, err)
			return
		}
		before, after := structure(t, query, o), structure(t, string(out), o)
		if o.Style == sqltext.Format || o.Style == sqltext.Pyformat {
			// Python's % also fills and unescapes strings and comments:
			// their text changes, their kinds and order do not.
			before, after = kindsOnly(before), kindsOnly(after)
		}
		if describe(before) != describe(after) {
			t.Fatalf("structure changed:\nquery %q\nout   %q\n%s\n%s", query, out, describe(before), describe(after))
		}
		switch o.Style {
		case sqltext.Question:
			if n, err := sqltext.Count(string(out), o); err != nil || n != 0 {
				t.Fatalf("%q left %d placeholders in %q (%v)", query, n, out, err)
			}
		case sqltext.Named:
			again, err := sqltext.Interpolate(nil, string(out), o, nil, fuzzNames,
				func(dst []byte, v any) ([]byte, error) { return append(dst, "X"...), nil })
			if err != nil || string(again) != string(out) {
				t.Fatalf("%q left placeholders in %q: %q (%v)", query, out, again, err)
			}
		}
		if n, err := sqltext.Count(query, o); err != nil || (o.Style == sqltext.Question || o.Style == sqltext.Format) && n != len(args) {
			t.Fatalf("Count(%q) = %d, %v after Interpolate took %d args", query, n, err, len(args))
		}
	})
}

func FuzzSplitInsert(f *testing.F) {
	f.Add("INSERT INTO t (a, b) VALUES (?, NOW(), CONCAT(?, 'x)'))", uint8(0), false, false)
	f.Add("insert ignore into t value (%s) as n(x) on duplicate key update b = values(b);\n", uint8(1), false, false)
	f.Add("INSERT INTO t VALUES (%(a)s) -- c\n; /* x */", uint8(2), false, false)
	f.Add("INSERT INTO t SET a = ?", uint8(0), false, false)
	f.Fuzz(func(t *testing.T, query string, style uint8, noBackslash, ansiQuotes bool) {
		o := fuzzOptions(style, noBackslash, ansiQuotes)
		prefix, row, suffix, ok := sqltext.SplitInsert(query, o)
		if !ok {
			if prefix != "" || row != "" || suffix != "" {
				t.Fatalf("not ok but parts %q %q %q", prefix, row, suffix)
			}
			return
		}
		whole := prefix + row + suffix
		if !strings.HasPrefix(query, whole) || whole != strings.TrimRight(whole, " \t\n\v\f\r") {
			t.Fatalf("%q split as %q %q %q", query, prefix, row, suffix)
		}
		if rest := strings.TrimLeft(query[len(whole):], " \t\n\v\f\r"); rest != "" && rest[0] != ';' {
			t.Fatalf("%q: dropped %q", query, rest)
		}
		if !strings.HasPrefix(row, "(") || !strings.HasSuffix(row, ")") {
			t.Fatalf("%q: row %q", query, row)
		}
		for _, part := range []string{prefix, row, suffix} {
			if _, err := sqltext.Tokens(part, o); err != nil {
				t.Fatalf("%q: part %q does not lex alone: %v", query, part, err)
			}
		}
		if multi, err := sqltext.HasMultipleStatements(whole, o); err != nil || multi {
			t.Fatalf("%q: %q is not one statement (%v)", query, whole, err)
		}
		if o.Style == sqltext.Question || o.Style == sqltext.Format {
			np, err1 := sqltext.Count(prefix, o)
			ns, err2 := sqltext.Count(suffix, o)
			if np != 0 || ns != 0 || err1 != nil || err2 != nil {
				t.Fatalf("%q: placeholders outside the row: %d %d (%v %v)", query, np, ns, err1, err2)
			}
		}
	})
}

func FuzzSplit(f *testing.F) {
	f.Add("SELECT 1; SELECT ';' -- ;\n; # x", false, false)
	f.Add(`SELECT 'a\'; SELECT "b"`, true, true)
	f.Fuzz(func(t *testing.T, query string, noBackslash, ansiQuotes bool) {
		o := fuzzOptions(0, noBackslash, ansiQuotes)
		stmts, err := sqltext.Split(query, o)
		multi, err2 := sqltext.HasMultipleStatements(query, o)
		if err != nil {
			// HasMultipleStatements may stop at a second statement before
			// the error.
			checkTyped(t, err)
			if stmts != nil || !multi && err2 == nil {
				t.Fatalf("%q: error %v but statements %q, multi %v (%v)", query, err, stmts, multi, err2)
			}
			return
		}
		if err2 != nil || multi != (len(stmts) > 1) {
			t.Fatalf("%q: %d statements but HasMultipleStatements = %v, %v", query, len(stmts), multi, err2)
		}
		rest := query
		for _, s := range stmts {
			i := strings.Index(rest, s)
			if s == "" || i < 0 || s != strings.Trim(s, " \t\n\v\f\r") {
				t.Fatalf("%q: bad statement %q in %q", query, s, stmts)
			}
			rest = rest[i+len(s):]
		}
	})
}
