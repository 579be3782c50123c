package sa

import (
	"fmt"
	"reflect"
	"strings"
)

// Scan stores the row's values into dest, one pointer per column, in
// column order. It converts as database/sql's Scan does: numbers between
// sizes (out of range is an error), text into numbers, anything into
// *any, sql.Scanner (the sql.Null types), and pointers, nil for NULL.
func (r *Row) Scan(dest ...any) error {
	if len(dest) != len(r.vals) {
		return errorf(ErrArgument, "Scan into %d destinations a row of %d columns", len(dest), len(r.vals))
	}
	for i, d := range dest {
		if err := assign(d, r.vals[i]); err != nil {
			return errorf(ErrArgument, "column %d (%s): %w", i, r.keys.names[i], err)
		}
	}
	return nil
}

// ScanStruct stores the row's values into the struct dst points to, each
// column into the field of its name: the field's `db` tag (`db:"-"` skips
// it), else the field's name in any case; the fields of embedded structs
// count as the struct's own. A column no field names is left out; a field
// whose db tag names no column is ErrNoSuchColumn, and one whose name
// several columns have is ErrInvalidRequest. Values convert as for Scan.
func (r *Row) ScanStruct(dst any) error {
	v := reflect.ValueOf(dst)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return errorf(ErrArgument, "ScanStruct into %T: give a pointer to a struct", dst)
	}
	return r.scanFields(v.Elem())
}

// scanFields fills the fields of the struct sv, embedded structs
// included.
func (r *Row) scanFields(sv reflect.Value) error {
	st := sv.Type()
	for i := range st.NumField() {
		f := st.Field(i)
		tag, tagged := f.Tag.Lookup("db")
		tag, _, _ = strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		fv := sv.Field(i)
		if f.Anonymous && tag == "" {
			if err := r.scanEmbedded(fv); err != nil {
				return err
			}
			continue
		}
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tagged && tag != "" {
			name = tag
		}
		col, err := r.keys.lookup(name)
		if err != nil {
			if isKind(err, ErrNoSuchColumn) && !(tagged && tag != "") {
				continue // an untagged field the query does not select
			}
			return fmt.Errorf("field %s: %w", f.Name, err)
		}
		if err := assignValue(fv, r.vals[col]); err != nil {
			return errorf(ErrArgument, "field %s, column %s: %w", f.Name, r.keys.names[col], err)
		}
	}
	return nil
}

// scanEmbedded fills an embedded struct, or a pointer to one (allocated
// when nil).
func (r *Row) scanEmbedded(fv reflect.Value) error {
	switch {
	case fv.Kind() == reflect.Struct:
		return r.scanFields(fv)
	case fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Struct && fv.CanSet():
		if fv.IsNil() {
			fv.Set(reflect.New(fv.Type().Elem()))
		}
		return r.scanFields(fv.Elem())
	}
	return nil
}
