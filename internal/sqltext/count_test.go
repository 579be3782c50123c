package sqltext_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

var (
	format   = sqltext.Options{Style: sqltext.Format}
	pyformat = sqltext.Options{Style: sqltext.Pyformat}
	named    = sqltext.Options{Style: sqltext.Named}
)

func TestCount(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		want  int
	}{
		{"none", "SELECT 1", defaults, 0},
		{"one", "SELECT ?", defaults, 1},
		{"comment then placeholder", "SELECT /* ? */ ?", defaults, 1},
		{"single quoted", "SELECT '?'", defaults, 0},
		{"backquoted", "SELECT `?`", defaults, 0},
		{"double quoted string", `SELECT "?"`, defaults, 0},
		{"double quoted ident", `SELECT "?"`, ansi, 0},
		{"dash comment", "SELECT ? -- ?\n, ?", defaults, 2},
		{"dash comment at end", "SELECT ? -- ?", defaults, 1},
		{"dash without space", "SELECT 1--?", defaults, 1},
		{"hash", "SELECT ?#?\n", defaults, 1},
		{"executable", "SELECT /*! ? */ ?", defaults, 2},
		{"conditional without placeholder", "SELECT /*M!100000 1 */ /*!50000 '?' */, ?", defaults, 1},
		{"conditional with percent", "SELECT /*!50000 5 %% 2 */, %s", format, 1},
		{"hint", "SELECT /*+ ? */ ?", defaults, 1},
		{"escaped quote", `SELECT 'it\'s ?', ?`, defaults, 1},
		{"escaped quote both modes", `SELECT 'a\', ?, '\'`, noBS, 1},
		{"ansi backslash", `SELECT "a\", ?, "b"`, ansi, 1},
		{"question marks in format", "SELECT ?, %s", format, 1},
		{"format", "SELECT %s, '%s', %s", format, 3}, // Python's % fills strings too
		{"format percent", "SELECT 5 %% 2, %s", format, 1},
		{"format percent in string", "SELECT '5 %% 2', %s", format, 1},
		{"versioned format", "SELECT /*!50000 %s */", format, 1},
		{"pyformat has no positional", "SELECT %(a)s, %(a)s", pyformat, 0},
		{"named has no positional", "SELECT @a, :b", named, 0},
		{"question in named", "SELECT ?", named, 0},
		{"percent in question", "SELECT 5 % 2, ?", defaults, 1},
		{"multi statement", "SELECT ?; SELECT '?'; SELECT ?", defaults, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sqltext.Count(tc.query, tc.o)
			if err != nil {
				t.Fatalf("Count(%q): %v", tc.query, err)
			}
			if got != tc.want {
				t.Errorf("Count(%q) = %d, want %d", tc.query, got, tc.want)
			}
		})
	}
}

func TestCountErrors(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		check func(error) bool
	}{
		{"unterminated string", "SELECT '?", defaults, isUnterminated},
		{"no backslash escapes", `SELECT 'it\'s ?'`, noBS, isUnterminated},
		{"ansi", `SELECT "a\"?"`, ansi, isUnterminated},
		{"backslash on", `SELECT 'a\', ?, '\'`, defaults, isUnterminated},
		{"unterminated comment", "SELECT ? /* ", defaults, isUnterminated},
		{"format bare percent", "SELECT 5 % 2", format, isPercent(9)},
		{"format percent d", "SELECT %d", format, isPercent(7)},
		{"format percent at end", "SELECT %", format, isPercent(7)},
		{"format pyformat placeholder", "SELECT %(a)s", format, isPercent(7)},
		{"pyformat format placeholder", "SELECT %s", pyformat, isPercent(7)},
		{"pyformat no s", "SELECT %(a)d", pyformat, isPercent(7)},
		{"pyformat unclosed", "SELECT %(a", pyformat, isPercent(7)},
		{"pyformat name across string", "SELECT %(a')s'", pyformat, isPercent(7)},
		{"versioned executable", "SELECT ?, /*!50000 ? */", defaults, isConditional(19, 10)},
		{"mariadb executable", "SELECT /*M! ? */", defaults, isConditional(12, 7)},
		{"mariadb versioned executable", "SELECT /*M!100000 ? */", defaults, isConditional(18, 7)},
		{"format bare percent in string", "SELECT '5 % 2', %s", format, isPercent(10)},
		{"format percent d in string", "SELECT '%d', %s", format, isPercent(8)},
		{"bad style", "SELECT 1", sqltext.Options{Style: 9}, func(err error) bool {
			var se *sqltext.StyleError
			return errors.As(err, &se) && se.Style == 9
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, err := sqltext.Count(tc.query, tc.o)
			if !tc.check(err) {
				t.Errorf("Count(%q) = %d, %v (%T): not the error expected", tc.query, n, err, err)
			}
		})
	}
}

func isUnterminated(err error) bool {
	var ue *sqltext.UnterminatedError
	return errors.As(err, &ue)
}

func isPercent(offset int) func(error) bool {
	return func(err error) bool {
		var pe *sqltext.PercentError
		return errors.As(err, &pe) && pe.Offset == offset
	}
}

func isConditional(offset, comment int) func(error) bool {
	return func(err error) bool {
		var ce *sqltext.ConditionalCommentError
		return errors.As(err, &ce) && ce.Offset == offset && ce.Comment == comment
	}
}
