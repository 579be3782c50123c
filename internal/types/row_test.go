package types_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestSplitTextRow(t *testing.T) {
	long := strings.Repeat("x", 300)
	var row []byte
	row = wire.AppendLenEncStr(row, "42")
	row = append(row, 0xfb)
	row = wire.AppendLenEncStr(row, "")
	row = wire.AppendLenEncStr(row, long)
	vals, err := types.SplitTextRow(nil, row, 4)
	if err != nil || len(vals) != 4 {
		t.Fatalf("SplitTextRow = %q, %v", vals, err)
	}
	if string(vals[0]) != "42" || vals[1] != nil || vals[2] == nil || len(vals[2]) != 0 || string(vals[3]) != long {
		t.Fatalf("values %q", vals)
	}
	// Values alias the row.
	row[1] = '7'
	if string(vals[0]) != "72" {
		t.Fatalf("value does not alias the row: %q", vals[0])
	}
	// Appending to a value must not overwrite the next one.
	_ = append(vals[0], 'Z')
	if row[3] != 0xfb {
		t.Fatal("append through a value overwrote the row")
	}
}

func TestSplitTextRowMalformed(t *testing.T) {
	ok := wire.AppendLenEncStr(nil, "abc")
	tests := []struct {
		name string
		row  []byte
		n    int
	}{
		{"too few values", ok, 2},
		{"too many bytes", append(bytes.Clone(ok), 0), 1},
		{"string past end", ok[:3], 1},
		{"0xff prefix", []byte{0xff}, 1},
		{"empty row", nil, 1},
		{"cut lenenc", []byte{0xfc, 1}, 1},
	}
	for _, tt := range tests {
		_, err := types.SplitTextRow(nil, tt.row, tt.n)
		var m *wire.MalformedError
		if !errors.As(err, &m) {
			t.Fatalf("%s: error %v (%T) is not a *wire.MalformedError", tt.name, err, err)
		}
	}
}

func TestBinaryNullBitmapLen(t *testing.T) {
	for n, want := range map[int]int{1: 1, 6: 1, 7: 2, 14: 2, 15: 3, 1000: 126} {
		if got := types.BinaryNullBitmapLen(n); got != want {
			t.Fatalf("BinaryNullBitmapLen(%d) = %d, want %d", n, got, want)
		}
	}
}
