package types_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestSplitBinaryRowMalformed(t *testing.T) {
	two := []types.Column{*col(wire.TypeLong, 0), *col(wire.TypeVarString, 0)}
	dt := []types.Column{*col(wire.TypeDateTime, 0)}
	tm := []types.Column{*col(wire.TypeTime, 0)}
	tests := []struct {
		name string
		row  []byte
		cols []types.Column
	}{
		{"empty", nil, two},
		{"OK header", []byte{0xfe, 0, 0}, two},
		{"no bitmap", []byte{0}, two},
		{"int cut short", append([]byte{0, 0}, 1, 2), two},
		{"string past end", append(binaryRow(le32(1), lenenc("abc")), 0)[:9], two},
		{"trailing byte", append(binaryRow(le32(1), lenenc("abc")), 0), two},
		{"datetime length 5", append([]byte{0, 0, 5}, 1, 2, 3, 4, 5), dt},
		{"datetime cut short", []byte{0, 0, 7, 1, 2, 3}, dt},
		{"time length 11", append([]byte{0, 0, 11}, make([]byte, 11)...), tm},
		{"no length byte", []byte{0, 0}, dt},
		{"string NULL marker", []byte{0, 0, 1, 0, 0, 0, 0xfb}, two},
	}
	for _, tt := range tests {
		_, err := types.SplitBinaryRow(nil, tt.row, tt.cols)
		var m *wire.MalformedError
		if !errors.As(err, &m) {
			t.Fatalf("%s: error %v (%T) is not a *wire.MalformedError", tt.name, err, err)
		}
	}
}

func TestSplitBinaryRowNullBitmap(t *testing.T) {
	// 15 columns (plus the 2 unused bits) need a 3-byte bitmap; NULL every
	// third column.
	cols := make([]types.Column, 15)
	vals := make([][]byte, 15)
	for i := range cols {
		cols[i] = *col(wire.TypeShort, 0)
		if i%3 != 0 {
			vals[i] = le16(uint16(i))
		}
	}
	row := binaryRow(vals...)
	if len(row) != 1+3+2*10 {
		t.Fatalf("row length %d", len(row))
	}
	got, err := types.SplitBinaryRow(nil, row, cols)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cols {
		if (got[i] == nil) != (i%3 == 0) {
			t.Fatalf("column %d null = %v", i, got[i] == nil)
		}
		if got[i] != nil {
			var n int
			if err := types.ScanBinary(&cols[i], got[i], false, &n, nil); err != nil || n != i {
				t.Fatalf("column %d = %d, %v", i, n, err)
			}
		}
	}
	// A NULL-type column takes no bytes when its bit is clear.
	nc := []types.Column{*col(wire.TypeNull, 0), *col(wire.TypeTiny, 0)}
	got, err = types.SplitBinaryRow(nil, []byte{0, 0, 5}, nc)
	if err != nil || len(got[0]) != 0 || got[1][0] != 5 {
		t.Fatalf("NULL type: %v, %v", got, err)
	}
}
