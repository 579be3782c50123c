package aiomysql_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// typeCase is a column declaration and its values as SQL literals.
type typeCase struct {
	decl   string
	values []string
}

// typesTable is every column type of the type layer with its edge values
// as SQL literals. Each column gets its values in rows 0, 1, …; the rows it
// has no value for, and one last row, hold NULL.
//
// FLOAT values have at most six significant digits: the server prints a
// FLOAT in the text protocol with six, so a FLOAT with more (16777216)
// reads differently through the two protocols as a number, the binary one
// exactly and the text one rounded (16777200), and no decoder can undo
// that; as text the two agree.
var typesTable = []typeCase{
	{"TINYINT", []string{"-128", "127", "0", "1", "-1"}},
	{"TINYINT UNSIGNED", []string{"0", "255", "1"}},
	{"SMALLINT", []string{"-32768", "32767", "0"}},
	{"SMALLINT UNSIGNED", []string{"0", "65535"}},
	{"MEDIUMINT", []string{"-8388608", "8388607", "0"}},
	{"MEDIUMINT UNSIGNED", []string{"0", "16777215"}},
	{"INT", []string{"-2147483648", "2147483647", "0"}},
	{"INT UNSIGNED", []string{"0", "4294967295"}},
	{"BIGINT", []string{"-9223372036854775808", "9223372036854775807", "0"}},
	{"BIGINT UNSIGNED", []string{"0", "9223372036854775807", "9223372036854775808", "18446744073709551615"}},
	{"INT(5) ZEROFILL", []string{"42", "0", "4294967295"}},
	{"BIGINT ZEROFILL", []string{"1", "18446744073709551615"}},
	{"TINYINT(1)", []string{"1", "0", "2"}},
	{"SMALLINT(3) ZEROFILL", []string{"12345", "7", "0"}},
	{"TINYINT UNSIGNED ZEROFILL", []string{"255", "1"}},
	{"FLOAT", []string{"0", "-0e0", "1.5", "-2.25", "0.1", "3e38", "-3e38", "1e-38", "1e-45", "16777200", "1e6", "123456", "1e-5",
		"1e14", "1e15", "1e-14", "1e-15", "1e-16", "0.000123456", "-0.5", "100"}},
	{"FLOAT UNSIGNED", []string{"0", "1.5"}},
	{"FLOAT(7,3)", []string{"1.5", "-9999.999", "0", "-0e0", "0.0005", "-0.0005"}},
	{"FLOAT ZEROFILL", []string{"1.5", "3e38", "0"}},
	{"FLOAT(7,3) ZEROFILL", []string{"1.5", "0"}},
	{"DOUBLE", []string{"0", "-0e0", "1.5", "-2.25e300", "0.1", "1.7976931348623157e308", "-1.7976931348623157e308",
		"2.2250738585072014e-308", "5e-324", "9007199254740993", "1e15", "1e16", "123456789012345678", "1e-5", "0.0001",
		"9223372036854775807", "18446744073709551615", "-9223372036854775808",
		"1e14", "1e-14", "1e-15", "1e-16", "1234567890123456.7", "0.000123456789", "123.456", "-0.00001", "1e100", "1e-100"}},
	{"DOUBLE(10,2)", []string{"1.5", "-99999999.99", "0", "-0e0", "0.125", "0.375", "-0.005"}},
	{"DOUBLE ZEROFILL", []string{"1.5", "1e300", "0", "1e-5"}},
	{"DOUBLE(10,2) ZEROFILL", []string{"1.5", "0"}},
	{"DOUBLE(30,20)", []string{"0.1", "1e-20", "0.30000000000000004", "1e0/3", "3e-17", "1.2345678901234567e-5", "-1234567890.0987654321"}},
	{"FLOAT(20,10)", []string{"0.1", "1.1", "-3.5", "1e-10"}},
	{"DECIMAL(65,30)", []string{"'-12345678901234567890123456789012345.123456789012345678901234567890'",
		"'99999999999999999999999999999999999.999999999999999999999999999999'", "0", "'0.000000000000000000000000000001'"}},
	{"DECIMAL(20,0)", []string{"'99999999999999999999'", "'-9223372036854775808'", "'9223372036854775807'", "'18446744073709551615'", "0", "1"}},
	{"DECIMAL(5,2)", []string{"'0.10'", "'-999.99'", "'1.00'", "'0.00'", "'-0.50'"}},
	{"DECIMAL(10,4) UNSIGNED ZEROFILL", []string{"'12.5'", "0"}},
	{"BIT(1)", []string{"b'0'", "b'1'"}},
	{"BIT(10)", []string{"b'1010101010'", "b'0'"}},
	{"BIT(64)", []string{"b'0'", "b'1111111111111111111111111111111111111111111111111111111111111111'",
		"b'0111111111111111111111111111111111111111111111111111111111111111'", "b'1'"}},
	{"YEAR", []string{"1901", "2155", "0", "2024"}},
	{"YEAR(2)", []string{"2024", "1970", "0"}},
	{"DATE", []string{"'1000-01-01'", "'9999-12-31'", "'0000-00-00'", "'2024-02-29'", "'1970-01-01'",
		"'2024-00-15'", "'2024-05-00'", "'2023-02-30'", "'0000-01-01'"}},
	{"DATETIME", []string{"'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'", "'0000-00-00 00:00:00'", "'2024-02-29 12:34:56'",
		"'2024-00-15 10:00:00'", "'2023-02-30 01:02:03'"}},
	{"DATETIME(1)", []string{"'2024-01-02 03:04:05.1'", "'9999-12-31 23:59:59.9'", "'2024-01-02 03:04:05'", "'0000-00-00 00:00:00.0'"}},
	{"DATETIME(3)", []string{"'2024-01-02 03:04:05.678'", "'2024-01-02 03:04:05.500'", "'1000-01-01 00:00:00.001'"}},
	{"DATETIME(6)", []string{"'1000-01-01 00:00:00.000000'", "'9999-12-31 23:59:59.999999'", "'0000-00-00 00:00:00.000000'",
		"'2024-02-29 23:59:59.000001'", "'1970-01-01 00:00:00.100000'", "'2024-00-00 00:00:00.5'"}},
	{"TIMESTAMP NULL", []string{"'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'", "'0000-00-00 00:00:00'", "'2024-03-31 02:30:00'",
		"'2024-10-27 02:30:00'", "'2024-10-27 03:30:00'"}},
	{"TIMESTAMP(6) NULL", []string{"'1970-01-01 00:00:01.000000'", "'2038-01-19 03:14:07.999999'", "'0000-00-00 00:00:00.000000'",
		"'2024-10-27 01:30:00.5'", "'2024-10-27 02:59:59.999999'"}},
	{"TIME", []string{"'-838:59:59'", "'838:59:59'", "'00:00:00'", "'100:00:00'", "'-00:00:01'", "'23:59:59'"}},
	{"TIME(1)", []string{"'-00:00:00.5'", "'838:59:59.9'", "'-838:59:59.9'"}},
	{"TIME(6)", []string{"'-838:59:59.000000'", "'838:59:59.999999'", "'-838:59:59.999999'", "'-00:00:01.5'",
		"'00:00:00.000001'", "'00:00:00'", "'12:00:00.123456'"}},
	{"CHAR(3)", []string{"'ab'", "''", "'é€😀'", "'1'", "'-5'", "'1.5'"}},
	{"VARCHAR(40)", []string{"''", "'héllo 𝄞 😀'", "'true'", "'FALSE'", "'42'", "'-9223372036854775809'", "'2024-02-29 12:00:00'",
		"'-25:00:00'", "'a,b,c'", "'0000-00-00'", "' 1'", "'1e3'"}},
	{"TEXT", []string{"''", "'text'", "'日本語'", "'18446744073709551616'"}},
	{"VARCHAR(10) CHARACTER SET latin1", []string{"'café'", "''"}},
	{"BINARY(3)", []string{"x'0102'", "x'000000'", "''", "'12'"}},
	{"VARBINARY(10)", []string{"x'00ff10'", "''", "x'00'", "'7'", "x'0000803f'"}},
	{"BLOB", []string{"x'deadbeef'", "''", "x'00'", "'true'"}},
	{"ENUM('a','b','')", []string{"'a'", "'b'", "''"}},
	{"ENUM('1','0')", []string{"'1'", "'0'"}},
	{"SET('x','y','z')", []string{"'x,z'", "''", "'x,y,z'", "'y'"}},
	{"JSON", []string{`'{"k": "😀 \\u00e9", "n": [1, 2.5]}'`, "'null'", "'[]'", "'1'", "'\"s\"'", "'true'"}},
	{"INET6", []string{"'::1'", "'2001:db8::ff00:42:8329'", "'::'"}},
	{"UUID", []string{"'123e4567-e89b-12d3-a456-426655440000'", "'00000000-0000-0000-0000-000000000000'"}},
	{"GEOMETRY", []string{"ST_GeomFromText('POINT(1 2)', 4326)", "ST_GeomFromText('LINESTRING(0 0, 1 1)')"}},
	{"POINT", []string{"POINT(-1.5, 2)"}},
}

// typesExprs are expressions whose result types a table cannot hold, or
// whose metadata differs from a column's (no fixed fractional digits, a
// NULL type, long values), selected without a table.
//
// A DOUBLE expression with fixed decimals whose value has more, such as
// ROUND(2e0, 1) / 3 (five decimals, 0.6666666666666666), is left out for
// the reason FLOATs have at most six digits: the text protocol sends it
// rounded ('0.66667'), the binary protocol exactly; as text they agree.
var typesExprs = []string{
	"NULL",
	"1.5e0", "-0e0", "1e0/3", "ROUND(1e0/3, 2) / 3", "ROUND(2.345e0, 2)", "ROUND(1e300)",
	"CAST(1.5 AS FLOAT)", "CAST(0.1 AS FLOAT)",
	"1 + 1", "-9223372036854775808", "18446744073709551615", "CAST(-1 AS UNSIGNED)", "~0", "YEAR('2024-05-06')",
	"1/3", "SUM(1)", "AVG(2)", "CAST(1.5 AS DECIMAL(10,4))", "-0.0",
	"b'101'", "0x00ff", "x''", "_binary'abc'", "CONVERT('é' USING latin1)", "'héllo'", "''",
	"REPEAT('a', 300)", "REPEAT(x'00', 70000)", "REPEAT('€', 30000)",
	"DATE'2024-02-29'", "TIMESTAMP'2024-01-02 03:04:05.5'", "CAST('2024-01-02 03:04:05.123' AS DATETIME(3))",
	"STR_TO_DATE('2024-01-02 03:04:05.6', '%Y-%m-%d %H:%i:%s.%f')", "STR_TO_DATE('2024-01-02', '%Y-%m-%d')",
	"STR_TO_DATE('0000-00-00', '%Y-%m-%d')", "FROM_UNIXTIME(1.5)", "DATE'2024-01-31' + INTERVAL 1 MONTH",
	"TIMESTAMP'2024-01-02 03:04:05' + INTERVAL 0.25 SECOND", "MAKEDATE(2024, 60)", "LAST_DAY('2024-02-01')",
	"SEC_TO_TIME(3661.5)", "MAKETIME(838, 59, 59)",
	"TIMEDIFF(TIMESTAMP'2024-01-01 00:00:00', TIMESTAMP'2024-02-01 00:00:00.5')",
	"ADDTIME('10:00:00', '1.5')", "SEC_TO_TIME('3661.25')", "SEC_TO_TIME('3661')", "SEC_TO_TIME(-1.5e0)",
	"FROM_UNIXTIME('1.25')", "FROM_UNIXTIME('1')", "FROM_UNIXTIME('1.1234567')", "MAKETIME(1, 2, '3.5')",
	"TIMESTAMP'2024-01-01 00:00:00' + INTERVAL '1' SECOND", "CONVERT_TZ(FROM_UNIXTIME('1.5'), '+00:00', '+01:00')",
	"GREATEST(TIMESTAMP'2024-01-02 03:04:05.5', DATE'2024-01-01')", "CAST('-00:00:00.5' AS TIME(1))",
	"TIME'-838:59:59.999999'", "ADDTIME(TIME'10:00:00', '1.000001')", "CAST('2024-01-02' AS DATE)",
	"JSON_OBJECT('a', 1, 'b', NULL)", "JSON_EXTRACT('[1, \"x\"]', '$[1]')", "JSON_ARRAY()",
	"POINT(1, 2)", "CAST('::ffff:1.2.3.4' AS INET6)", "CAST('123e4567-e89b-12d3-a456-426655440000' AS UUID)",
	"GREATEST(1, 2.5e0)", "COALESCE(NULL, 7)", "IF(1, DATE'2024-01-01', NULL)", "CAST(NULL AS DATETIME)",
	"'2024-00-15' + INTERVAL 0 DAY", "CAST('2024-01-02 03:04:05.999999' AS DATETIME(6))", "CURRENT_USER() IS NOT NULL",
}

// namedString and the other named types reach the destinations by their
// underlying kind.
type (
	namedString string
	namedInt    int32
	namedUint   uint16
	namedFloat  float64
	namedBool   bool
	namedBytes  []byte
	namedSet    []string
	namedAny    any
)

// recordScanner is a sql.Scanner that keeps what it was given, so that the
// values two protocols hand to Scanners can be compared.
type recordScanner struct{ src any }

func (r *recordScanner) Scan(src any) error {
	if b, ok := src.([]byte); ok {
		src = bytes.Clone(b) // the bytes may alias the row
	}
	r.src = src
	return nil
}

// tableDests is every destination type the type layer accepts; each new
// returns a fresh pointer.
var tableDests = []struct {
	name string
	new  func() any
}{
	{"string", func() any { return new(string) }},
	{"bytes", func() any { return new([]byte) }},
	{"RawBytes", func() any { return new(aiomysql.RawBytes) }},
	{"sql.RawBytes", func() any { return new(sql.RawBytes) }},
	{"json.RawMessage", func() any { return new(json.RawMessage) }},
	{"int64", func() any { return new(int64) }},
	{"int", func() any { return new(int) }},
	{"int32", func() any { return new(int32) }},
	{"int16", func() any { return new(int16) }},
	{"int8", func() any { return new(int8) }},
	{"uint64", func() any { return new(uint64) }},
	{"uint", func() any { return new(uint) }},
	{"uint32", func() any { return new(uint32) }},
	{"uint16", func() any { return new(uint16) }},
	{"uint8", func() any { return new(uint8) }},
	{"float64", func() any { return new(float64) }},
	{"float32", func() any { return new(float32) }},
	{"bool", func() any { return new(bool) }},
	{"time.Time", func() any { return new(time.Time) }},
	{"time.Duration", func() any { return new(time.Duration) }},
	{"[]string", func() any { return new([]string) }},
	{"[]float32", func() any { return new([]float32) }},
	{"any", func() any { return new(any) }},
	{"sql.NullString", func() any { return new(sql.NullString) }},
	{"sql.NullInt64", func() any { return new(sql.NullInt64) }},
	{"sql.NullInt32", func() any { return new(sql.NullInt32) }},
	{"sql.NullInt16", func() any { return new(sql.NullInt16) }},
	{"sql.NullByte", func() any { return new(sql.NullByte) }},
	{"sql.NullFloat64", func() any { return new(sql.NullFloat64) }},
	{"sql.NullBool", func() any { return new(sql.NullBool) }},
	{"sql.NullTime", func() any { return new(sql.NullTime) }},
	{"sql.Null[int64]", func() any { return new(sql.Null[int64]) }},
	{"sql.Null[string]", func() any { return new(sql.Null[string]) }},
	{"sql.Null[time.Time]", func() any { return new(sql.Null[time.Time]) }},
	{"Scanner", func() any { return new(recordScanner) }},
	{"*string", func() any { return new(*string) }},
	{"*int64", func() any { return new(*int64) }},
	{"*int", func() any { return new(*int) }},
	{"*uint8", func() any { return new(*uint8) }},
	{"*float64", func() any { return new(*float64) }},
	{"*bool", func() any { return new(*bool) }},
	{"*time.Time", func() any { return new(*time.Time) }},
	{"*time.Duration", func() any { return new(*time.Duration) }},
	{"*[]byte", func() any { return new(*[]byte) }},
	{"**int64", func() any { return new(**int64) }},
	{"namedString", func() any { return new(namedString) }},
	{"namedInt", func() any { return new(namedInt) }},
	{"namedUint", func() any { return new(namedUint) }},
	{"namedFloat", func() any { return new(namedFloat) }},
	{"namedBool", func() any { return new(namedBool) }},
	{"namedBytes", func() any { return new(namedBytes) }},
	{"namedSet", func() any { return new(namedSet) }},
	{"namedAny", func() any { return new(namedAny) }},
}

// scanErrorKinds are the exported reasons a Scan fails.
var scanErrorKinds = []struct {
	name string
	err  error
}{
	{"ErrScanNull", aiomysql.ErrScanNull},
	{"ErrScanRange", aiomysql.ErrScanRange},
	{"ErrScanSyntax", aiomysql.ErrScanSyntax},
	{"ErrZeroDate", aiomysql.ErrZeroDate},
	{"ErrInvalidDate", aiomysql.ErrInvalidDate},
	{"ErrScanUnsupported", aiomysql.ErrScanUnsupported},
}

// errorKind names the exported reason err wraps, "ok" for nil.
func errorKind(err error) string {
	if err == nil {
		return "ok"
	}
	for _, k := range scanErrorKinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "other error"
}

// snapshot is what dest holds after a Scan, copied so that it outlives the
// row, and printed so that values DeepEqual treats alike (0 and -0, a time
// in two representations) still differ.
func snapshot(dest any) string {
	var v any
	switch d := dest.(type) {
	case *aiomysql.RawBytes:
		v = []byte(bytes.Clone(*d))
	case *sql.RawBytes:
		v = []byte(bytes.Clone(*d))
	case *recordScanner:
		v = d.src
	default:
		v = reflect.ValueOf(dest).Elem().Interface()
	}
	return show(reflect.ValueOf(v))
}

// show prints a value with its type, following pointers and the fields of
// structs (sql.Null*), floats to the bit and times with their zone.
func show(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v.Type().String() + "(nil)"
		}
		return "&" + show(v.Elem())
	case reflect.Float32, reflect.Float64:
		return fmt.Sprintf("%s(%s)", v.Type(), strconv.FormatFloat(v.Float(), 'g', -1, v.Type().Bits()))
	case reflect.Struct:
		if t, ok := v.Interface().(time.Time); ok {
			return "time.Time(" + t.Format(time.RFC3339Nano) + " " + t.Location().String() + ")"
		}
		parts := make([]string, v.NumField())
		for i := range parts {
			parts[i] = v.Type().Field(i).Name + ":" + show(v.Field(i))
		}
		return v.Type().String() + "{" + strings.Join(parts, " ") + "}"
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// TestTextBinaryTypesTable reads every column type of the type layer at its
// edges, and NULL, through the text protocol (a query without arguments)
// and the binary protocol (a prepared statement), into every destination
// type, and checks that the two give the same value, or fail the same way:
// the protocol a row arrives in must not show in what Scan stores.
func TestTextBinaryTypesTable(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("UTC", func(t *testing.T) {
		testTextBinaryTypesTable(t, false, func(cfg *aiomysql.Config) { cfg.TimeZone = "+00:00" })
	})
	// Zones change dates and times only: the other columns are compared
	// once, in UTC.
	t.Run("offset", func(t *testing.T) {
		testTextBinaryTypesTable(t, true, func(cfg *aiomysql.Config) { cfg.TimeZone, cfg.Location = "+05:30", ny })
	})
	// A session zone with daylight saving: the TIMESTAMP edges include a
	// skipped and a repeated hour of Europe/Paris.
	loadZones(t)
	t.Run("Paris", func(t *testing.T) {
		testTextBinaryTypesTable(t, true, func(cfg *aiomysql.Config) { cfg.TimeZone, cfg.Location = "Europe/Paris", ny })
	})
}

// testTextBinaryTypesTable runs the table test on two connections made with
// configure; datesOnly limits the table's columns to DATE, DATETIME and
// TIMESTAMP.
func testTextBinaryTypesTable(t *testing.T, datesOnly bool, configure func(*aiomysql.Config)) {
	ctx := testCtx(t)
	textConn, binConn := rootConnWith(t, configure), rootConnWith(t, configure)

	var cols, names []string
	rows := 0
	for i, tc := range typesTable {
		cols = append(cols, fmt.Sprintf("c%d %s", i, tc.decl))
		names = append(names, fmt.Sprintf("c%d", i))
		rows = max(rows, len(tc.values))
	}
	rows++ // the last row is all NULL
	var tuples []string
	for r := range rows {
		tuple := []string{strconv.Itoa(r)}
		for _, tc := range typesTable {
			lit := "NULL"
			if r < len(tc.values) {
				lit = tc.values[r]
			}
			tuple = append(tuple, lit)
		}
		tuples = append(tuples, "("+strings.Join(tuple, ", ")+")")
	}
	// Zero dates, partly zero dates and days past the end of the month are
	// stored only in a permissive sql_mode.
	mustExecAll(t, textConn,
		"SET sql_mode = 'ALLOW_INVALID_DATES'",
		"DROP TABLE IF EXISTS types_table",
		"CREATE TABLE types_table (id INT PRIMARY KEY, "+strings.Join(cols, ", ")+")",
		"INSERT INTO types_table VALUES "+strings.Join(tuples, ",\n"))
	t.Cleanup(func() { mustExecAll(t, textConn, "DROP TABLE types_table") })

	q := "SELECT " + strings.Join(names, ", ") + " FROM types_table ORDER BY id"
	text, err := textConn.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer text.Close()
	st, err := binConn.Prepare(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	binary, err := st.Query(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer binary.Close()

	// The protocols are the ones meant: an INT is text in one, four bytes
	// in the other.
	if !text.Next() || !binary.Next() {
		t.Fatalf("no rows: text %v, binary %v", text.Err(), binary.Err())
	}
	iInt := slices.IndexFunc(typesTable, func(c typeCase) bool { return c.decl == "INT" })
	if tr, br := text.RawValues()[iInt], binary.RawValues()[iInt]; string(tr) != "-2147483648" || len(br) != 4 {
		t.Fatalf("INT -2147483648 arrived as %q and %x: not text and binary", tr, br)
	}
	compareProtocols(t, text, binary, rows, func(r, i int) string {
		tc := typesTable[i]
		switch {
		case datesOnly && !strings.HasPrefix(tc.decl, "DATE") && !strings.HasPrefix(tc.decl, "TIMESTAMP"):
			return ""
		case r < len(tc.values):
			return tc.decl + "/" + tc.values[r]
		case r < rows-1:
			return "" // padding: the last row tests NULL
		}
		return tc.decl + "/NULL"
	})
	compareExprs(t, textConn, binConn)
}

// compareExprs compares typesExprs through the two protocols.
func compareExprs(t *testing.T, textConn, binConn *aiomysql.Conn) {
	ctx := testCtx(t)
	q := "SELECT " + strings.Join(typesExprs, ", ")
	text, err := textConn.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer text.Close()
	st, err := binConn.Prepare(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	binary, err := st.Query(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer binary.Close()
	if !text.Next() || !binary.Next() {
		t.Fatalf("no row: text %v, binary %v", text.Err(), binary.Err())
	}
	compareProtocols(t, text, binary, 1, func(_, i int) string { return "expr/" + typesExprs[i] })
}

// compareProtocols reads n rows from text and binary, the same query
// through the two protocols, with text and binary on their first row, and
// checks that every cell gives the same Values() and stores the same value
// in every destination type, or fails with the same error kind: a subtest
// per cell named by name(row, column), skipped when that is "".
func compareProtocols(t *testing.T, text, binary *aiomysql.Rows, n int, name func(r, i int) string) {
	t.Helper()
	// The column types agree too, but for the names of the column's table
	// and schema, which a prepared statement's metadata leaves out, and
	// NOT NULL, which it leaves out for expressions (decoding uses neither).
	tt, bt := text.ColumnTypes(), binary.ColumnTypes()
	for i := range tt {
		tt[i].OrgName, tt[i].Table, tt[i].OrgTable, tt[i].Schema = "", "", "", ""
		tt[i].Nullable, bt[i].Nullable = true, true
		tt[i].Flags, bt[i].Flags = tt[i].Flags&^1, bt[i].Flags&^1 // NOT_NULL_FLAG
		if tt[i] != bt[i] {
			t.Errorf("%s: column type text %+v, binary %+v", name(0, i), tt[i], bt[i])
		}
	}
	// Each cell is scanned alone: the other columns go to RawBytes, which
	// takes any value.
	textDest, binDest := make([]any, len(tt)), make([]any, len(tt))
	for i := range textDest {
		textDest[i], binDest[i] = new(aiomysql.RawBytes), new(aiomysql.RawBytes)
	}
	for r := range n {
		if r > 0 && (!text.Next() || !binary.Next()) {
			t.Fatalf("row %d missing: text %v, binary %v", r, text.Err(), binary.Err())
		}
		tv, terr := text.Values()
		bv, berr := binary.Values()
		for i := range textDest {
			label := name(r, i)
			if label == "" {
				continue
			}
			t.Run(label, func(t *testing.T) {
				if errorKind(terr) != errorKind(berr) {
					t.Errorf("Values: text %v, binary %v", terr, berr)
				} else if terr == nil {
					if ts, bs := show(reflect.ValueOf(tv[i])), show(reflect.ValueOf(bv[i])); ts != bs {
						t.Errorf("Values: text %s, binary %s", ts, bs)
					}
				}
				for _, d := range tableDests {
					t.Run(d.name, func(t *testing.T) {
						textDest[i], binDest[i] = d.new(), d.new()
						terr, berr := text.Scan(textDest...), binary.Scan(binDest...)
						switch tk, bk := errorKind(terr), errorKind(berr); {
						case tk != bk:
							t.Errorf("text %s (%v), binary %s (%v)", tk, terr, bk, berr)
						case terr == nil:
							if ts, bs := snapshot(textDest[i]), snapshot(binDest[i]); ts != bs {
								t.Errorf("text %s, binary %s", ts, bs)
							}
						}
					})
				}
				textDest[i], binDest[i] = new(aiomysql.RawBytes), new(aiomysql.RawBytes)
			})
		}
	}
	if text.Next() || binary.Next() {
		t.Error("more rows than expected")
	}
	if err := text.Err(); err != nil {
		t.Error(err)
	}
	if err := binary.Err(); err != nil {
		t.Error(err)
	}
}
