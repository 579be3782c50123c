package sqltext_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

var (
	defaults = sqltext.Options{}
	noBS     = sqltext.Options{NoBackslashEscapes: true}
	ansi     = sqltext.Options{ANSIQuotes: true}
)

func TestTokens(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		want  string
	}{
		{"plain", "SELECT 1", defaults, "code:SELECT 1"},
		{"single quotes", "a 'b' c", defaults, "code:a  | string:'b' | code: c"},
		{"doubled single quote", "'it''s'x", defaults, "string:'it''s' | code:x"},
		{"backslash quote", `'it\'s' x`, defaults, `string:'it\'s' | code: x`},
		{"backslash quote, no escapes", `'it\'s' x'`, noBS, `string:'it\' | code:s | string:' x'`},
		{"backslash backslash", `'a\\' b`, defaults, `string:'a\\' | code: b`},
		{"double quotes string", `"a\"b" c`, defaults, `string:"a\"b" | code: c`},
		{"double quotes doubled", `"a""b" c`, defaults, `string:"a""b" | code: c`},
		{"double quotes ansi", `"a\" c`, ansi, `ident:"a\" | code: c`},
		{"single quote inside double", `"it's" x`, defaults, `string:"it's" | code: x`},
		{"double inside single", `'say "hi"' x`, defaults, `string:'say "hi"' | code: x`},
		{"backquotes", "`a``b\\` c", defaults, "ident:`a``b\\` | code: c"},
		{"dash dash space", "a -- c\nb", defaults, "code:a  | comment:-- c\n | code:b"},
		{"dash dash tab", "a --\tc\nb", defaults, "code:a  | comment:--\tc\n | code:b"},
		{"dash dash newline", "a --\nb", defaults, "code:a  | comment:--\n | code:b"},
		{"dash dash at end", "a --", defaults, "code:a  | comment:--"},
		{"dash dash control", "a --\x01x", defaults, "code:a  | comment:--\x01x"},
		{"dash dash no space", "a --1", defaults, "code:a --1"},
		{"minus minus", "1--1", defaults, "code:1--1"},
		{"hash", "a #c\nb", defaults, "code:a  | comment:#c\n | code:b"},
		{"hash at end", "a #c", defaults, "code:a  | comment:#c"},
		{"block", "a /* c ' */ b", defaults, "code:a  | comment:/* c ' */ | code: b"},
		{"block not nested", "/* /* */ */", defaults, "comment:/* /* */ | code: */"},
		{"block slash star slash", "/*/ x */", defaults, "comment:/*/ x */"},
		{"hint", "SELECT /*+ BKA(t) */ 1", defaults, "code:SELECT  | comment:/*+ BKA(t) */ | code: 1"},
		{"executable", "a /*! b */ c", defaults, "code:a  | exec-open:/*! | code: b  | exec-close:*/ | code: c"},
		{"executable version", "/*!50110 KEY_BLOCK_SIZE=1 */", defaults, "exec-open:/*!50110 | code: KEY_BLOCK_SIZE=1  | exec-close:*/"},
		{"mariadb executable", "/*M!100100 x */", defaults, "exec-open:/*M!100100 | code: x  | exec-close:*/"},
		{"executable with string", "/*! '*/' */", defaults, "exec-open:/*! | code:  | string:'*/' | code:  | exec-close:*/"},
		{"comment in executable", "/*! a /* b */ c */", defaults, "exec-open:/*! | code: a  | comment:/* b */ | code: c  | exec-close:*/"},
		{"star slash outside executable", "a */ b", defaults, "code:a */ b"},
		{"empty executable", "/*!*/", defaults, "exec-open:/*! | exec-close:*/"},
		{"introducer and hex", "_utf8mb4'x' X'0a'", defaults, "code:_utf8mb4 | string:'x' | code: X | string:'0a'"},
		{"user variable quoted", "@'a b' := 1", defaults, "code:@ | string:'a b' | code: := 1"},
		{"multibyte", "SELECT 'é?' é", defaults, "code:SELECT  | string:'é?' | code: é"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toks, err := sqltext.Tokens(tc.query, tc.o)
			if err != nil {
				t.Fatalf("Tokens(%q): %v", tc.query, err)
			}
			if got := describe(toks); got != tc.want {
				t.Errorf("Tokens(%q)\n got %s\nwant %s", tc.query, got, tc.want)
			}
		})
	}
}

func TestTokensUnterminated(t *testing.T) {
	tests := []struct {
		query  string
		o      sqltext.Options
		what   string
		offset int
	}{
		{"SELECT 'abc", defaults, "string", 7},
		{`SELECT 'abc\'`, defaults, "string", 7},
		{`SELECT "abc\"`, defaults, "string", 7},
		{`SELECT 'it\'s '`, noBS, "string", 14},
		{"SELECT `a", defaults, "quoted identifier", 7},
		{"SELECT `a``", defaults, "quoted identifier", 7},
		{`SELECT "a`, ansi, "quoted identifier", 7},
		{"SELECT /* a", defaults, "comment", 7},
		{"SELECT /*+ a", defaults, "comment", 7},
		{"SELECT /*/", defaults, "comment", 7},
		{"SELECT /*! a", defaults, "executable comment", 7},
		{"SELECT /*M!100000 a", defaults, "executable comment", 7},
		{"SELECT /*! a -- */", defaults, "executable comment", 7},
	}
	for _, tc := range tests {
		_, err := sqltext.Tokens(tc.query, tc.o)
		var ue *sqltext.UnterminatedError
		if !errors.As(err, &ue) {
			t.Errorf("Tokens(%q): err %v, want *UnterminatedError", tc.query, err)
			continue
		}
		if ue.What != tc.what || ue.Offset != tc.offset {
			t.Errorf("Tokens(%q): %s at %d, want %s at %d", tc.query, ue.What, ue.Offset, tc.what, tc.offset)
		}
		if !errors.Is(err, sqltext.ErrUnterminated) {
			t.Errorf("Tokens(%q): error does not match ErrUnterminated", tc.query)
		}
	}
}
