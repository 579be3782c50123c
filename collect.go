package aiomysql

import (
	"errors"
	"fmt"
)

// CollectableRow is a row positioned by Next, from which a RowToFunc builds a
// value. *Rows is one.
type CollectableRow interface {
	// Columns returns the names of the result's columns.
	Columns() []string
	// ColumnTypes describes the result's columns.
	ColumnTypes() []ColumnType
	// Scan copies the row's values into dest, one pointer per column.
	Scan(dest ...any) error
	// Values returns the row's values as their natural Go types.
	Values() ([]any, error)
	// RawValues returns the row's values as the server sent them.
	RawValues() [][]byte
}

// RowToFunc builds a T from the row its argument is positioned on. RowTo,
// RowToAddrOf, RowToMap, RowToStructByName and RowToStructByNameLax are
// RowToFuncs; any function of this shape may be given to CollectRows.
type RowToFunc[T any] func(row CollectableRow) (T, error)

// ErrTooManyRows is returned by CollectExactlyOneRow when the query returned
// more than one row.
var ErrTooManyRows = errors.New("aiomysql: more than one row")

// CollectRows calls fn on each row of the current result set and returns the
// values in order (an empty, non-nil slice when there are none). The rows are
// closed in every case; on an error the values built so far are dropped.
func CollectRows[T any](rows *Rows, fn RowToFunc[T]) ([]T, error) {
	return AppendRows(make([]T, 0), rows, fn)
}

// AppendRows is CollectRows appending to dst.
func AppendRows[T any, S ~[]T](dst S, rows *Rows, fn RowToFunc[T]) (S, error) {
	defer rows.Close()
	for rows.Next() {
		v, err := fn(rows)
		if err != nil {
			return nil, err
		}
		dst = append(dst, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return dst, rows.Close()
}

// CollectOneRow calls fn on the first row and returns its value, discarding
// the rest of the result. It returns ErrNoRows when there is no row. The rows
// are closed in every case.
func CollectOneRow[T any](rows *Rows, fn RowToFunc[T]) (T, error) {
	v, err := firstRow(rows, fn)
	if err != nil {
		return v, err
	}
	return v, rows.Close()
}

// CollectExactlyOneRow is CollectOneRow, but a second row is an error:
// ErrTooManyRows, with the zero T.
func CollectExactlyOneRow[T any](rows *Rows, fn RowToFunc[T]) (T, error) {
	v, err := firstRow(rows, fn)
	if err != nil {
		return v, err
	}
	if rows.Next() {
		rows.Close()
		var zero T
		return zero, ErrTooManyRows
	}
	if err := rows.Err(); err != nil {
		var zero T
		return zero, err
	}
	return v, rows.Close()
}

// firstRow builds the value of the first row; it closes rows unless it
// returns without an error.
func firstRow[T any](rows *Rows, fn RowToFunc[T]) (T, error) {
	var zero T
	if !rows.Next() {
		err := rows.Err()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = ErrNoRows
		}
		return zero, err
	}
	v, err := fn(rows)
	if err != nil {
		rows.Close()
		return zero, err
	}
	return v, nil
}

// ForEachRow scans each row of the current result set into dests and calls
// fn after each, as pgx's ForEachRow:
//
//	var id int64
//	var name string
//	res, err := aiomysql.ForEachRow(rows, []any{&id, &name}, func() error {
//		fmt.Println(id, name)
//		return nil
//	})
//
// It stops at the first error of Scan or fn, which it returns. The rows are
// closed in every case. The Result is what the server reported at the end of
// the set (warnings).
func ForEachRow(rows *Rows, dests []any, fn func() error) (Result, error) {
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(dests...); err != nil {
			return Result{}, err
		}
		if err := fn(); err != nil {
			return Result{}, err
		}
	}
	if err := rows.Err(); err != nil {
		return Result{}, err
	}
	res := rows.Result()
	return res, rows.Close()
}

// RowTo scans a row of one column into a T.
//
//	ids, err := aiomysql.CollectRows(rows, aiomysql.RowTo[int64])
func RowTo[T any](row CollectableRow) (T, error) {
	var v T
	err := row.Scan(&v)
	return v, err
}

// RowToAddrOf scans a row of one column into a new T and returns its address.
func RowToAddrOf[T any](row CollectableRow) (*T, error) {
	v := new(T)
	if err := row.Scan(v); err != nil {
		return nil, err
	}
	return v, nil
}

// RowToMap returns a row as a map from column names to natural values (see
// Rows.Values). A name that occurs twice is keyed "table.column" from its
// second occurrence, as DictCursor does.
func RowToMap(row CollectableRow) (map[string]any, error) {
	vals, err := row.Values()
	if err != nil {
		return nil, err
	}
	names := row.Columns()
	if hasDuplicates(names) {
		names = dictNames(row.ColumnTypes())
	}
	if len(names) != len(vals) {
		return nil, fmt.Errorf("aiomysql: row has %d values for %d columns", len(vals), len(names))
	}
	m := make(map[string]any, len(vals))
	for i, v := range vals {
		m[names[i]] = v
	}
	return m, nil
}

func hasDuplicates(names []string) bool {
	if len(names) > 16 {
		seen := make(map[string]bool, len(names))
		for _, n := range names {
			if seen[n] {
				return true
			}
			seen[n] = true
		}
		return false
	}
	for i := range names {
		for j := range i {
			if names[i] == names[j] {
				return true
			}
		}
	}
	return false
}
