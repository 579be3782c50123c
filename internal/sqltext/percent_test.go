package sqltext_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// TestPercentNewlineInLineComment checks a Format placeholder in a line
// comment of a NO_BACKSLASH_ESCAPES session, where a newline stays raw in a
// literal and would end the comment.
func TestPercentNewlineInLineComment(t *testing.T) {
	_, err := sqltext.Interpolate(nil, "SELECT 1 # %s\n", sqltext.Options{Style: sqltext.Format, NoBackslashEscapes: true},
		[]any{"a\nb"}, nil, appendDoubled)
	if !enclosed(11, "comment")(err) {
		t.Errorf("newline into a line comment: %v", err)
	}
}

// TestPercentCountAndSplit checks that Count and SplitInsert see the
// placeholders Python's formatting fills, in strings and comments too.
func TestPercentCountAndSplit(t *testing.T) {
	if n, err := sqltext.Count("SELECT '%s', /* %s */ %s, '%%s'", format); n != 3 || err != nil {
		t.Errorf("Count = %d, %v; want 3", n, err)
	}
	if _, _, _, ok := sqltext.SplitInsert("INSERT INTO t VALUES (%s) ON DUPLICATE KEY UPDATE b = '%s'", format); ok {
		t.Error("SplitInsert accepted a placeholder in a string after the tuple")
	}
	_, row, _, ok := sqltext.SplitInsert("INSERT INTO t VALUES (%s, '%s')", format)
	if !ok || row != "(%s, '%s')" {
		t.Errorf("SplitInsert = %q, %v", row, ok)
	}
}
