package types_test

import (
	"database/sql"
	"encoding/json"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestNullIntoEveryDestination(t *testing.T) {
	c := col(wire.TypeLong, 0)
	one := 1
	type myInt int
	var (
		b       = []byte("x")
		rb      = types.RawBytes("x")
		srb     = sql.RawBytes("x")
		js      = json.RawMessage("1")
		a   any = 5
		pi      = &one
		ss      = []string{"x"}
		fs      = []float32{1}
		m       = map[string]int{"x": 1}
		ni      = sql.NullInt64{Int64: 5, Valid: true}
		ns      = sql.NullString{String: "x", Valid: true}
		nt      = sql.NullTime{Time: time.Now(), Valid: true}
		nb      = sql.NullBool{Bool: true, Valid: true}
		nf      = sql.NullFloat64{Float64: 1, Valid: true}
		gn      = sql.Null[uint64]{V: 1, Valid: true}
		rec     = recorder{got: "before"}
	)
	nilOK := []struct {
		name  string
		dest  any
		isNil func() bool
	}{
		{"[]byte", &b, func() bool { return b == nil }},
		{"RawBytes", &rb, func() bool { return rb == nil }},
		{"sql.RawBytes", &srb, func() bool { return srb == nil }},
		{"json.RawMessage", &js, func() bool { return js == nil }},
		{"any", &a, func() bool { return a == nil }},
		{"**int", &pi, func() bool { return pi == nil }},
		{"[]string", &ss, func() bool { return ss == nil }},
		{"[]float32", &fs, func() bool { return fs == nil }},
		{"map", &m, func() bool { return m == nil }},
		{"NullInt64", &ni, func() bool { return !ni.Valid }},
		{"NullString", &ns, func() bool { return !ns.Valid }},
		{"NullTime", &nt, func() bool { return !nt.Valid }},
		{"NullBool", &nb, func() bool { return !nb.Valid }},
		{"NullFloat64", &nf, func() bool { return !nf.Valid }},
		{"Null[uint64]", &gn, func() bool { return !gn.Valid }},
		{"Scanner", &rec, func() bool { return rec.got == nil }},
	}
	for _, tt := range nilOK {
		for _, scan := range []func(any) error{
			func(d any) error { return types.ScanText(c, nil, true, d, nil) },
			func(d any) error { return types.ScanBinary(c, nil, true, d, nil) },
		} {
			if err := scan(tt.dest); err != nil || !tt.isNil() {
				t.Fatalf("NULL into %s: err %v, nil %v", tt.name, err, tt.isNil())
			}
		}
	}
	var (
		i   int64
		s   string
		f   float64
		bo  bool
		tm  time.Time
		d   time.Duration
		mi  myInt
		u8  uint8
		f32 float32
	)
	for _, dest := range []any{&i, &s, &f, &bo, &tm, &d, &mi, &u8, &f32} {
		err := types.ScanText(c, nil, true, dest, nil)
		wantErr(t, err, types.ErrNull)
		if se := err.(*types.ScanError); se.Value != "NULL" {
			t.Fatalf("Value = %q", se.Value)
		}
	}
}
