package sqltext_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// TestPercentFormatsWholeText checks the Format and Pyformat styles against
// Python's `query % args`, which aiomysql and PyMySQL apply to the whole
// statement when arguments are given: %% is % everywhere, and %s and
// %(name)s are filled in strings, quoted identifiers and comments too.
// Each want is what Python 3 prints for the query and the escaped arguments.
func TestPercentFormatsWholeText(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		args  []any
		named map[string]any
		want  string
	}{
		{"percent in string", "SELECT '100%%', %s", format, []any{"x"}, nil, "SELECT '100%', 'x'"},
		{"percent everywhere", "SELECT 5 %% 2, '5 %% 2', `a%%b`, \"%%\", %s -- %%\n", format, []any{1}, nil,
			"SELECT 5 % 2, '5 % 2', `a%b`, \"%\", 1 -- %\n"},
		{"percent in comments", "SELECT %s /* 100%% */ # 5%%\n", format, []any{1}, nil, "SELECT 1 /* 100% */ # 5%\n"},
		{"number in string", "SELECT '%s', %s", format, []any{6, 7}, nil, "SELECT '6', 7"},
		{"number in identifier", "SELECT 1 AS `c%s`", format, []any{2}, nil, "SELECT 1 AS `c2`"},
		{"number in comment", "SELECT /* %s */ %s", format, []any{1, 2}, nil, "SELECT /* 1 */ 2"},
		{"string in comment", "SELECT 1 /* tag=%s */", format, []any{"abc"}, nil, "SELECT 1 /* tag='abc' */"},
		{"string in line comment", "SELECT 1 -- tag=%s\n", format, []any{"a\nb"}, nil, "SELECT 1 -- tag='a\\nb'\n"},
		{"string in other quotes", `SELECT "%s"`, format, []any{"x"}, nil, `SELECT "'x'"`},
		{"conditional comment", "SELECT 1 /*!50700 , %s */", format, []any{2}, nil, "SELECT 1 /*!50700 , 2 */"},
		{"pyformat in string", "SELECT '%(a)s%%', %(a)s", pyformat, nil, map[string]any{"a": 5}, "SELECT '5%', 5"},
		{"pyformat nested parentheses", "SELECT %(a(b)c)s", pyformat, nil, map[string]any{"a(b)c": 1}, "SELECT 1"},
		{"pyformat empty name", "SELECT %()s", pyformat, nil, map[string]any{"": 1}, "SELECT 1"},
		{"no args is % ()", "SELECT '%%s' LIKE %%s", format, nil, nil, "SELECT '%s' LIKE %s"},
		{"question style untouched", "SELECT '100%%', ?", defaults, []any{1}, nil, "SELECT '100%%', 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := interpolate(tc.query, tc.o, tc.args, tc.named)
			if err != nil || got != tc.want {
				t.Errorf("Interpolate(%q)\n got %q, %v\nwant %q", tc.query, got, err, tc.want)
			}
		})
	}
}

// TestPercentErrors checks the Format and Pyformat errors: Python's own
// (a % that is no conversion, the wrong placeholder kind for the arguments,
// a count mismatch) and the one place this package is stricter than
// aiomysql, a value whose literal could end the string, quoted identifier
// or comment its placeholder sits in.
func TestPercentErrors(t *testing.T) {
	enclosed := func(offset int, in string) func(error) bool {
		return func(err error) bool {
			var ee *sqltext.EnclosedPlaceholderError
			return errors.As(err, &ee) && ee.Offset == offset && ee.In == in &&
				errors.Is(err, sqltext.ErrEnclosedPlaceholder)
		}
	}
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		args  []any
		named map[string]any
		check func(error) bool
	}{
		{"bare percent in string", "SELECT '100%', %s", format, []any{"x"}, nil, isPercent(11)},
		{"bare percent in comment", "SELECT %s /* 5% */", format, []any{1}, nil, isPercent(14)},
		{"mapping placeholder with a tuple", "SELECT %(a)s", format, []any{1}, nil, isPercent(7)},
		{"positional placeholder with a mapping", "SELECT '%s'", pyformat, nil, map[string]any{"a": 1}, isPercent(8)},
		{"count in strings too", "SELECT '%s', %s", format, []any{1}, nil, isArgCount(2, 1)},
		{"string in string", "SELECT '%s'", format, []any{"x"}, nil, enclosed(8, "string")},
		{"injection through a string", "SELECT * FROM t WHERE a = '%s'", format, []any{"x' OR 1=1 -- "}, nil,
			enclosed(27, "string")},
		{"backslash in other quotes", `SELECT "%s"`, format, []any{"it's"}, nil, enclosed(8, "string")},
		{"backquote in identifier", "SELECT 1 AS `%s`", format, []any{"a`b"}, nil, enclosed(13, "quoted identifier")},
		{"comment end in comment", "SELECT 1 /* %s */", format, []any{"*/ OR 1=1 /*"}, nil, enclosed(12, "comment")},
		{"comment end in conditional comment", "SELECT 1 /*!50700 , %s */", format, []any{"*/ x"}, nil,
			enclosed(20, "conditional comment")},
		{"pyformat string in string", "SELECT '%(a)s'", pyformat, nil, map[string]any{"a": "x"}, enclosed(8, "string")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := interpolate(tc.query, tc.o, tc.args, tc.named)
			if !tc.check(err) {
				t.Errorf("Interpolate(%q) = %q, %v (%T): not the error expected", tc.query, got, err, err)
			}
		})
	}
	// Without backslash escapes a newline stays raw in a literal: it would
	// end a line comment.
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
