package sqltext_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// TestS9_PlaceholdersInCommentsAndStrings is scenario S9 on the client side:
// placeholders in comments, strings and quoted identifiers are text, the
// others are filled in their places, and a count mismatch is an error.
func TestS9_PlaceholdersInCommentsAndStrings(t *testing.T) {
	const query = "SELECT /* ? */ ?; SELECT '?', `?`, \"?\" -- ?\n; # ?\nSELECT ? /*! , ? */"
	got, err := interpolate(query, defaults, []any{1, 2, 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const want = "SELECT /* ? */ 1; SELECT '?', `?`, \"?\" -- ?\n; # ?\nSELECT 2 /*! , 3 */"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	stmts, err := sqltext.Split(got, defaults)
	if err != nil || len(stmts) != 3 {
		t.Fatalf("Split = %q, %v; want 3 statements", stmts, err)
	}

	for _, tc := range []struct {
		query string
		args  int
		want  int
	}{
		{"SELECT /* ? */ ?", 2, 1},
		{"SELECT ? -- ?", 2, 1},
		{"SELECT '?'; SELECT ?", 0, 1},
		{"SELECT `?`, ?, ?", 1, 2},
	} {
		args := make([]any, tc.args)
		for i := range args {
			args[i] = i
		}
		_, err := interpolate(tc.query, defaults, args, nil)
		var ae *sqltext.ArgCountError
		if !errors.As(err, &ae) || ae.Want != tc.want || ae.Got != tc.args {
			t.Errorf("Interpolate(%q) with %d args: %v, want a count error %d/%d", tc.query, tc.args, err, tc.want, tc.args)
		}
	}
}

// TestS9_InjectedStatementStaysInString checks that an argument carrying a
// second statement lands only where its placeholder was and, encoded as a
// literal, never becomes code: the result is still one statement.
func TestS9_InjectedStatementStaysInString(t *testing.T) {
	payloads := []string{
		"1'; DROP TABLE t; -- ",
		"1\\'; DROP TABLE t; #",
		"*/; DROP TABLE t; /*",
		"'' ; DROP TABLE t",
		"\n; DROP TABLE t",
	}
	queries := []struct {
		query string
		o     sqltext.Options
		enc   func([]byte, any) ([]byte, error)
	}{
		{"SELECT * FROM t WHERE a = ? AND b = '?' -- ?", defaults, appendLiteral},
		{"SELECT * FROM t WHERE a = %s AND b LIKE 'x%%' # 100%%", format, appendLiteral},
		{"SELECT * FROM t WHERE a = :a /* :a */ AND b = ':a'", named, appendLiteral},
		{"SELECT * FROM t WHERE a = ? AND b = 'x\\'", noBS, appendDoubled},
	}
	for _, q := range queries {
		for _, p := range payloads {
			var out []byte
			var err error
			if q.o.Style == sqltext.Named {
				out, err = sqltext.Interpolate(nil, q.query, q.o, nil, names(map[string]any{"a": p}), q.enc)
			} else {
				out, err = sqltext.Interpolate(nil, q.query, q.o, []any{p}, nil, q.enc)
			}
			if err != nil {
				t.Fatalf("Interpolate(%q, %q): %v", q.query, p, err)
			}
			lit, _ := q.enc(nil, p)
			idx := strings.Index(q.query, "?")
			if q.o.Style == sqltext.Format {
				idx = strings.Index(q.query, "%s")
			} else if q.o.Style == sqltext.Named {
				idx = strings.Index(q.query, ":a")
			}
			if !strings.HasPrefix(string(out[idx:]), string(lit)) || strings.Count(string(out), string(lit)) != 1 {
				t.Errorf("%q with %q: %q does not hold the literal once at byte %d", q.query, p, out, idx)
			}
			multi, err := sqltext.HasMultipleStatements(string(out), q.o)
			if err != nil || multi {
				t.Errorf("%q with %q: %q is multi-statement (%v)", q.query, p, out, err)
			}
			toks, err := sqltext.Tokens(string(out), q.o)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, tok := range toks {
				found = found || tok.Kind == "string" && tok.Text == string(lit)
			}
			if !found {
				t.Errorf("%q with %q: literal %q is not one string token: %s", q.query, p, lit, describe(toks))
			}
		}
	}
}

// appendDoubled quotes a string for a NO_BACKSLASH_ESCAPES session: quotes
// doubled, backslashes left alone.
func appendDoubled(dst []byte, v any) ([]byte, error) {
	s, ok := v.(string)
	if !ok {
		return appendLiteral(dst, v)
	}
	dst = append(dst, '\'')
	dst = append(dst, strings.ReplaceAll(s, "'", "''")...)
	return append(dst, '\''), nil
}

// TestS9_FormatPlaceholderInStringRefused checks the Format and Pyformat
// styles, which fill placeholders inside strings, quoted identifiers and
// comments as Python's % does: an argument whose literal could end the
// string or comment around its placeholder is refused, so that none of the
// payloads becomes code.
func TestS9_FormatPlaceholderInStringRefused(t *testing.T) {
	payloads := []string{
		"1'; DROP TABLE t; -- ",
		"*/; DROP TABLE t; /*",
		"`; DROP TABLE t; -- ",
		"\"; DROP TABLE t; -- ",
	}
	for _, q := range []struct {
		query string
		o     sqltext.Options
		enc   func([]byte, any) ([]byte, error)
	}{
		{"SELECT * FROM t WHERE b = '%s'", format, appendLiteral},
		{`SELECT * FROM t WHERE b = "%s"`, format, appendLiteral},
		{"SELECT * FROM t /* %s */", format, appendLiteral},
		{"SELECT * FROM t /*!50700 WHERE b = %s */", format, appendLiteral},
		{"SELECT a AS `%s` FROM t", format, appendLiteral},
		{"SELECT * FROM t -- %s\n", sqltext.Options{Style: sqltext.Format, NoBackslashEscapes: true}, appendDoubled},
		{"SELECT * FROM t WHERE b = '%s'", sqltext.Options{Style: sqltext.Format, NoBackslashEscapes: true}, appendDoubled},
	} {
		for _, p := range payloads {
			out, err := sqltext.Interpolate(nil, q.query, q.o, []any{p}, nil, q.enc)
			if err == nil {
				// Allowed only in code, where the literal is a string token:
				// comments and identifiers are the template's, and there
				// is one statement.
				want, _ := sqltext.Tokens(q.query, q.o)
				got, lerr := sqltext.Tokens(string(out), q.o)
				multi, merr := sqltext.HasMultipleStatements(string(out), q.o)
				if lerr != nil || merr != nil || multi || outsideCode(got) != outsideCode(want) {
					t.Errorf("%q with %q: %q changed the query's structure", q.query, p, out)
				}
				continue
			}
			if !errors.Is(err, sqltext.ErrEnclosedPlaceholder) {
				t.Errorf("%q with %q: %v, want ErrEnclosedPlaceholder", q.query, p, err)
			}
		}
	}
}

// outsideCode lists the kinds of the tokens other than code and strings.
func outsideCode(toks []sqltext.Token) string {
	var kinds []string
	for _, tok := range toks {
		if tok.Kind != "code" && tok.Kind != "string" {
			kinds = append(kinds, tok.Kind)
		}
	}
	return strings.Join(kinds, " ")
}
