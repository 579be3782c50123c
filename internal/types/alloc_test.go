package types_test

import (
	"database/sql"
	"math"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// allocs fails unless f allocates exactly want times per run.
func allocs(t *testing.T, name string, want float64, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if got := testing.AllocsPerRun(200, func() { _ = f() }); got != want {
		t.Errorf("%s: %v allocations per run, want %v", name, got, want)
	}
}

func TestTextScanAllocations(t *testing.T) {
	intCol := col(wire.TypeLong, 0)
	bigU := col(wire.TypeLongLong, unsigned)
	dbl := col(wire.TypeDouble, 0)
	vc := col(wire.TypeVarString, 0)
	dt := withDecimals(col(wire.TypeDateTime, 0), 6)
	tc := col(wire.TypeTime, 0)
	ny := mustLoad(t, "America/New_York")
	var (
		i64 int64
		i   int
		i32 int32
		u64 uint64
		f   float64
		rb  types.RawBytes
		s   string
		tm  time.Time
		d   time.Duration
		b   bool
		ni  sql.NullInt64
	)
	iRaw, uRaw, fRaw := []byte("-2147483648"), []byte("18446744073709551615"), []byte("-1.7976931348623157e308")
	sRaw, dtRaw := []byte("a VARCHAR value of some length 😀"), []byte("2024-01-02 03:04:05.123456")
	scan := func(c *types.Column, raw []byte, dest any, opt *types.Options) func() error {
		return func() error { return types.ScanText(c, raw, false, dest, opt) }
	}
	allocs(t, "INT into *int64", 0, scan(intCol, iRaw, &i64, nil))
	allocs(t, "INT into *int", 0, scan(intCol, iRaw, &i, nil))
	allocs(t, "INT into *int32", 0, scan(intCol, iRaw, &i32, nil))
	allocs(t, "BIGINT UNSIGNED into *uint64", 0, scan(bigU, uRaw, &u64, nil))
	allocs(t, "INT into *sql.NullInt64", 0, scan(intCol, iRaw, &ni, nil))
	allocs(t, "TINYINT into *bool", 0, scan(intCol, []byte("1"), &b, nil))
	allocs(t, "DOUBLE into *float64", 0, scan(dbl, fRaw, &f, nil))
	allocs(t, "VARCHAR into *RawBytes", 0, scan(vc, sRaw, &rb, nil))
	allocs(t, "VARCHAR into *string", 1, scan(vc, sRaw, &s, nil))
	allocs(t, "DATETIME into *time.Time", 0, scan(dt, dtRaw, &tm, nil))
	allocs(t, "DATETIME into *time.Time in New York", 0, scan(dt, dtRaw, &tm, &types.Options{Location: ny}))
	allocs(t, "TIME into *time.Duration", 0, scan(tc, []byte("-838:59:59.999999"), &d, nil))
	allocs(t, "NULL into *sql.NullInt64", 0, func() error { return types.ScanText(intCol, nil, true, &ni, nil) })
	allocs(t, "TextValue DATETIME", 0, func() error { _, err := types.TextValue(dt, dtRaw, false); return err })
}

func TestBinaryScanAllocations(t *testing.T) {
	var (
		i64 int64
		f   float64
		rb  types.RawBytes
		s   string
		tm  time.Time
		u8  uint8
	)
	li := col(wire.TypeLongLong, 0)
	dbl := col(wire.TypeDouble, 0)
	vc := col(wire.TypeVarString, 0)
	dt := withDecimals(col(wire.TypeDateTime, 0), 6)
	iRaw, fRaw := le64(uint64(1<<63)), le64(math.Float64bits(0.1))
	dtRaw := datetime(11, 2024, 1, 2, 3, 4, 5, 123456)[1:]
	scan := func(c *types.Column, raw []byte, dest any) func() error {
		return func() error { return types.ScanBinary(c, raw, false, dest, nil) }
	}
	allocs(t, "BIGINT into *int64", 0, scan(li, iRaw, &i64))
	allocs(t, "TINYINT UNSIGNED into *uint8", 0, scan(col(wire.TypeTiny, unsigned), []byte{200}, &u8))
	allocs(t, "DOUBLE into *float64", 0, scan(dbl, fRaw, &f))
	allocs(t, "VARCHAR into *RawBytes", 0, scan(vc, []byte("some text"), &rb))
	allocs(t, "VARCHAR into *string", 1, scan(vc, []byte("some text"), &s))
	allocs(t, "DATETIME into *time.Time", 0, scan(dt, dtRaw, &tm))
}

func TestRowSplitAllocations(t *testing.T) {
	cols := []types.Column{*col(wire.TypeLong, 0), *col(wire.TypeVarString, 0), *withDecimals(col(wire.TypeDateTime, 0), 6)}
	brow := binaryRow(le32(7), lenenc("name"), datetime(11, 2024, 1, 2, 3, 4, 5, 6))
	trow := wire.AppendLenEncStr(wire.AppendLenEncStr(wire.AppendLenEncStr(nil, "7"), "name"), "2024-01-02 03:04:05.000006")
	dst := make([][]byte, 0, 3)
	allocs(t, "SplitBinaryRow", 0, func() error { _, err := types.SplitBinaryRow(dst, brow, cols); return err })
	allocs(t, "SplitTextRow", 0, func() error { _, err := types.SplitTextRow(dst, trow, 3); return err })
}

func TestAppendLiteralAllocations(t *testing.T) {
	dst := make([]byte, 0, 256)
	for _, v := range []any{int64(-9223372036854775808), uint64(18446744073709551615), 42, int8(-1),
		"it's a \"string\"\n with \\ escapes 😀", true, 0.1, float32(2.5), []byte("bin'\x00"),
		time.Date(2024, 1, 2, 3, 4, 5, 6000, time.UTC), -838 * time.Hour} {
		allocs(t, "AppendLiteral", 0, func() error { _, err := types.AppendLiteral(dst, v, nil); return err })
	}
	nb := &types.LiteralOptions{NoBackslashEscapes: true}
	var s any = "it''s"
	allocs(t, "AppendLiteral NoBackslashEscapes", 0, func() error { _, err := types.AppendLiteral(dst, s, nb); return err })
}
