package aiomysql

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"
)

// ErrStructMismatch is wrapped by the errors of RowToStructByName and
// RowToStructByNameLax when the result's columns and the struct's fields do
// not match: a column with no field, two columns for one field, a field with
// no column (RowToStructByName only), or a T that is not a struct.
var ErrStructMismatch = errors.New("aiomysql: result columns and struct fields do not match")

// RowToStructByName scans a row into a new T, a struct, matching columns to
// exported fields by name, as pgx's RowToStructByName:
//
//	type User struct {
//		ID       int64  `db:"id"`
//		Name     string // matches a column "name" (or "NAME")
//		Email    string `db:"email_address"`
//		Internal string `db:"-"` // never matched, never required
//	}
//	users, err := aiomysql.CollectRows(rows, aiomysql.RowToStructByName[User])
//
// A field's name is its db tag (the part before a comma) when it has one,
// else its Go name, which also matches the column with underscores removed
// (CreatedAt matches created_at). Names match case-insensitively. Fields of
// embedded structs without a db tag are matched as if they were the outer
// struct's (a shallower field wins, as in Go); embedded pointers are
// allocated as needed (a pointer to an unexported type cannot be, and its
// fields are not matched). Every column must have a field and every field (but
// those tagged db:"-") a column; otherwise the error wraps ErrStructMismatch.
// Values are converted as Scan converts them: a field that may be NULL should
// be a pointer, a sql.Null type or any.
func RowToStructByName[T any](row CollectableRow) (T, error) {
	return rowToStruct[T](row, false)
}

// RowToStructByNameLax is RowToStructByName, except that fields without a
// column are left at their zero value. A column without a field is still an
// error.
func RowToStructByNameLax[T any](row CollectableRow) (T, error) {
	return rowToStruct[T](row, true)
}

func rowToStruct[T any](row CollectableRow, lax bool) (T, error) {
	var v T
	rv := reflect.ValueOf(&v).Elem()
	if rv.Kind() != reflect.Struct {
		return v, fmt.Errorf("%w: %s is not a struct", ErrStructMismatch, rv.Type())
	}
	plan, err := planFor(row, rv.Type(), lax)
	if err != nil {
		return v, err
	}
	dests := make([]any, len(plan.fields))
	for i, index := range plan.fields {
		dests[i] = fieldAddr(rv, index)
	}
	if err := row.Scan(dests...); err != nil {
		var zero T
		return zero, err
	}
	return v, nil
}

// structPlan maps each column of a result set to a field of a struct type.
type structPlan struct {
	typ    reflect.Type
	lax    bool
	fields [][]int // per column, the index path of its field
}

// planFor returns the plan for the row's columns and t. A *Rows keeps the
// plan of its current result set, so that it is made once per set, not once
// per row.
func planFor(row CollectableRow, t reflect.Type, lax bool) (*structPlan, error) {
	r, _ := row.(*Rows)
	if r != nil && r.plan != nil && r.plan.typ == t && r.plan.lax == lax {
		return r.plan, nil
	}
	p, err := makePlan(row.Columns(), t, lax)
	if err != nil {
		return nil, err
	}
	if r != nil {
		r.plan = p
	}
	return p, nil
}

// structField is a field a column can be scanned into.
type structField struct {
	name   string // the db tag or the Go name
	tagged bool
	index  []int
	depth  int
}

func (f *structField) matches(col string) bool {
	if strings.EqualFold(f.name, col) {
		return true
	}
	return !f.tagged && strings.Contains(col, "_") && strings.EqualFold(f.name, strings.ReplaceAll(col, "_", ""))
}

func makePlan(cols []string, t reflect.Type, lax bool) (*structPlan, error) {
	fields := structFields(t, nil, 0, nil, map[reflect.Type]bool{t: true})
	p := &structPlan{typ: t, lax: lax, fields: make([][]int, len(cols))}
	used := make([]int, len(fields)) // 1 + the column of each field, or 0
	for i, col := range cols {
		best, ambiguous := -1, false
		for j := range fields {
			if !fields[j].matches(col) {
				continue
			}
			switch {
			case best < 0 || fields[j].depth < fields[best].depth:
				best, ambiguous = j, false
			case fields[j].depth == fields[best].depth:
				ambiguous = true
			}
		}
		switch {
		case best < 0:
			return nil, &ScanError{Column: i, Name: col, Err: fmt.Errorf("%w: %s has no field for it", ErrStructMismatch, t)}
		case ambiguous:
			return nil, &ScanError{Column: i, Name: col, Err: fmt.Errorf("%w: several fields of %s match it", ErrStructMismatch, t)}
		case used[best] != 0:
			return nil, &ScanError{Column: i, Name: col, Err: fmt.Errorf("%w: field %s already takes column %d (%s)",
				ErrStructMismatch, fields[best].name, used[best]-1, cols[used[best]-1])}
		}
		used[best] = i + 1
		p.fields[i] = fields[best].index
	}
	if !lax {
		for j := range fields {
			if used[j] == 0 && !shadowed(fields, j) {
				return nil, fmt.Errorf("%w: no column for field %s of %s", ErrStructMismatch, fields[j].name, t)
			}
		}
	}
	return p, nil
}

// shadowed reports whether a shallower field has the same name as fields[j],
// which no column can then reach.
func shadowed(fields []structField, j int) bool {
	for i := range fields {
		if fields[i].depth < fields[j].depth && strings.EqualFold(fields[i].name, fields[j].name) {
			return true
		}
	}
	return false
}

// structFields lists the fields of t that columns can be scanned into,
// those of embedded structs included. onPath guards against a struct that
// embeds a pointer to itself.
func structFields(t reflect.Type, prefix []int, depth int, out []structField, onPath map[reflect.Type]bool) []structField {
	for i := range t.NumField() {
		f := t.Field(i)
		tag, hasTag := f.Tag.Lookup("db")
		tag, _, _ = strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		index := append(append([]int(nil), prefix...), i)
		if f.Anonymous && tag == "" {
			et := f.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct && !isValueStruct(et) {
				if f.Type.Kind() == reflect.Pointer && !f.IsExported() {
					continue // cannot be allocated through reflection
				}
				if onPath[et] {
					continue
				}
				onPath[et] = true
				out = structFields(et, index, depth+1, out, onPath)
				delete(onPath, et)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if hasTag && tag != "" {
			name = tag
		}
		out = append(out, structField{name: name, tagged: hasTag && tag != "", index: index, depth: depth})
	}
	return out
}

// isValueStruct reports whether values of struct type t are scanned whole
// (time.Time, a sql.Scanner) rather than field by field.
func isValueStruct(t reflect.Type) bool {
	return t == reflect.TypeFor[time.Time]() || reflect.PointerTo(t).Implements(reflect.TypeFor[sql.Scanner]())
}

// fieldAddr returns the address of the field at index in v, allocating
// embedded pointers on the way.
func fieldAddr(v reflect.Value, index []int) any {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v.Addr().Interface()
}
