package sqltext_test

import (
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		query string
		o     sqltext.Options
		want  []string
		multi bool
	}{
		{"empty", "", defaults, nil, false},
		{"only comments", " -- a\n/* b */ ;  ", defaults, nil, false},
		{"one", "SELECT 1", defaults, []string{"SELECT 1"}, false},
		{"trailing semicolon", "SELECT 1;\n", defaults, []string{"SELECT 1"}, false},
		{"trailing comment", "SELECT 1; -- done", defaults, []string{"SELECT 1"}, false},
		{"two", "SELECT 1; SELECT 2;", defaults, []string{"SELECT 1", "SELECT 2"}, true},
		{"empty statements", ";;SELECT 1;;", defaults, []string{"SELECT 1"}, false},
		{"semicolon in strings", "SELECT ';', \";\", `;`; SELECT 2", defaults, []string{"SELECT ';', \";\", `;`", "SELECT 2"}, true},
		{"semicolon in comments", "SELECT 1 /* ; */ -- ;\n# ;\n", defaults, []string{"SELECT 1 /* ; */ -- ;\n# ;"}, false},
		{"semicolon in executable comment", "SELECT 1 /*! ; SELECT 2 */", defaults, []string{"SELECT 1 /*!", "SELECT 2 */"}, true},
		{"leading comment kept", "/* a */ SELECT 1; # b\nSELECT 2", defaults, []string{"/* a */ SELECT 1", "# b\nSELECT 2"}, true},
		{"string-only statement", "SELECT 1; 'x'", defaults, []string{"SELECT 1", "'x'"}, true},
		{"no backslash escapes", `SELECT 'a\'; SELECT 2`, noBS, []string{`SELECT 'a\'`, "SELECT 2"}, true},
		{"backslash escapes", `SELECT 'a\'; SELECT 2'`, defaults, []string{`SELECT 'a\'; SELECT 2'`}, false},
		{"compound statement", "CREATE PROCEDURE p() BEGIN SELECT 1; END", defaults, []string{"CREATE PROCEDURE p() BEGIN SELECT 1", "END"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := sqltext.Split(tc.query, tc.o)
			if err != nil {
				t.Fatalf("Split(%q): %v", tc.query, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Split(%q)\n got %q\nwant %q", tc.query, got, tc.want)
			}
			multi, err := sqltext.HasMultipleStatements(tc.query, tc.o)
			if err != nil || multi != tc.multi {
				t.Errorf("HasMultipleStatements(%q) = %v, %v; want %v", tc.query, multi, err, tc.multi)
			}
		})
	}
}

func TestSplitErrors(t *testing.T) {
	for _, q := range []string{"SELECT 'a", "SELECT 1; /* x", "SELECT `a; SELECT 2"} {
		if got, err := sqltext.Split(q, defaults); !isUnterminated(err) || got != nil {
			t.Errorf("Split(%q) = %q, %v; want nil and *UnterminatedError", q, got, err)
		}
		if multi, err := sqltext.HasMultipleStatements(q, defaults); !isUnterminated(err) || multi {
			t.Errorf("HasMultipleStatements(%q) = %v, %v; want false and *UnterminatedError", q, multi, err)
		}
	}
}
