package sa

import "strings"

// Row is one row of a Result, as aiomysql.sa's RowProxy: its values by
// index (At) or by column name (Get), all of them (Values, AsMap), or
// scanned into variables (Scan) or a struct (ScanStruct). A Row holds
// its values, decoded as aiomysql.Rows.Values decodes them, and stays
// valid after the Result moves on. A Row is safe for concurrent reads.
type Row struct {
	keys *keys
	vals []any
}

// Len returns the number of columns, as len() of aiomysql.sa's RowProxy.
func (r *Row) Len() int { return len(r.vals) }

// Keys returns the column names, as aiomysql.sa's RowProxy.keys().
func (r *Row) Keys() []string { return append([]string(nil), r.keys.names...) }

// At returns the value of column i (from 0), as row[i] of aiomysql.sa's
// RowProxy; ErrNoSuchColumn when there is no such column.
func (r *Row) At(i int) (any, error) {
	if i < 0 || i >= len(r.vals) {
		return nil, errorf(ErrNoSuchColumn, "no column %d in a row of %d", i, len(r.vals))
	}
	return r.vals[i], nil
}

// Get returns the value of the column with that name, as row["name"] or
// row.name of aiomysql.sa's RowProxy. The name may be qualified with the
// table's alias ("tbl.id"); it is matched exactly, else in any case. A
// name no column has is ErrNoSuchColumn; one that several columns have
// (the two ids of a join) is ErrInvalidRequest.
func (r *Row) Get(name string) (any, error) {
	i, err := r.keys.lookup(name)
	if err != nil {
		return nil, err
	}
	return r.vals[i], nil
}

// Has reports whether a column has that name, as `name in row` of
// aiomysql.sa's RowProxy (an ambiguous name counts).
func (r *Row) Has(name string) bool {
	if _, ok := r.keys.index[name]; ok {
		return true
	}
	_, ok := r.keys.fold[strings.ToLower(name)]
	return ok
}

// Values returns a copy of the row's values, in column order, as
// aiomysql.sa's RowProxy.values().
func (r *Row) Values() []any { return append([]any(nil), r.vals...) }

// AsMap returns the row's values by column name, as dict(row) of
// aiomysql.sa's RowProxy. When several columns have one name it returns
// ErrInvalidRequest, as Get does: alias them in the SQL.
func (r *Row) AsMap() (map[string]any, error) {
	m := make(map[string]any, len(r.vals))
	for i, n := range r.keys.names {
		if _, dup := m[n]; dup {
			return nil, errorf(ErrInvalidRequest, "ambiguous column name %q in the row: alias the columns in the SQL", n)
		}
		m[n] = r.vals[i]
	}
	return m, nil
}
