package types_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

// With Charset set, literals read the same in both NO_BACKSLASH_ESCAPES
// states: the flag no longer changes the output.
func TestLiteralModeIndependent(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{"plain", "'plain'"},
		{"it's", "'it''s'"},
		{"line\nbreak \"q\" \x1a", "'line\nbreak \"q\" \x1a'"},
		{`back\slash`, "_utf8mb4 X'6261636B5C736C617368'"},
		{"nul\x00", "_utf8mb4 X'6E756C00'"},
		{[]byte("a'b"), "_binary'a''b'"},
		{[]byte{0x5c, 0x27}, "_binary X'5C27'"},
		{[]string{"x", `y\`}, "('x',_utf8mb4 X'795C')"},
	}
	for _, nb := range []bool{false, true} {
		o := &types.LiteralOptions{Charset: "utf8mb4", NoBackslashEscapes: nb}
		for _, tc := range tests {
			got, err := types.AppendLiteral(nil, tc.v, o)
			if err != nil || string(got) != tc.want {
				t.Errorf("noBackslash=%v: AppendLiteral(%q) = %q, %v; want %q", nb, tc.v, got, err, tc.want)
			}
		}
	}
	// A name that is not a plain character set name is never used as an
	// introducer: the mode-dependent escaping applies instead.
	got, _ := types.AppendLiteral(nil, `a\b`, &types.LiteralOptions{Charset: "utf8mb4 X'00'--"})
	if string(got) != `'a\\b'` {
		t.Errorf("bad introducer: %q", got)
	}
}
