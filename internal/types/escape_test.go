package types_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

func TestEscapingExamples(t *testing.T) {
	tests := []struct {
		in, backslash, noBackslash string
	}{
		{"", `''`, `''`},
		{"plain", `'plain'`, `'plain'`},
		{"it's", `'it\'s'`, `'it''s'`},
		{`say "hi"`, `'say \"hi\"'`, `'say "hi"'`},
		{`C:\dir`, `'C:\\dir'`, `'C:\dir'`},
		{"a\x00b", `'a\0b'`, "'a\x00b'"},
		{"l1\nl2\r", `'l1\nl2\r'`, "'l1\nl2\r'"},
		{"ctrl\x1az", `'ctrl\Zz'`, "'ctrl\x1az'"},
		{"tab\t%_", "'tab\t%_'", "'tab\t%_'"},
		{`\'`, `'\\\''`, `'\'''`},
		{"😀'", `'😀\''`, `'😀'''`},
	}
	for _, tt := range tests {
		if got := string(types.AppendQuotedString(nil, tt.in, false)); got != tt.backslash {
			t.Errorf("backslash %q: got %s, want %s", tt.in, got, tt.backslash)
		}
		if got := string(types.AppendQuotedString(nil, tt.in, true)); got != tt.noBackslash {
			t.Errorf("no-backslash %q: got %s, want %s", tt.in, got, tt.noBackslash)
		}
		if got := string(types.AppendEscapedString([]byte("x"), tt.in, false)); got != "x"+tt.backslash[1:len(tt.backslash)-1] {
			t.Errorf("AppendEscapedString %q: got %s", tt.in, got)
		}
		if got := string(types.AppendQuotedBytes(nil, []byte(tt.in), false)); got != "_binary"+tt.backslash {
			t.Errorf("AppendQuotedBytes %q: got %s", tt.in, got)
		}
	}
}

// randomString draws from the bytes escaping is about, multibyte
// characters, and arbitrary bytes.
func randomString(r *rand.Rand) string {
	pieces := []string{`\`, `'`, `"`, "\x00", "\x1a", "\n", "\r", "\t", "%", "_", "a", "Z", "0",
		"é", "😀", "\xbf\x5c", "\x81\x27", "''", `\'`, `\\`, "--", "/*", ";"}
	var b strings.Builder
	for range r.IntN(40) {
		if r.IntN(4) == 0 {
			b.WriteByte(byte(r.IntN(256)))
		} else {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
	}
	return b.String()
}

func TestEscapingRoundTripsRandomStrings(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomString(r)
		for _, nb := range []bool{false, true} {
			lit := string(types.AppendQuotedString(nil, s, nb))
			got, err := unquote(lit, nb)
			if err != nil || got != s {
				t.Fatalf("noBackslash=%v: %q -> %s -> %q, %v", nb, s, lit, got, err)
			}
			blit := string(types.AppendQuotedBytes(nil, []byte(s), nb))
			got, err = unquoteBinary(blit, nb)
			if err != nil || got != s {
				t.Fatalf("bytes noBackslash=%v: %q -> %s -> %q, %v", nb, s, blit, got, err)
			}
			alit, err := types.AppendLiteral(nil, s, &types.LiteralOptions{NoBackslashEscapes: nb})
			if err != nil || string(alit) != lit {
				t.Fatalf("AppendLiteral differs: %s vs %s (%v)", alit, lit, err)
			}
		}
		// Backslash mode leaves none of the bytes a terminal or the lexer
		// might mangle unescaped.
		lit := types.AppendQuotedString(nil, s, false)
		for _, c := range []byte{0, '\n', '\r', 0x1a} {
			if strings.IndexByte(string(lit), c) >= 0 {
				t.Fatalf("%q: byte %#x left raw in %q", s, c, lit)
			}
		}
	}
}

func TestNoBackslashModeKeepsBackslashLiteral(t *testing.T) {
	lit := string(types.AppendQuotedString(nil, `a\`, true))
	if lit != `'a\'` {
		t.Fatalf("got %s", lit)
	}
	if got, err := unquote(lit, true); err != nil || got != `a\` {
		t.Fatalf("unquote = %q, %v", got, err)
	}
	// The same literal read with backslash escapes would not terminate:
	// which is why the mode must match the session's sql_mode.
	if _, err := unquote(lit, false); err == nil {
		t.Fatal("mismatched mode read a literal that should be open")
	}
}
