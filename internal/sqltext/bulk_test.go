package sqltext_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestIsBulkDML(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want bool
	}{
		{"INSERT INTO t VALUES (?, ?)", true},
		{"  replace t (a) VALUE (?)", true},
		{"/* note */ update t SET a = ? WHERE id = ?", true},
		{"-- note\nDELETE FROM t WHERE id = ?", true},
		{"INSERT INTO t VALUES (?) ON DUPLICATE KEY UPDATE a = VALUES(a)", true},
		{"INSERT INTO t SELECT ?, a FROM u WHERE id = ?", false},
		{"INSERT INTO t VALUES ((SELECT MAX(a) FROM u), ?)", false},
		{"DELETE FROM t WHERE id = ? RETURNING a", false},
		{"SELECT ?", false},
		{"CALL p(?)", false},
		{"INSERT INTO t VALUES ('SELECT', ?)", true},
		{"INSERTED", false},
		{"", false},
		{"INSERT INTO t VALUES ('unterminated", false},
	} {
		if got := sqltext.IsBulkDML(tc.q, sqltext.Options{}); got != tc.want {
			t.Errorf("IsBulkDML(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
}
