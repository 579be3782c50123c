package sa

import (
	"strings"

	"github.com/aiomysql-go/aiomysql"
)

// ambiguous marks a name that more than one column has.
const ambiguous = -1

// keys are a result's column names and how a name finds its column: by
// the name as the server gave it, by "table.name" (the table's alias),
// and, failing both, by either one in any case. The rows of a result
// share one.
type keys struct {
	names []string
	index map[string]int // exact names and table.name
	fold  map[string]int // the same, in lower case
}

func newKeys(names []string, types []aiomysql.ColumnType) *keys {
	k := &keys{
		names: names,
		index: make(map[string]int, 2*len(names)),
		fold:  make(map[string]int, 2*len(names)),
	}
	for i, n := range names {
		k.add(n, i)
		if i < len(types) && types[i].Table != "" {
			k.add(types[i].Table+"."+n, i)
		}
	}
	return k
}

// add maps name to column i, or marks it ambiguous when a column has it
// already.
func (k *keys) add(name string, i int) {
	put := func(m map[string]int, n string) {
		if _, ok := m[n]; ok {
			m[n] = ambiguous
			return
		}
		m[n] = i
	}
	put(k.index, name)
	put(k.fold, strings.ToLower(name))
}

// lookup returns the index of the column name names: ErrNoSuchColumn
// when none has it, ErrInvalidRequest when more than one does.
func (k *keys) lookup(name string) (int, error) {
	i, ok := k.index[name]
	if !ok {
		i, ok = k.fold[strings.ToLower(name)]
	}
	switch {
	case !ok:
		return 0, errorf(ErrNoSuchColumn, "no column %q in the row (columns: %s)", name, strings.Join(k.names, ", "))
	case i == ambiguous:
		return 0, errorf(ErrInvalidRequest, "ambiguous column name %q in the row: several columns have it; "+
			"use table.%s, an alias in the SQL, or the column's index", name, name)
	}
	return i, nil
}
