package types_test

import (
	"database/sql"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestTextBinaryParityPolicies: the same dates in their text and binary
// encodings give the same values and the same errors under every
// zero-date policy and time zone setting, which the root package's table
// test (TestTextBinaryTypesTable, against a server) cannot select.
func TestTextBinaryParityPolicies(t *testing.T) {
	paris, ny := mustLoad(t, "Europe/Paris"), mustLoad(t, "America/New_York")
	date := col(wire.TypeDate, 0)
	dt0 := col(wire.TypeDateTime, 0)
	dt6 := withDecimals(col(wire.TypeDateTime, 0), 6)
	ts0 := col(wire.TypeTimestamp, 0)
	tm6 := withDecimals(col(wire.TypeTime, 0), 6)
	cells := []struct {
		c      *types.Column
		text   string
		binary []byte // without the length byte
	}{
		{date, "0000-00-00", nil},
		{date, "2024-00-15", datetime(4, 2024, 0, 15, 0, 0, 0, 0)[1:]},
		{date, "2023-02-30", datetime(4, 2023, 2, 30, 0, 0, 0, 0)[1:]},
		{date, "1000-01-01", datetime(4, 1000, 1, 1, 0, 0, 0, 0)[1:]},
		{dt0, "0000-00-00 00:00:00", nil},
		{dt6, "0000-00-00 00:00:00.000000", nil},
		{dt6, "2024-00-00 00:00:00.500000", datetime(11, 2024, 0, 0, 0, 0, 0, 500000)[1:]},
		{dt6, "9999-12-31 23:59:59.999999", datetime(11, 9999, 12, 31, 23, 59, 59, 999999)[1:]},
		{ts0, "0000-00-00 00:00:00", nil},
		{ts0, "2024-10-27 02:30:00", datetime(7, 2024, 10, 27, 2, 30, 0, 0)[1:]}, // repeated in Paris
		{ts0, "2024-03-31 03:30:00", datetime(7, 2024, 3, 31, 3, 30, 0, 0)[1:]},
		{tm6, "-838:59:59.999999", timeVal(12, true, 34, 22, 59, 59, 999999)[1:]},
		{tm6, "00:00:00.000000", nil},
	}
	opts := []*types.Options{
		nil,
		{ZeroDate: types.ZeroDateNull},
		{ZeroDate: types.ZeroDateError},
		{Location: ny, SessionLocation: paris, ZeroDate: types.ZeroDateNull},
		{Location: paris, SessionLocation: paris, ZeroDate: types.ZeroDateError},
	}
	dests := []func() any{
		func() any { return new(time.Time) },
		func() any { return new(*time.Time) },
		func() any { return new(sql.NullTime) },
		func() any { return new(sql.Null[time.Time]) },
		func() any { return new(any) },
		func() any { return new(string) },
		func() any { return new([]byte) },
		func() any { return new(types.RawBytes) },
		func() any { return new(time.Duration) },
		func() any { return new(int64) },
		func() any { return new(sql.NullString) },
	}
	for _, cell := range cells {
		for oi, opt := range opts {
			for _, newDest := range dests {
				td, bd := newDest(), newDest()
				terr := types.ScanText(cell.c, []byte(cell.text), false, td, opt)
				berr := types.ScanBinary(cell.c, cell.binary, false, bd, opt)
				name := fmt.Sprintf("%s %q, options %d, into %T", cell.c.Type, cell.text, oi, td)
				if tk, bk := reason(terr), reason(berr); tk != bk {
					t.Errorf("%s: text %v, binary %v", name, terr, berr)
					continue
				}
				if terr != nil {
					continue
				}
				if ts, bs := fmt.Sprintf("%#v", pointee(td)), fmt.Sprintf("%#v", pointee(bd)); ts != bs {
					t.Errorf("%s: text %s, binary %s", name, ts, bs)
				}
			}
			tv, terr := types.DecodeText(cell.c, []byte(cell.text), false, opt)
			bv, berr := types.DecodeBinary(cell.c, cell.binary, false, opt)
			if reason(terr) != reason(berr) || fmt.Sprintf("%#v", tv) != fmt.Sprintf("%#v", bv) {
				t.Errorf("%s %q, options %d: Decode text %#v, %v; binary %#v, %v", cell.c.Type, cell.text, oi, tv, terr, bv, berr)
			}
		}
	}
}

// reason names the sentinel an error wraps.
func reason(err error) string {
	if err == nil {
		return "ok"
	}
	for _, s := range []error{types.ErrNull, types.ErrRange, types.ErrSyntax, types.ErrZeroDate,
		types.ErrInvalidDate, types.ErrUnsupported, types.ErrMalformed} {
		if errors.Is(err, s) {
			return s.Error()
		}
	}
	return "other"
}

// pointee returns what a destination pointer points to, following a second
// pointer, with RawBytes as a plain []byte.
func pointee(p any) any {
	switch d := p.(type) {
	case *types.RawBytes:
		return []byte(*d)
	case **time.Time:
		if *d == nil {
			return nil
		}
		return **d
	}
	return reflect.ValueOf(p).Elem().Interface()
}
