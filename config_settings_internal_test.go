package aiomysql

import (
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// TestSettingsMirrorsConfig checks that every Config field but Tracer has a
// dsn.Settings field of the same name and kind, that Settings has no other,
// and that settings and configFrom carry each field to the field of its name
// and back: a field that one of them forgets or misplaces fails here.
func TestSettingsMirrorsConfig(t *testing.T) {
	ct, st := reflect.TypeFor[Config](), reflect.TypeFor[dsn.Settings]()
	if ct.NumField() != st.NumField()+1 {
		t.Errorf("Config has %d fields, Settings %d; want one more in Config (Tracer)", ct.NumField(), st.NumField())
	}
	for i := range ct.NumField() {
		f := ct.Field(i)
		if f.Name == "Tracer" {
			continue
		}
		sf, ok := st.FieldByName(f.Name)
		if !ok || sf.Type.Kind() != f.Type.Kind() {
			t.Errorf("Config.%s (%v) has no Settings field of its kind", f.Name, f.Type)
			continue
		}
		// A Config with only this field set, to a value of its own.
		var c Config
		v := reflect.ValueOf(&c).Elem().Field(i)
		setSample(t, v)
		s := c.settings()
		if !sameValue(reflect.ValueOf(s).Elem().FieldByName(f.Name), v) {
			t.Errorf("settings does not carry Config.%s to Settings.%[1]s", f.Name)
		}
		back := configFrom(s, nil)
		if !sameValue(reflect.ValueOf(back).Elem().Field(i), v) {
			t.Errorf("Config.%s does not survive settings and configFrom", f.Name)
		}
		for j := range ct.NumField() {
			if j != i && !sameValue(reflect.ValueOf(back).Elem().Field(j), reflect.ValueOf(&c).Elem().Field(j)) {
				t.Errorf("setting Config.%s changed Config.%s on the way", f.Name, ct.Field(j).Name)
			}
		}
	}
	var tracer struct{ QueryTracer }
	if got := configFrom(dsn.New(), &tracer); got.Tracer != &tracer {
		t.Errorf("configFrom lost the tracer")
	}
}

// setSample sets v to a non-zero value of its type.
func setSample(t *testing.T, v reflect.Value) {
	t.Helper()
	switch v.Kind() {
	case reflect.String:
		v.SetString("sample")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(3)
	case reflect.Uint64:
		v.SetUint(3)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		v.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf("v"))
	case reflect.Func:
		v.Set(reflect.MakeFunc(v.Type(), func([]reflect.Value) []reflect.Value { return nil }))
	default:
		t.Fatalf("no sample for a field of kind %v: extend setSample", v.Kind())
	}
}

// sameValue reports whether a and b are the same value: the same pointer,
// slice, map or function, or an equal number (of any integer type, as
// TLSMode and dsn.TLSMode), string or bool.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func:
		return a.Kind() == b.Kind() && a.Pointer() == b.Pointer()
	case reflect.Int, reflect.Int64:
		return b.CanInt() && a.Int() == b.Int()
	}
	return a.Equal(b)
}
