package sqltext_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestInterpolate(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		args  []any
		named map[string]any
		want  string
	}{
		{"no placeholders", "SELECT 1", defaults, nil, nil, "SELECT 1"},
		{"question", "SELECT ?, ?", defaults, []any{1, "a"}, nil, "SELECT 1, 'a'"},
		{"adjacent", "SELECT ??", defaults, []any{1, 2}, nil, "SELECT 12"},
		{"at start and end", "?+?", defaults, []any{1, 2}, nil, "1+2"},
		{"comment", "SELECT /* ? */ ?", defaults, []any{7}, nil, "SELECT /* ? */ 7"},
		{"strings", "SELECT '?', \"?\", `?`, ?", defaults, []any{nil}, nil, "SELECT '?', \"?\", `?`, NULL"},
		{"line comments", "SELECT ? -- ?\n, ? # ?\n", defaults, []any{1, 2}, nil, "SELECT 1 -- ?\n, 2 # ?\n"},
		{"executable", "SELECT /*! ? */ /*+ ? */ ?", defaults, []any{1, 2}, nil, "SELECT /*! 1 */ /*+ ? */ 2"},
		{"right after executable marker", "SELECT /*!?*/, /*!?, ?*/", defaults, []any{1, 2, 3}, nil, "SELECT /*! 1*/, /*! 2, 3*/"},
		{"named unknown in conditional", "SELECT /*M! @x */ :a", named, nil, map[string]any{"a": 1}, "SELECT /*M! @x */ 1"},
		{"named right after executable marker", "SELECT /*!:a*/", named, nil, map[string]any{"a": 4}, "SELECT /*! 4*/"},
		{"escaped quote", `SELECT 'it\'s ?', ?`, defaults, []any{1}, nil, `SELECT 'it\'s ?', 1`},
		{"no backslash escapes", `SELECT 'a\', ?, '\'`, noBS, []any{1}, nil, `SELECT 'a\', 1, '\'`},
		{"format", "SELECT %s, '%s', %s", format, []any{1, 2, 3}, nil, "SELECT 1, '2', 3"},
		{"format percent", "SELECT 5 %% 2, '5 %% 2', %s", format, []any{"x"}, nil, "SELECT 5 % 2, '5 % 2', 'x'"},
		{"format percent s", "SELECT '%%s' LIKE %%s", format, nil, nil, "SELECT '%s' LIKE %s"},
		{"format question mark", "SELECT ?, %s", format, []any{1}, nil, "SELECT ?, 1"},
		{"pyformat", "SELECT %(a)s, %(b)s, %(a)s", pyformat, nil, map[string]any{"a": 1, "b": "x"}, "SELECT 1, 'x', 1"},
		{"pyformat percent", "SELECT %(a)s %% 3", pyformat, nil, map[string]any{"a": 10}, "SELECT 10 % 3"},
		{"pyformat odd name", "SELECT %(a b.c)s", pyformat, nil, map[string]any{"a b.c": 1}, "SELECT 1"},
		{"named at", "SELECT @a, @a", named, nil, map[string]any{"a": 1}, "SELECT 1, 1"},
		{"named colon", "SELECT * FROM t WHERE id = :id", named, nil, map[string]any{"id": 5}, "SELECT * FROM t WHERE id = 5"},
		{"named user variable", "SET @x := 1, @y = :v", named, nil, map[string]any{"v": 2}, "SET @x := 1, @y = 2"},
		{"named same name both sigils", "SELECT @a, :a", named, nil, map[string]any{"a": 2}, "SELECT 2, 2"},
		{"named assignment target", "SELECT @x := :x, @y\n\t:= 1, @z = :z", named, nil, map[string]any{"x": 3, "y": 4, "z": 5}, "SELECT @x := 3, @y\n\t:= 1, 5 = 5"},
		{"named colon equals", "SELECT @a:=1, :b:=2", named, nil, map[string]any{"a": 1, "b": 2}, "SELECT @a:=1, :b:=2"},
		{"named system variable", "SELECT @@a, @@session.a", named, nil, map[string]any{"a": 1, "session": 2}, "SELECT @@a, @@session.a"},
		{"named double colon", "SELECT a::b, :b", named, nil, map[string]any{"b": 1}, "SELECT a::b, 1"},
		{"named user host", "CREATE USER u@h IDENTIFIED BY :pw", named, nil, map[string]any{"h": 1, "pw": "p"}, "CREATE USER u@h IDENTIFIED BY 'p'"},
		{"named in string", "SELECT ':a', '@a', @a", named, nil, map[string]any{"a": 1}, "SELECT ':a', '@a', 1"},
		{"named user variable with dot", "SELECT @a.b", named, nil, map[string]any{"a": 1}, "SELECT @a.b"},
		{"named unknown left alone", "SELECT @x, :y", named, nil, map[string]any{}, "SELECT @x, :y"},
		{"named nil lookup", "SELECT @x", named, nil, nil, "SELECT @x"},
		{"named question untouched", "SELECT ?, :a", named, nil, map[string]any{"a": 1}, "SELECT ?, 1"},
		{"multi statement", "SELECT ?; SELECT '?'; SELECT ?", defaults, []any{1, 2}, nil, "SELECT 1; SELECT '?'; SELECT 2"},
		// Format and Pyformat: Python's % over the whole text, as aiomysql
		// does; each want is what Python 3 prints for the query and the
		// escaped arguments.
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
			if err != nil {
				t.Fatalf("Interpolate(%q): %v", tc.query, err)
			}
			if got != tc.want {
				t.Errorf("Interpolate(%q)\n got %q\nwant %q", tc.query, got, tc.want)
			}
		})
	}
}

func TestInterpolateAppends(t *testing.T) {
	dst := []byte("prefix:")
	got, err := sqltext.Interpolate(dst, "SELECT ?", defaults, []any{1}, nil, appendLiteral)
	if err != nil || string(got) != "prefix:SELECT 1" {
		t.Fatalf("got %q, %v", got, err)
	}
	got, err = sqltext.Interpolate(dst, "SELECT ?, '", defaults, []any{1}, nil, appendLiteral)
	if err == nil || string(got) != "prefix:" {
		t.Fatalf("on error got %q, %v; want dst unchanged and an error", got, err)
	}
}

func TestInterpolateErrors(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		args  []any
		named map[string]any
		check func(error) bool
	}{
		{"too few", "SELECT ?, ?, '?', ?", defaults, []any{1}, nil, isArgCount(3, 1)},
		{"too many", "SELECT ?", defaults, []any{1, 2}, nil, isArgCount(1, 2)},
		{"none given", "SELECT ?", defaults, nil, nil, isArgCount(1, 0)},
		{"placeholder only in comment", "SELECT /* ? */ 1", defaults, []any{1}, nil, isArgCount(0, 1)},
		{"format too few", "SELECT %s, %s", format, []any{1}, nil, isArgCount(2, 1)},
		{"pyformat positional", "SELECT %(a)s", pyformat, []any{1}, map[string]any{"a": 1}, isArgCount(0, 1)},
		{"named positional", "SELECT :a", named, []any{1}, map[string]any{"a": 1}, isArgCount(0, 1)},
		{"pyformat unknown", "SELECT %(a)s, %(b)s", pyformat, nil, map[string]any{"a": 1}, func(err error) bool {
			var ue *sqltext.UnknownNameError
			return errors.As(err, &ue) && ue.Name == "b" && ue.Offset == 14
		}},
		{"pyformat nil lookup", "SELECT %(a)s", pyformat, nil, nil, func(err error) bool {
			var ue *sqltext.UnknownNameError
			return errors.As(err, &ue) && ue.Name == "a"
		}},
		{"unterminated", "SELECT ?, 'x", defaults, []any{1}, nil, isUnterminated},
		{"bad percent", "SELECT %s %", format, []any{1}, nil, isPercent(10)},
		{"encoder error positional", "SELECT ?, ?", defaults, []any{1, struct{}{}}, nil, func(err error) bool {
			var ae *sqltext.ArgError
			return errors.As(err, &ae) && ae.Index == 1 && errors.Is(err, errUnsupported)
		}},
		{"encoder error named", "SELECT :a", named, nil, map[string]any{"a": struct{}{}}, func(err error) bool {
			var ae *sqltext.ArgError
			return errors.As(err, &ae) && ae.Name == "a" && ae.Index == -1 && errors.Is(err, errUnsupported)
		}},
		{"empty literal", "SELECT -?- 1", defaults, []any{[]byte(nil)}, nil, func(err error) bool {
			var ae *sqltext.ArgError
			return errors.As(err, &ae) && ae.Index == 0 && errors.Is(err, sqltext.ErrEmptyLiteral)
		}},
		{"conditional", "SELECT ?, /*!50700 ? */", defaults, []any{1, 2}, nil, isConditional(19, 10)},
		{"named conditional", "SELECT /*M! :a */", named, nil, map[string]any{"a": 1}, isConditional(12, 7)},
		// Python's own errors, and a value whose literal could end the string,
		// identifier or comment around its placeholder.
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
		{"bad style", "SELECT 1", sqltext.Options{Style: -1}, nil, nil, func(err error) bool {
			var se *sqltext.StyleError
			return errors.As(err, &se)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := interpolate(tc.query, tc.o, tc.args, tc.named)
			if !tc.check(err) {
				t.Errorf("Interpolate(%q) = %q, %v (%T): not the error expected", tc.query, got, err, err)
			}
			if err != nil && err.Error() == "" {
				t.Error("empty error message")
			}
		})
	}
}

// enclosed matches an *EnclosedPlaceholderError at offset in what.
func enclosed(offset int, in string) func(error) bool {
	return func(err error) bool {
		var ee *sqltext.EnclosedPlaceholderError
		return errors.As(err, &ee) && ee.Offset == offset && ee.In == in && errors.Is(err, sqltext.ErrEnclosedPlaceholder)
	}
}

func isArgCount(want, got int) func(error) bool {
	return func(err error) bool {
		var ae *sqltext.ArgCountError
		return errors.As(err, &ae) && ae.Want == want && ae.Got == got && errors.Is(err, sqltext.ErrArgCount)
	}
}

func TestInterpolateNoAllocation(t *testing.T) {
	const query = "SELECT a, 'b?', `c` FROM t /* ? */ WHERE d = 1 -- ?\n"
	buf := make([]byte, 0, 256)
	for _, o := range []sqltext.Options{defaults, format, pyformat, named} {
		allocs := testing.AllocsPerRun(100, func() {
			out, err := sqltext.Interpolate(buf[:0], query, o, nil, nil, appendLiteral)
			if err != nil || string(out) != query {
				t.Fatalf("%v: got %q, %v", o.Style, out, err)
			}
		})
		if allocs != 0 {
			t.Errorf("%v: %v allocations for a query with no placeholders, want 0", o.Style, allocs)
		}
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := sqltext.Interpolate(buf[:0], "SELECT ?, ?", defaults, []any{1, 2}, nil, appendLiteral); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 2 { // the two ints boxed into []any by the caller are not ours
		t.Errorf("%v allocations interpolating two ints into a large enough buffer", allocs)
	}
}
