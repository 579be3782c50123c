package sqltext_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestIsCall(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"CALL p(?)", true},
		{"  call db.p()", true},
		{"/* note */ Call p", true},
		{"-- note\nCALL p(?, ?)", true},
		{"# note\n\tCALL p", true},
		{"CALLED", false},
		{"SELECT 'CALL p'", false},
		{"`CALL`", false},
		{"", false},
		{"/* unterminated CALL", false},
	} {
		if got := sqltext.IsCall(tc.q, sqltext.Options{}); got != tc.want {
			t.Errorf("IsCall(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
