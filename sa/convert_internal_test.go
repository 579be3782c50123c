package sa

import (
	"database/sql"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"
)

// status is a named string type, as models declare enums.
type status string

func TestAssign(t *testing.T) {
	now := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cases := []struct {
		name string
		src  any
		dest any // a pointer to a zero value
		want any // what *dest holds after
	}{
		{"int64 to int", int64(7), new(int), 7},
		{"int64 to uint8", int64(255), new(uint8), uint8(255)},
		{"int64 to float", int64(3), new(float64), 3.0},
		{"int64 to bool", int64(1), new(bool), true},
		{"int64 to string", int64(-4), new(string), "-4"},
		{"uint64 to int64", uint64(9), new(int64), int64(9)},
		{"uint64 to string", uint64(math.MaxUint64), new(string), "18446744073709551615"},
		{"string to bytes", "x", new([]byte), []byte("x")},
		{"bytes to string", []byte("y"), new(string), "y"},
		{"decimal to float", "2.5", new(float64), 2.5},
		{"decimal to int", "12", new(int32), int32(12)},
		{"text to named string", "on", new(status), status("on")},
		{"float32 to float64", float32(1.5), new(float64), 1.5},
		{"time", now, new(time.Time), now},
		{"NULL to pointer", nil, new(*int), (*int)(nil)},
		{"value to pointer", int64(5), new(*int), func() *int { v := 5; return &v }()},
		{"NULL to NullString", nil, new(sql.NullString), sql.NullString{}},
		{"text to NullString", "z", new(sql.NullString), sql.NullString{String: "z", Valid: true}},
		{"uint64 to NullInt64", uint64(3), new(sql.NullInt64), sql.NullInt64{Int64: 3, Valid: true}},
		{"json to RawMessage", json.RawMessage(`{}`), new(json.RawMessage), json.RawMessage(`{}`)},
		{"any", int64(1), new(any), int64(1)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := assign(c.dest, c.src); err != nil {
				t.Fatal(err)
			}
			if got := reflect.ValueOf(c.dest).Elem().Interface(); !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %#v, want %#v", got, c.want)
			}
		})
	}
}

func TestAssignRefuses(t *testing.T) {
	cases := []struct {
		name string
		src  any
		dest any
	}{
		{"overflow", int64(300), new(int8)},
		{"negative to uint", int64(-1), new(uint)},
		{"big uint to int64", uint64(math.MaxUint64), new(int64)},
		{"NULL to int", nil, new(int)},
		{"text to int", "abc", new(int)},
		{"float to int", 1.5, new(int)},
		{"int to time", int64(1), new(time.Time)},
		{"2 to bool", int64(2), new(bool)},
		{"not a pointer", int64(1), 0},
		{"nil", int64(1), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := assign(c.dest, c.src); err == nil {
				t.Fatalf("assign %T %v into %T succeeded", c.src, c.src, c.dest)
			}
		})
	}
}
