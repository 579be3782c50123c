package types_test

import (
	"fmt"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func ExampleScanText() {
	defs := []wire.ColumnDefinition{
		{Name: "id", Type: wire.TypeLongLong, Flags: wire.FlagUnsigned | wire.FlagNotNull, CharacterSet: 63},
		{Name: "created", Type: wire.TypeDateTime, Decimals: 3, CharacterSet: 63},
		{Name: "note", Type: wire.TypeVarString, CharacterSet: 45},
	}
	cols := make([]types.Column, len(defs))
	for i := range defs {
		cols[i] = types.ColumnFrom(&defs[i])
	}
	var row []byte
	row = wire.AppendLenEncStr(row, "18446744073709551615")
	row = wire.AppendLenEncStr(row, "2024-02-29 12:30:00.250")
	row = append(row, 0xFB) // NULL
	vals, err := types.SplitTextRow(nil, row, len(cols))
	if err != nil {
		panic(err)
	}
	var (
		id      uint64
		created time.Time
		note    *string
	)
	opt := &types.Options{Location: time.UTC}
	for i, dest := range []any{&id, &created, &note} {
		if err := types.ScanText(&cols[i], vals[i], vals[i] == nil, dest, opt); err != nil {
			panic(err)
		}
	}
	fmt.Println(id, created.Format(time.RFC3339Nano), note)

	var small int16
	fmt.Println(types.ScanText(&cols[0], vals[0], false, &small, opt))
	// Output:
	// 18446744073709551615 2024-02-29T12:30:00.25Z <nil>
	// types: column "id": cannot store "18446744073709551615" in *int16: value out of range
}

func ExampleAppendLiteral() {
	q := []byte("SELECT * FROM t WHERE name = ")
	q, _ = types.AppendLiteral(q, "O'Brien", nil)
	q = append(q, " AND id IN "...)
	q, _ = types.AppendLiteral(q, []int{1, 2, 3}, nil)
	q = append(q, " AND at < "...)
	q, _ = types.AppendLiteral(q, time.Date(2024, 1, 2, 3, 4, 5, 600000000, time.UTC), nil)
	fmt.Println(string(q))

	_, err := types.AppendLiteral(nil, []int{}, nil)
	fmt.Println(err)
	// Output:
	// SELECT * FROM t WHERE name = 'O\'Brien' AND id IN (1,2,3) AND at < '2024-01-02 03:04:05.6'
	// types: cannot encode []int as an SQL literal: empty list
}

func ExampleSplitBinaryRow() {
	cols := []types.Column{
		{Name: "n", Type: wire.TypeLong},
		{Name: "t", Type: wire.TypeTime, Decimals: 0},
	}
	// Header, NULL bitmap, INT 7, TIME -1 day 02:00:00.
	row := []byte{0x00, 0x00, 7, 0, 0, 0, 8, 1, 1, 0, 0, 0, 2, 0, 0}
	vals, err := types.SplitBinaryRow(nil, row, cols)
	if err != nil {
		panic(err)
	}
	for i := range cols {
		v, _ := types.DecodeBinary(&cols[i], vals[i], vals[i] == nil, nil)
		fmt.Printf("%s = %v\n", cols[i].Name, v)
	}
	// Output:
	// n = 7
	// t = -26h0m0s
}
