package types_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// paramColumn is the result column a parameter's type reads back as.
func paramColumn(p wire.StmtParam) *types.Column {
	switch {
	case p.Type == wire.TypeBlob:
		return binCol(p.Type)
	case p.Unsigned:
		return col(p.Type, unsigned)
	case p.Type == wire.TypeDateTime || p.Type == wire.TypeTime:
		return withDecimals(col(p.Type, 0), 6)
	}
	return col(p.Type, 0)
}

// decodeParam reads a parameter's bytes back as a one-column binary row of
// column c, as the server would send the value.
func decodeParam(t *testing.T, p wire.StmtParam, c *types.Column, opt *types.Options) any {
	t.Helper()
	row := binaryRow(p.Value)
	if p.Null {
		row = binaryRow(nil)
	}
	vals, err := types.SplitBinaryRow(nil, row, []types.Column{*c})
	if err != nil {
		t.Fatalf("SplitBinaryRow of %x: %v", row, err)
	}
	got, err := types.DecodeBinary(c, vals[0], vals[0] == nil, opt)
	if err != nil {
		t.Fatalf("DecodeBinary of %x: %v", vals[0], err)
	}
	return got
}

type paramStatus string
type level int16

func TestBinaryParamRoundTrip(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, mo, d, h, mi, s, ns, time.UTC)
	}
	str := "x"
	tests := []struct {
		in       any
		typ      wire.FieldType
		unsigned bool
		want     any // the natural value read back
		size     int // the encoding's size, 0 to skip
	}{
		{true, wire.TypeTiny, false, int64(1), 1},
		{false, wire.TypeTiny, false, int64(0), 1},
		{int8(math.MinInt8), wire.TypeTiny, false, int64(math.MinInt8), 1},
		{int16(math.MaxInt16), wire.TypeShort, false, int64(math.MaxInt16), 2},
		{int32(math.MinInt32), wire.TypeLong, false, int64(math.MinInt32), 4},
		{int64(math.MinInt64), wire.TypeLongLong, false, int64(math.MinInt64), 8},
		{int64(math.MaxInt64), wire.TypeLongLong, false, int64(math.MaxInt64), 8},
		{int(-42), wire.TypeLongLong, false, int64(-42), 8},
		{uint8(math.MaxUint8), wire.TypeTiny, true, uint64(math.MaxUint8), 1},
		{uint16(math.MaxUint16), wire.TypeShort, true, uint64(math.MaxUint16), 2},
		{uint32(math.MaxUint32), wire.TypeLong, true, uint64(math.MaxUint32), 4},
		{uint64(math.MaxUint64), wire.TypeLongLong, true, uint64(math.MaxUint64), 8},
		{uint(7), wire.TypeLongLong, true, uint64(7), 8},
		{uintptr(9), wire.TypeLongLong, true, uint64(9), 8},
		{float32(0.1), wire.TypeFloat, false, float32(0.1), 4},
		{float32(-math.MaxFloat32), wire.TypeFloat, false, float32(-math.MaxFloat32), 4},
		{0.1, wire.TypeDouble, false, 0.1, 8},
		{math.SmallestNonzeroFloat64, wire.TypeDouble, false, math.SmallestNonzeroFloat64, 8},
		{"", wire.TypeVarString, false, "", 1},
		{"名前 😀", wire.TypeVarString, false, "名前 😀", 1 + len("名前 😀")},
		{"-1234.50", wire.TypeVarString, false, "-1234.50", 9},
		{[]byte{}, wire.TypeBlob, false, []byte{}, 1},
		{[]byte{0, 0xff, '\\', '\''}, wire.TypeBlob, false, []byte{0, 0xff, '\\', '\''}, 5},
		{[3]byte{1, 2, 3}, wire.TypeBlob, false, []byte{1, 2, 3}, 4},
		{types.RawBytes("raw"), wire.TypeBlob, false, []byte("raw"), 4},
		{sql.RawBytes("raw"), wire.TypeBlob, false, []byte("raw"), 4},
		{json.RawMessage(`{"a":1}`), wire.TypeVarString, false, `{"a":1}`, 8},
		{time.Time{}, wire.TypeDateTime, false, time.Time{}, 1},
		{utc(2024, 1, 2, 0, 0, 0, 0), wire.TypeDateTime, false, utc(2024, 1, 2, 0, 0, 0, 0), 5},
		{utc(2024, 1, 2, 3, 4, 5, 0), wire.TypeDateTime, false, utc(2024, 1, 2, 3, 4, 5, 0), 8},
		{utc(2024, 1, 2, 3, 4, 5, 123456789), wire.TypeDateTime, false, utc(2024, 1, 2, 3, 4, 5, 123456000), 12},
		{utc(2024, 1, 2, 0, 0, 0, 1000), wire.TypeDateTime, false, utc(2024, 1, 2, 0, 0, 0, 1000), 12},
		{utc(1969, 12, 31, 23, 59, 59, 999999000), wire.TypeDateTime, false, utc(1969, 12, 31, 23, 59, 59, 999999000), 12},
		{utc(1000, 1, 1, 0, 0, 0, 0), wire.TypeDateTime, false, utc(1000, 1, 1, 0, 0, 0, 0), 5},
		{utc(0, 1, 1, 0, 0, 1, 0), wire.TypeDateTime, false, utc(0, 1, 1, 0, 0, 1, 0), 8},
		{utc(9999, 12, 31, 23, 59, 59, 999999000), wire.TypeDateTime, false, utc(9999, 12, 31, 23, 59, 59, 999999000), 12},
		{utc(2024, 2, 29, 12, 0, 0, 0), wire.TypeDateTime, false, utc(2024, 2, 29, 12, 0, 0, 0), 8},
		{time.Duration(0), wire.TypeTime, false, time.Duration(0), 1},
		{time.Second, wire.TypeTime, false, time.Second, 9},
		{-time.Second, wire.TypeTime, false, -time.Second, 9},
		{1500 * time.Nanosecond, wire.TypeTime, false, time.Microsecond, 13},
		{-1500 * time.Nanosecond, wire.TypeTime, false, -time.Microsecond, 13},
		{25*time.Hour + 2*time.Minute + 3*time.Second + 4*time.Microsecond, wire.TypeTime, false,
			25*time.Hour + 2*time.Minute + 3*time.Second + 4*time.Microsecond, 13},
		{838*time.Hour + 59*time.Minute + 59*time.Second, wire.TypeTime, false, 838*time.Hour + 59*time.Minute + 59*time.Second, 9},
		{-(838*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond), wire.TypeTime, false,
			-(838*time.Hour + 59*time.Minute + 59*time.Second + 999999*time.Microsecond), 13},
		{&str, wire.TypeVarString, false, "x", 2},
		{paramStatus("active"), wire.TypeVarString, false, "active", 7},
		{level(-3), wire.TypeShort, false, int64(-3), 2},
		{sql.NullString{String: "s", Valid: true}, wire.TypeVarString, false, "s", 2},
		{sql.NullInt32{Int32: -5, Valid: true}, wire.TypeLongLong, false, int64(-5), 8},
		{sql.NullBool{Bool: true, Valid: true}, wire.TypeTiny, false, int64(1), 1},
		{sql.NullFloat64{Float64: 2.5, Valid: true}, wire.TypeDouble, false, 2.5, 8},
		{sql.NullTime{Time: utc(2001, 2, 3, 4, 5, 6, 0), Valid: true}, wire.TypeDateTime, false, utc(2001, 2, 3, 4, 5, 6, 0), 8},
	}
	for _, tt := range tests {
		out, p, err := types.AppendBinaryParam([]byte("prefix"), tt.in, nil)
		if err != nil {
			t.Errorf("%T %v: %v", tt.in, tt.in, err)
			continue
		}
		if string(out[:6]) != "prefix" || !bytesAlias(out[6:], p.Value) {
			t.Errorf("%T %v: Value %x does not alias the appended bytes %x", tt.in, tt.in, p.Value, out[6:])
			continue
		}
		if p.Type != tt.typ || p.Unsigned != tt.unsigned || p.Null || p.LongData {
			t.Errorf("%T %v: param %v unsigned=%v null=%v, want %v unsigned=%v", tt.in, tt.in, p.Type, p.Unsigned, p.Null, tt.typ, tt.unsigned)
			continue
		}
		if tt.size != 0 && len(p.Value) != tt.size {
			t.Errorf("%T %v: %d bytes %x, want %d", tt.in, tt.in, len(p.Value), p.Value, tt.size)
		}
		if got := decodeParam(t, p, paramColumn(p), nil); !equal(got, tt.want) {
			t.Errorf("%T %v: read back %#v (%T), want %#v", tt.in, tt.in, got, got, tt.want)
		}
		// The same bytes scanned into the Go type they came from.
		if dest, ok := scannable(tt.in); ok {
			vals, _ := types.SplitBinaryRow(nil, binaryRow(p.Value), []types.Column{*paramColumn(p)})
			if err := types.ScanBinary(paramColumn(p), vals[0], false, dest.Interface(), nil); err != nil {
				t.Errorf("%T %v: ScanBinary: %v", tt.in, tt.in, err)
			} else if got := dest.Elem().Interface(); !equal(got, roundedIn(tt.in)) {
				t.Errorf("%T %v: scanned %#v", tt.in, tt.in, got)
			}
		}
	}
}

// bytesAlias reports whether a and b are the same bytes of one array.
func bytesAlias(a, b []byte) bool {
	return len(a) == len(b) && len(a) > 0 && &a[0] == &b[0] && cap(b) == len(b)
}

// scannable returns a new *T for the input's type T when ScanBinary has a
// conversion to T from the parameter's column.
func scannable(in any) (reflect.Value, bool) {
	switch in.(type) {
	case bool, int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint,
		float32, float64, string, []byte, time.Time, time.Duration, paramStatus,
		sql.NullString, sql.NullInt32, sql.NullBool, sql.NullFloat64, sql.NullTime:
		return reflect.New(reflect.TypeOf(in)), true
	}
	return reflect.Value{}, false
}

// roundedIn is what the binary encoding keeps of a value: times and
// durations to the microsecond.
func roundedIn(in any) any {
	switch x := in.(type) {
	case time.Time:
		if x.IsZero() {
			return x
		}
		return x.Truncate(time.Microsecond)
	case time.Duration:
		return x - x%time.Microsecond
	}
	return in
}

func TestBinaryParamNull(t *testing.T) {
	var nilInt *int
	var nilValuer *sql.NullString
	for _, in := range []any{nil, nilInt, []byte(nil), json.RawMessage(nil), types.RawBytes(nil), nilValuer,
		sql.NullString{}, sql.NullInt64{}, sql.NullTime{}, &nilInt} {
		out, p, err := types.AppendBinaryParam([]byte("x"), in, nil)
		if err != nil || !p.Null || p.Value != nil || p.Type != wire.TypeNull || string(out) != "x" {
			t.Errorf("%T %v: %x %+v %v; want NULL and nothing appended", in, in, out, p, err)
			continue
		}
		if got := decodeParam(t, p, col(wire.TypeVarString, 0), nil); got != nil {
			t.Errorf("%T: read back %v", in, got)
		}
	}
	// An empty string is not NULL.
	if _, p, err := types.AppendBinaryParam(nil, "", nil); err != nil || p.Null || string(p.Value) != "\x00" {
		t.Errorf("empty string: %+v, %v", p, err)
	}
}

func TestBinaryParamTimeOptions(t *testing.T) {
	ny := mustLoad(t, "America/New_York")
	in := time.Date(2024, 7, 1, 12, 30, 15, 987654321, time.UTC)
	o := &types.LiteralOptions{Location: ny}
	_, p, err := types.AppendBinaryParam(nil, in, o)
	if err != nil {
		t.Fatal(err)
	}
	// Written as New York's wall clock: 08:30:15.987654 (0x0f1206).
	if want := []byte{11, 0xe8, 0x07, 7, 1, 8, 30, 15, 0x06, 0x12, 0x0f, 0x00}; !reflect.DeepEqual(p.Value, want) {
		t.Fatalf("encoded %x, want %x", p.Value, want)
	}
	got := decodeParam(t, p, paramColumn(p), &types.Options{Location: ny})
	if tm, ok := got.(time.Time); !ok || !tm.Equal(in.Truncate(time.Microsecond)) || tm.Location() != ny {
		t.Fatalf("read back %v", got)
	}
	for _, tc := range []struct {
		truncate time.Duration
		want     time.Time
		size     int
	}{
		{time.Millisecond, in.Truncate(time.Millisecond), 12},
		{time.Second, in.Truncate(time.Second), 8},
		{24 * time.Hour, time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), 5},
	} {
		_, p, err := types.AppendBinaryParam(nil, in, &types.LiteralOptions{TimeTruncate: tc.truncate})
		if err != nil || len(p.Value) != tc.size {
			t.Errorf("TimeTruncate %v: %x, %v; want %d bytes", tc.truncate, p.Value, err, tc.size)
			continue
		}
		if got := decodeParam(t, p, paramColumn(p), nil); !equal(got, tc.want) {
			t.Errorf("TimeTruncate %v: read back %v, want %v", tc.truncate, got, tc.want)
		}
	}
	// The zero time stays the zero date whatever the options.
	if _, p, err := types.AppendBinaryParam(nil, time.Time{}, &types.LiteralOptions{Location: ny, TimeTruncate: time.Hour}); err != nil || string(p.Value) != "\x00" {
		t.Errorf("zero time: %x, %v", p.Value, err)
	}
}

func TestBinaryParamDecimalAndJSON(t *testing.T) {
	// A decimal string reads back exactly from a DECIMAL column.
	_, p, _ := types.AppendBinaryParam(nil, "-99999999999999999999.000000000000000001", nil)
	if got := decodeParam(t, p, withDecimals(col(wire.TypeNewDecimal, 0), 18), nil); got != "-99999999999999999999.000000000000000001" {
		t.Errorf("decimal read back %#v", got)
	}
	// JSON read back from a JSON column is the same bytes.
	_, p, _ = types.AppendBinaryParam(nil, json.RawMessage(`[1,"a"]`), nil)
	got := decodeParam(t, p, binCol(wire.TypeJSON), nil)
	if raw, ok := got.(json.RawMessage); !ok || string(raw) != `[1,"a"]` {
		t.Errorf("JSON read back %#v", got)
	}
}

func TestBinaryParamLarge(t *testing.T) {
	// Around the 3- and 8-byte length prefixes (16 MiB).
	for _, n := range []int{250, 251, 1<<16 - 1, 1 << 16, 1<<24 - 1, 1 << 24} {
		s := strings.Repeat("a", n)
		_, p, err := types.AppendBinaryParam(nil, s, nil)
		if err != nil || len(p.Value) != wire.LenEncIntSize(uint64(n))+n {
			t.Fatalf("%d bytes: %d encoded, %v", n, len(p.Value), err)
		}
		if got := decodeParam(t, p, paramColumn(p), nil); got != s {
			t.Fatalf("%d bytes: read back %d bytes", n, len(got.(string)))
		}
	}
}

type failingValuer struct{}

var errValuer = errors.New("valuer failed")

func (failingValuer) Value() (driver.Value, error) { return nil, errValuer }

type selfValuer struct{}

func (s selfValuer) Value() (driver.Value, error) { return s, nil }

func TestBinaryParamErrors(t *testing.T) {
	ch := make(chan int)
	tests := []struct {
		in   any
		want error
	}{
		{math.NaN(), types.ErrNotFinite},
		{math.Inf(1), types.ErrNotFinite},
		{float32(math.Inf(-1)), types.ErrNotFinite},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), types.ErrRange},
		{time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), types.ErrRange},
		{839 * time.Hour, types.ErrRange},
		{-839 * time.Hour, types.ErrRange},
		{[]int{1, 2}, types.ErrUnsupported},
		{[]any{1}, types.ErrUnsupported},
		{[]string{"a"}, types.ErrUnsupported},
		{struct{}{}, types.ErrUnsupported},
		{map[string]int{}, types.ErrUnsupported},
		{ch, types.ErrUnsupported},
		{complex(1, 2), types.ErrUnsupported},
		{failingValuer{}, errValuer},
		{selfValuer{}, types.ErrUnsupported}, // nested too deeply
	}
	for _, tt := range tests {
		out, p, err := types.AppendBinaryParam([]byte("x"), tt.in, nil)
		wantErr(t, err, tt.want)
		var le *types.LiteralError
		if !errors.As(err, &le) || string(out) != "x" || !reflect.DeepEqual(p, wire.StmtParam{}) {
			t.Errorf("%T: %x %+v %v; want a *LiteralError and nothing appended", tt.in, out, p, err)
		}
		// AppendLiteral agrees on what is unsupported.
		if errors.Is(err, types.ErrUnsupported) && !isList(tt.in) {
			if _, lerr := types.AppendLiteral(nil, tt.in, nil); !errors.Is(lerr, types.ErrUnsupported) {
				t.Errorf("%T: AppendLiteral gives %v", tt.in, lerr)
			}
		}
	}
}

func isList(v any) bool {
	k := reflect.ValueOf(v).Kind()
	return k == reflect.Slice || k == reflect.Array
}

func TestBinaryParamOneBuffer(t *testing.T) {
	// Many parameters into one buffer: each Value stays intact as the
	// buffer grows, and with room enough nothing is allocated.
	ins := []any{int64(1), "two", 3.0, []byte("four"), int8(5)}
	var buf []byte
	params := make([]wire.StmtParam, len(ins))
	for i, in := range ins {
		var err error
		if buf, params[i], err = types.AppendBinaryParam(buf, in, nil); err != nil {
			t.Fatal(err)
		}
	}
	var joined []byte
	for _, p := range params {
		joined = append(joined, p.Value...)
	}
	if !reflect.DeepEqual(joined, buf) {
		t.Fatalf("values %x, buffer %x", joined, buf)
	}
	buf = make([]byte, 0, 256)
	var v1, v2, v3 any = int64(42), "hello", time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC)
	allocs := testing.AllocsPerRun(100, func() {
		b := buf[:0]
		b, _, _ = types.AppendBinaryParam(b, v1, nil)
		b, _, _ = types.AppendBinaryParam(b, v2, nil)
		_, _, _ = types.AppendBinaryParam(b, v3, nil)
	})
	if allocs != 0 {
		t.Errorf("AppendBinaryParam allocates %v times into a large enough buffer", allocs)
	}
}

// The encoded parameters make a valid COM_STMT_EXECUTE.
func TestBinaryParamsInExecute(t *testing.T) {
	ins := []any{nil, int32(-1), "s", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), -time.Hour, []byte{}, uint64(1)}
	var buf []byte
	e := wire.ComStmtExecute{StatementID: 1, SendTypes: true, Params: make([]wire.StmtParam, len(ins))}
	for i, in := range ins {
		var err error
		if buf, e.Params[i], err = types.AppendBinaryParam(buf, in, nil); err != nil {
			t.Fatal(err)
		}
	}
	pkt, err := e.Encode(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var back wire.ComStmtExecute
	if err := back.Decode(pkt, 0, len(ins), nil); err != nil {
		t.Fatal(err)
	}
	e.Iterations = 1
	if !reflect.DeepEqual(back, e) {
		t.Fatalf("decoded %+v, want %+v", back, e)
	}
}
