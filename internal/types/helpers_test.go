package types_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// utf8mb4 is utf8mb4_general_ci, a text collation.
const utf8mb4 = 45

// col builds a text-collation column of a type with flags.
func col(t wire.FieldType, flags wire.ColumnFlag) *types.Column {
	return &types.Column{Name: "c", Type: t, Flags: flags, Charset: utf8mb4}
}

// binCol builds a binary-collation column.
func binCol(t wire.FieldType) *types.Column {
	return &types.Column{Name: "c", Type: t, Flags: wire.FlagBinary, Charset: charset.Binary}
}

// withDecimals sets the fractional digits of a temporal column.
func withDecimals(c *types.Column, d byte) *types.Column {
	c.Decimals = d
	return c
}

const unsigned = wire.FlagUnsigned

// scanText scans raw into a new *T and returns the value.
func scanText[T any](t *testing.T, c *types.Column, raw string, opt *types.Options) (T, error) {
	t.Helper()
	var v T
	err := types.ScanText(c, []byte(raw), false, &v, opt)
	return v, err
}

// wantErr fails unless err is a *ScanError wrapping target.
func wantErr(t *testing.T, err, target error) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", target)
	}
	var se *types.ScanError
	var le *types.LiteralError
	if !errors.As(err, &se) && !errors.As(err, &le) {
		t.Fatalf("error %v (%T) is not a *ScanError or *LiteralError", err, err)
	}
	if !errors.Is(err, target) {
		t.Fatalf("error %v does not wrap %v", err, target)
	}
}

// equal compares decoded values; times by instant and location name.
func equal(a, b any) bool {
	ta, ok1 := a.(time.Time)
	tb, ok2 := b.(time.Time)
	if ok1 && ok2 {
		return ta.Equal(tb) && ta.Location().String() == tb.Location().String()
	}
	return reflect.DeepEqual(a, b)
}

// mustLoad loads a time zone or fails.
func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("LoadLocation(%q): %v", name, err)
	}
	return loc
}
