package types_test

import (
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// mixedColumns is the benchmark suite's table: mixed(id INT PK, a BIGINT,
// f DOUBLE, d DECIMAL(12,2), name VARCHAR(64), created DATETIME(6),
// flag TINYINT, note VARCHAR(100) NULL).
func mixedColumns() []types.Column {
	return []types.Column{
		*col(wire.TypeLong, wire.FlagNotNull|wire.FlagPriKey),
		*col(wire.TypeLongLong, 0),
		*col(wire.TypeDouble, 0),
		*withDecimals(col(wire.TypeNewDecimal, 0), 2),
		*col(wire.TypeVarString, 0),
		*withDecimals(col(wire.TypeDateTime, 0), 6),
		*col(wire.TypeTiny, 0),
		*col(wire.TypeVarString, 0),
	}
}

// mixedDests are typed destinations for one mixed row.
type mixedDests struct {
	id      int32
	a       int64
	f       float64
	d       string
	name    string
	created time.Time
	flag    int8
	note    *string
}

func (m *mixedDests) ptrs() []any {
	return []any{&m.id, &m.a, &m.f, &m.d, &m.name, &m.created, &m.flag, &m.note}
}

func BenchmarkScanTextMixedRow(b *testing.B) {
	cols := mixedColumns()
	var row []byte
	for _, s := range []string{"123456", "9876543210", "3.141592653589793", "12345.67", "name-000123",
		"2024-01-02 03:04:05.123456", "1"} {
		row = wire.AppendLenEncStr(row, s)
	}
	row = append(row, 0xFB)
	var m mixedDests
	dests := m.ptrs()
	vals := make([][]byte, 0, len(cols))
	b.ReportAllocs()
	for b.Loop() {
		vals, _ = types.SplitTextRow(vals, row, len(cols))
		for i := range cols {
			if err := types.ScanText(&cols[i], vals[i], vals[i] == nil, dests[i], nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkScanBinaryMixedRow(b *testing.B) {
	cols := mixedColumns()
	row := binaryRow(le32(123456), le64(9876543210), le64(math.Float64bits(math.Pi)), lenenc("12345.67"),
		lenenc("name-000123"), datetime(11, 2024, 1, 2, 3, 4, 5, 123456), []byte{1}, nil)
	var m mixedDests
	dests := m.ptrs()
	vals := make([][]byte, 0, len(cols))
	b.ReportAllocs()
	for b.Loop() {
		vals, _ = types.SplitBinaryRow(vals, row, cols)
		for i := range cols {
			if err := types.ScanBinary(&cols[i], vals[i], vals[i] == nil, dests[i], nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkTextValuesMixedRow(b *testing.B) {
	cols := mixedColumns()
	var row []byte
	for _, s := range []string{"123456", "9876543210", "3.141592653589793", "12345.67", "name-000123",
		"2024-01-02 03:04:05.123456", "1"} {
		row = wire.AppendLenEncStr(row, s)
	}
	row = append(row, 0xFB)
	vals := make([][]byte, 0, len(cols))
	out := make([]types.Value, len(cols))
	b.ReportAllocs()
	for b.Loop() {
		vals, _ = types.SplitTextRow(vals, row, len(cols))
		for i := range cols {
			var err error
			if out[i], err = types.TextValue(&cols[i], vals[i], vals[i] == nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkAppendLiteralArgs(b *testing.B) {
	args := []any{int64(42), "O'Brien and \"friends\"", 3.25, time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC), nil, []byte("blob\x00")}
	dst := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		dst = dst[:0]
		for _, a := range args {
			var err error
			if dst, err = types.AppendLiteral(dst, a, nil); err != nil {
				b.Fatal(err)
			}
			dst = append(dst, ',')
		}
	}
}

func BenchmarkScanTextColumn(b *testing.B) {
	var (
		i32 int32
		i64 int64
		i8  int8
		f   float64
		s   string
		rb  types.RawBytes
		tm  time.Time
		ps  *string
	)
	for _, bc := range []struct {
		name string
		col  *types.Column
		raw  string
		dest any
	}{
		{"INT/int32", col(wire.TypeLong, 0), "123456", &i32},
		{"BIGINT/int64", col(wire.TypeLongLong, 0), "9876543210", &i64},
		{"TINYINT/int8", col(wire.TypeTiny, 0), "1", &i8},
		{"DOUBLE/float64", col(wire.TypeDouble, 0), "3.141592653589793", &f},
		{"DECIMAL/string", col(wire.TypeNewDecimal, 0), "12345.67", &s},
		{"VARCHAR/RawBytes", col(wire.TypeVarString, 0), "name-000123", &rb},
		{"VARCHAR/**string", col(wire.TypeVarString, 0), "name-000123", &ps},
		{"DATETIME/time.Time", withDecimals(col(wire.TypeDateTime, 0), 6), "2024-01-02 03:04:05.123456", &tm},
	} {
		raw := []byte(bc.raw)
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := types.ScanText(bc.col, raw, false, bc.dest, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
