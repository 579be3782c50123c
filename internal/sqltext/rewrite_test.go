package sqltext_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestRewrite(t *testing.T) {
	known := func(n string) (any, bool) { return nil, n == "id" || n == "name" }
	cases := []struct {
		style sqltext.Style
		in    string
		out   string
		names []string
	}{
		{sqltext.Question, "SELECT ? FROM t WHERE a = '?'", "SELECT ? FROM t WHERE a = '?'", nil},
		{sqltext.Format, "SELECT %s, %s FROM t WHERE a LIKE 'x%%' AND b % 2 = 0", "", nil},
		{sqltext.Format, "SELECT %s, %s FROM t WHERE a LIKE 'x%%' AND b %% 2 = 0", "SELECT ?, ? FROM t WHERE a LIKE 'x%' AND b % 2 = 0", nil},
		{sqltext.Pyformat, "UPDATE t SET a = %(name)s WHERE id = %(id)s OR parent = %(id)s",
			"UPDATE t SET a = ? WHERE id = ? OR parent = ?", []string{"name", "id", "id"}},
		{sqltext.Named, "SELECT @id, :name, @other, @@version, @x := 1", "SELECT ?, ?, @other, @@version, @x := 1", []string{"id", "name"}},
		{sqltext.Format, "SELECT /*!%s*/", "SELECT /*! ?*/", nil},
	}
	for _, tc := range cases {
		out, names, err := sqltext.Rewrite(tc.in, sqltext.Options{Style: tc.style}, known)
		if tc.out == "" {
			if err == nil {
				t.Errorf("%v %q: no error, got %q", tc.style, tc.in, out)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v %q: %v", tc.style, tc.in, err)
			continue
		}
		if out != tc.out || !reflect.DeepEqual(names, tc.names) {
			t.Errorf("%v %q: got %q %q, want %q %q", tc.style, tc.in, out, names, tc.out, tc.names)
		}
	}
}

func TestRewriteRefusesWhatCannotBeBound(t *testing.T) {
	cases := []struct {
		style sqltext.Style
		in    string
	}{
		{sqltext.Format, "SELECT '%s'"},
		{sqltext.Format, "SELECT 1 /* %s */"},
		{sqltext.Pyformat, "SELECT `%(a)s`"},
		{sqltext.Format, "SELECT %s, ?"},
		{sqltext.Named, "SELECT @id, ?"},
	}
	for _, tc := range cases {
		_, _, err := sqltext.Rewrite(tc.in, sqltext.Options{Style: tc.style}, nil)
		if !errors.Is(err, sqltext.ErrNotBindable) {
			t.Errorf("%v %q: %v, want ErrNotBindable", tc.style, tc.in, err)
		}
	}
	// A ? in a string of a Format query is just text.
	if out, _, err := sqltext.Rewrite("SELECT '?', %s", sqltext.Options{Style: sqltext.Format}, nil); err != nil || out != "SELECT '?', ?" {
		t.Errorf("got %q, %v", out, err)
	}
}
