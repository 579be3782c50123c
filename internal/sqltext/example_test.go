package sqltext_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// quote is a toy encoder for the examples: ints and backslash-escaped strings.
func quote(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case string:
		r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
		return append(append(append(dst, '\''), r.Replace(v)...), '\''), nil
	}
	return dst, errors.New("unsupported")
}

func ExampleInterpolate() {
	q := "SELECT * FROM t /* ? */ WHERE a = ? AND b = '?' -- ?"
	out, err := sqltext.Interpolate(nil, q, sqltext.Options{}, []any{"x' OR 1=1 -- "}, nil, quote)
	fmt.Println(string(out), err)
	// Output: SELECT * FROM t /* ? */ WHERE a = 'x\' OR 1=1 -- ' AND b = '?' -- ? <nil>
}

func ExampleInterpolate_pyformat() {
	q := "SELECT %(id)s, %(id)s %% 7"
	lookup := func(name string) (any, bool) { return 30, name == "id" }
	out, err := sqltext.Interpolate(nil, q, sqltext.Options{Style: sqltext.Pyformat}, nil, lookup, quote)
	fmt.Println(string(out), err)
	// Output: SELECT 30, 30 % 7 <nil>
}

func ExampleInterpolate_named() {
	q := "SELECT @n := @n + 1, :id, @@version_comment = :id"
	lookup := func(name string) (any, bool) { return 5, name == "id" }
	out, err := sqltext.Interpolate(nil, q, sqltext.Options{Style: sqltext.Named}, nil, lookup, quote)
	fmt.Println(string(out), err)
	// Output: SELECT @n := @n + 1, 5, @@version_comment = 5 <nil>
}

func ExampleCount() {
	n, err := sqltext.Count("SELECT ?, '?', `?` /* ? */ -- ?", sqltext.Options{})
	fmt.Println(n, err)
	_, err = sqltext.Count(`SELECT 'it\'s ?'`, sqltext.Options{NoBackslashEscapes: true})
	fmt.Println(err)
	// Output:
	// 1 <nil>
	// sqltext: unterminated string starting at byte 15
}

func ExampleSplit() {
	stmts, err := sqltext.Split("SELECT ';'; -- ;\nSELECT 2;", sqltext.Options{})
	fmt.Printf("%q %v\n", stmts, err)
	// Output: ["SELECT ';'" "-- ;\nSELECT 2"] <nil>
}

func ExampleSplitInsert() {
	q := "INSERT INTO t (a, b) VALUES (%s, %s) AS new ON DUPLICATE KEY UPDATE b = new.b;"
	o := sqltext.Options{Style: sqltext.Format}
	prefix, row, suffix, ok := sqltext.SplitInsert(q, o)
	if !ok {
		return
	}
	buf := []byte(prefix)
	for i, args := range [][]any{{1, "a"}, {2, "b"}} {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf, _ = sqltext.Interpolate(buf, row, o, args, nil, quote)
	}
	fmt.Println(string(append(buf, suffix...)))
	// Output: INSERT INTO t (a, b) VALUES (1, 'a'),(2, 'b') AS new ON DUPLICATE KEY UPDATE b = new.b
}
