package aiomysql_test

import (
	"database/sql"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// rootConn connects as root to the shared test server.
func rootConn(t *testing.T) *aiomysql.Conn {
	t.Helper()
	return rootConnWith(t, func(*aiomysql.Config) {})
}

// rootConnWith is rootConn with the Config changed by configure first.
func rootConnWith(t *testing.T, configure func(*aiomysql.Config)) *aiomysql.Conn {
	t.Helper()
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	configure(cfg)
	return connectT(t, cfg)
}

// TestTypesRoundTrip reads every column type at its edges from the server and
// checks its natural Go value (Values) and a typed Scan.
func TestTypesRoundTrip(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	must := func(q string) {
		t.Helper()
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	must("DROP TABLE IF EXISTS types_rt")
	must("SET time_zone = '+00:00'")
	dt := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04:05.999999", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cases := []struct {
		decl, literal string
		want          any // natural value from Values()
	}{
		{"TINYINT", "-128", int64(-128)},
		{"TINYINT", "127", int64(127)},
		{"TINYINT UNSIGNED", "255", uint64(255)},
		{"SMALLINT", "-32768", int64(-32768)},
		{"SMALLINT UNSIGNED", "65535", uint64(65535)},
		{"MEDIUMINT", "-8388608", int64(-8388608)},
		{"MEDIUMINT UNSIGNED", "16777215", uint64(16777215)},
		{"INT", "-2147483648", int64(math.MinInt32)},
		{"INT UNSIGNED", "4294967295", uint64(math.MaxUint32)},
		{"BIGINT", "-9223372036854775808", int64(math.MinInt64)},
		{"BIGINT", "9223372036854775807", int64(math.MaxInt64)},
		{"BIGINT UNSIGNED", "18446744073709551615", uint64(math.MaxUint64)},
		{"YEAR", "2155", int64(2155)},
		{"DOUBLE", "0.1", 0.1},
		{"DOUBLE", "1.7976931348623157e308", math.MaxFloat64},
		{"DOUBLE", "5e-324", 5e-324},
		{"DECIMAL(65,30)", "'-12345678901234567890123456789012345.123456789012345678901234567890'",
			"-12345678901234567890123456789012345.123456789012345678901234567890"},
		{"DECIMAL(5,2)", "'0.10'", "0.10"},
		{"DATE", "'1000-01-01'", dt("1000-01-01 00:00:00")},
		{"DATE", "'9999-12-31'", dt("9999-12-31 00:00:00")},
		{"DATETIME(6)", "'2024-02-29 23:59:59.999999'", dt("2024-02-29 23:59:59.999999")},
		{"DATETIME(3)", "'2024-01-02 03:04:05.678'", dt("2024-01-02 03:04:05.678")},
		{"DATETIME", "'0000-00-00 00:00:00'", time.Time{}},
		{"DATE", "'0000-00-00'", time.Time{}},
		{"TIMESTAMP(6) NULL", "'2038-01-19 03:14:07.999999'", dt("2038-01-19 03:14:07.999999")},
		{"TIME(6)", "'-838:59:59.000000'", -(838*time.Hour + 59*time.Minute + 59*time.Second)},
		{"TIME(6)", "'838:59:59.000000'", 838*time.Hour + 59*time.Minute + 59*time.Second},
		{"TIME(6)", "'-00:00:01.5'", -1500 * time.Millisecond},
		{"TIME", "'100:00:00'", 100 * time.Hour},
		{"BIT(1)", "b'1'", uint64(1)},
		{"BIT(64)", "b'1111111111111111111111111111111111111111111111111111111111111111'", uint64(math.MaxUint64)},
		{"VARCHAR(20)", "'héllo 𝄞 😀'", "héllo 𝄞 😀"},
		{"TEXT", "'text'", "text"},
		{"CHAR(3)", "'ab'", "ab"},
		{"VARBINARY(10)", "x'00ff10'", []byte{0, 0xff, 0x10}},
		{"BLOB", "x'deadbeef'", []byte{0xde, 0xad, 0xbe, 0xef}},
		{"BINARY(3)", "x'0102'", []byte{1, 2, 0}},
		{"JSON", `'{"k": "😀 \\u00e9", "n": [1, 2.5]}'`, json.RawMessage(`{"k": "😀 \u00e9", "n": [1, 2.5]}`)},
		{"ENUM('a','b')", "'b'", "b"},
		{"SET('x','y','z')", "'x,z'", "x,z"},
		{"INT", "NULL", nil},
		// GEOMETRY arrives as the server stores it: a 4-byte SRID, then WKB.
		{"GEOMETRY", "ST_GeomFromText('POINT(1 2)', 4326)", []byte{
			0xE6, 0x10, 0, 0, // SRID 4326
			1, 1, 0, 0, 0, // little-endian WKB, type 1 (point)
			0, 0, 0, 0, 0, 0, 0xF0, 0x3F, // x = 1.0
			0, 0, 0, 0, 0, 0, 0, 0x40, // y = 2.0
		}},
	}
	for i, tc := range cases {
		col := "c"
		must("DROP TABLE IF EXISTS types_rt")
		must("CREATE TABLE types_rt (" + col + " " + tc.decl + ")")
		must("INSERT INTO types_rt VALUES (" + tc.literal + ")")
		rows, err := c.Query(ctx, "SELECT c FROM types_rt")
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatalf("case %d %s: no row: %v", i, tc.decl, rows.Err())
		}
		vals, err := rows.Values()
		if err != nil {
			t.Errorf("case %d %s %s: Values: %v", i, tc.decl, tc.literal, err)
		} else if !reflect.DeepEqual(vals[0], tc.want) {
			t.Errorf("case %d %s %s: got %#v (%T), want %#v (%T)", i, tc.decl, tc.literal, vals[0], vals[0], tc.want, tc.want)
		}
		// The same value scanned into *any and into its natural type.
		var anyV any
		if err := rows.Scan(&anyV); err != nil || !reflect.DeepEqual(anyV, tc.want) {
			t.Errorf("case %d %s: Scan(*any) = %#v, %v", i, tc.decl, anyV, err)
		}
		if tc.want != nil {
			dst := reflect.New(reflect.TypeOf(tc.want))
			if err := rows.Scan(dst.Interface()); err != nil || !reflect.DeepEqual(dst.Elem().Interface(), tc.want) {
				t.Errorf("case %d %s: Scan(%T) = %#v, %v", i, tc.decl, dst.Interface(), dst.Elem().Interface(), err)
			}
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestScanDestinations scans one row into every destination type a user
// would pass, including the overflow and NULL errors.
func TestScanDestinations(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	const q = "SELECT 300, -1, 42, CAST(18446744073709551615 AS UNSIGNED), 1.5e0, 'text', x'0001', NULL, 1, '2024-05-06 07:08:09.5', TIME'-25:00:00', '12.50'"
	row := func() *aiomysql.Rows {
		t.Helper()
		rows, err := c.Query(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !rows.Next() {
			t.Fatal(rows.Err())
		}
		t.Cleanup(func() { rows.Close() })
		return rows
	}
	var (
		i16  int16
		i8   int8
		u8   uint8
		u64  uint64
		i    int
		f32  float32
		f64  float64
		s    string
		b    []byte
		raw  aiomysql.RawBytes
		ns   sql.NullString
		ni   sql.NullInt64
		pi   *int
		bl   bool
		tm   time.Time
		dur  time.Duration
		js   json.RawMessage
		anyv any
	)
	r := row()
	if err := r.Scan(&i16, &i, &u8, &u64, &f64, &s, &b, &ns, &bl, &tm, &dur, &anyv); err != nil {
		t.Fatal(err)
	}
	if i16 != 300 || i != -1 || u8 != 42 || u64 != math.MaxUint64 || f64 != 1.5 || s != "text" ||
		!reflect.DeepEqual(b, []byte{0, 1}) || ns.Valid || !bl ||
		!tm.Equal(time.Date(2024, 5, 6, 7, 8, 9, 500000000, time.UTC)) || dur != -25*time.Hour || anyv != "12.50" {
		t.Errorf("scanned %v %v %v %v %v %q %v %v %v %v %v %#v", i16, i, u8, u64, f64, s, b, ns, bl, tm, dur, anyv)
	}
	if err := r.Scan(&i8, &i, &u8, &u64, &f32, &raw, &js, &ni, &bl, &tm, &dur, &s); !errors.Is(err, aiomysql.ErrScanRange) {
		t.Errorf("300 into int8: %v, want ErrScanRange", err)
	}
	if err := r.Scan(&i16, &u8, &u8, &u64, &f32, &raw, &js, &ni, &bl, &tm, &dur, &s); !errors.Is(err, aiomysql.ErrScanRange) {
		t.Errorf("-1 into uint8: %v, want ErrScanRange", err)
	}
	if err := r.Scan(&i16, &i, &u8, &i, &f32, &raw, &js, &ni, &bl, &tm, &dur, &s); !errors.Is(err, aiomysql.ErrScanRange) {
		t.Errorf("max uint64 into int: %v, want ErrScanRange", err)
	}
	if err := r.Scan(&i16, &i, &u8, &u64, &f32, &raw, &js, &s, &bl, &tm, &dur, &s); !errors.Is(err, aiomysql.ErrScanNull) {
		t.Errorf("NULL into string: %v, want ErrScanNull", err)
	}
	if err := r.Scan(&i16, &i, &u8, &u64, &f32, &raw, &js, &pi, &bl, &tm, &dur, &f64); err != nil {
		t.Fatal(err)
	}
	if pi != nil || f32 != 1.5 || string(raw) != "text" || string(js) != "\x00\x01" || f64 != 12.5 {
		t.Errorf("pointer %v, float32 %v, raw %q, json %q, decimal as float %v", pi, f32, raw, js, f64)
	}
	var sc scanCounter
	if err := r.Scan(&sc, &sc, &sc, &sc, &sc, &sc, &sc, &sc, &sc, &sc, &sc, &sc); err != nil || sc.n != 12 || sc.nulls != 1 {
		t.Errorf("sql.Scanner: %d calls, %d NULLs, %v", sc.n, sc.nulls, err)
	}
}

type scanCounter struct{ n, nulls int }

func (s *scanCounter) Scan(v any) error {
	s.n++
	if v == nil {
		s.nulls++
	}
	return nil
}

// TestParamsRoundTrip writes Go values through client-side interpolation
// and through the binary protocol, and reads them back with SELECT ?. The
// two differ where the binary protocol keeps the parameter's type: a
// float32, a time.Time and a time.Duration come back as such, where text
// literals come back as a DOUBLE and strings.
func TestParamsRoundTrip(t *testing.T) {
	for _, mode := range []aiomysql.QueryExecMode{aiomysql.QueryExecModeText, aiomysql.QueryExecModeCacheStatement} {
		t.Run(mode.String(), func(t *testing.T) { testParamsRoundTrip(t, mode) })
	}
}

func testParamsRoundTrip(t *testing.T, mode aiomysql.QueryExecMode) {
	c := rootConn(t)
	ctx := testCtx(t)
	ts := time.Date(2024, 3, 4, 5, 6, 7, 123456000, time.UTC)
	binary := mode != aiomysql.QueryExecModeText
	pick := func(text, bin any) any {
		if binary {
			return bin
		}
		return text
	}
	tests := []struct {
		arg  any
		want any
	}{
		{int8(-128), int64(-128)},
		{uint64(math.MaxUint64), uint64(math.MaxUint64)},
		{math.MaxInt64, int64(math.MaxInt64)},
		{3.25, 3.25},
		{float32(0.5), pick(0.5, float32(0.5))},
		{true, int64(1)},
		{"it's a \"quote\" \\ and \x00 and \x1a 😀", "it's a \"quote\" \\ and \x00 and \x1a 😀"},
		{[]byte{0, 0x5c, 0x27, 0xff}, []byte{0, 0x5c, 0x27, 0xff}},
		{nil, nil},
		{ts, pick("2024-03-04 05:06:07.123456", ts)},
		{-25*time.Hour - 500*time.Millisecond, pick("-25:00:00.5", -25*time.Hour-500*time.Millisecond)},
		{json.RawMessage(`{"a":1}`), `{"a":1}`},
		{sql.NullInt64{Int64: 7, Valid: true}, int64(7)},
		{sql.NullString{}, nil},
	}
	for _, tc := range tests {
		var got any
		if err := c.QueryRow(ctx, "SELECT ?", mode, tc.arg).Scan(&got); err != nil {
			t.Errorf("SELECT ? with %#v: %v", tc.arg, err)
			continue
		}
		if bs, ok := got.([]byte); ok {
			if _, want := tc.want.([]byte); !want {
				got = string(bs)
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SELECT ? with %#v = %#v (%T), want %#v", tc.arg, got, got, tc.want)
		}
	}
	for _, bad := range []any{math.NaN(), math.Inf(1), []int{}} {
		if _, err := c.Exec(ctx, "SELECT ?", mode, bad); err == nil {
			t.Errorf("SELECT ? with %v succeeded", bad)
		}
	}
	var n int64
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT 1 AS v UNION SELECT 2 UNION SELECT 3) t WHERE v IN ?", mode, []int{1, 3}).Scan(&n); err != nil || n != 2 {
		t.Errorf("IN with a slice: %d, %v", n, err)
	}
}
