package sa

import (
	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// manyCall is an executemany: the statement with ? placeholders and one
// row of arguments per run.
type manyCall struct {
	text string
	rows [][]any
}

// manyRows reports whether arg, Execute's only argument, asks for an
// executemany, and gives its rows: a [][]any as it is, a slice of maps
// with the statement's :name and @name placeholders turned into ? and
// each map's values in their order.
func manyRows(conn *aiomysql.Conn, text string, arg any) (manyCall, bool, error) {
	switch a := arg.(type) {
	case [][]any:
		return manyCall{text: text, rows: a}, true, nil
	case []map[string]any:
		lookups := make([]func(string) (any, bool), len(a))
		for i, m := range a {
			lookups[i] = func(n string) (any, bool) { v, ok := m[n]; return v, ok }
		}
		return namedMany(conn, text, lookups)
	case []aiomysql.NamedArgs:
		lookups := make([]func(string) (any, bool), len(a))
		for i, m := range a {
			lookups[i] = func(n string) (any, bool) { v, ok := m[n]; return v, ok }
		}
		return namedMany(conn, text, lookups)
	}
	return manyCall{}, false, nil
}

// namedMany rewrites text's named placeholders, the names the first row
// knows, into ? and lays each row out in their order.
func namedMany(conn *aiomysql.Conn, text string, lookups []func(string) (any, bool)) (manyCall, bool, error) {
	if len(lookups) == 0 {
		return manyCall{text: text}, true, nil
	}
	status := conn.ServerStatus()
	o := sqltext.Options{
		Style:              sqltext.Named,
		NoBackslashEscapes: status&uint16(wire.ServerStatusNoBackslashEscapes) != 0,
		ANSIQuotes:         status&uint16(wire.ServerStatusAnsiQuotes) != 0,
	}
	q, names, err := sqltext.Rewrite(text, o, lookups[0])
	if err != nil {
		return manyCall{}, true, errorf(ErrArgument, "executemany: %w", err)
	}
	if len(names) == 0 {
		return manyCall{}, true, errorf(ErrArgument, "executemany with maps: the statement has no :name or @name placeholder that the first map names")
	}
	rows := make([][]any, len(lookups))
	for i, lookup := range lookups {
		row := make([]any, len(names))
		for j, n := range names {
			v, ok := lookup(n)
			if !ok {
				return manyCall{}, true, errorf(ErrArgument, "executemany row %d has no value for %q", i, n)
			}
			row[j] = v
		}
		rows[i] = row
	}
	return manyCall{text: q, rows: rows}, true, nil
}
