package aiomysql

import (
	"database/sql/driver"
	"reflect"
	"strings"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// namedSource decides how args fill a query's placeholders: positionally,
// or by name when the only argument is a NamedArgs, a map[string]any or a
// struct (fields by their `db` tag, else their name; `db:"-"` skips one).
// With names, Question style becomes Named (@name and :name). Format style
// (%s) is always positional: a cursor picks Pyformat itself when its only
// argument gives names, so a single map or struct given for one %s (a
// CallProc argument, say) stays a value.
func namedSource(style sqltext.Style, args []any) (sqltext.Style, func(string) (any, bool), []any) {
	if len(args) != 1 || style == sqltext.Format {
		return style, nil, args
	}
	lookup := namesOf(args[0])
	if lookup == nil {
		return style, nil, args
	}
	if style == sqltext.Question {
		style = sqltext.Named
	}
	return style, lookup, nil
}

// namesOf returns a lookup by name for v, or nil when v is a single value.
func namesOf(v any) func(string) (any, bool) {
	switch m := v.(type) {
	case NamedArgs:
		return func(n string) (any, bool) { x, ok := m[n]; return x, ok }
	case map[string]any:
		return func(n string) (any, bool) { x, ok := m[n]; return x, ok }
	case driver.Valuer, time.Time, *time.Time:
		return nil
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	rt := rv.Type()
	return func(n string) (any, bool) {
		for i := range rt.NumField() {
			f := rt.Field(i)
			if !f.IsExported() {
				continue
			}
			name := f.Name
			if tag, ok := f.Tag.Lookup("db"); ok {
				tag, _, _ = strings.Cut(tag, ",")
				if tag == "-" {
					continue
				}
				if tag != "" {
					name = tag
				}
			}
			if name == n || (name == f.Name && strings.EqualFold(name, n)) {
				return rv.Field(i).Interface(), true
			}
		}
		return nil, false
	}
}
