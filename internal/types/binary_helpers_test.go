package types_test

import (
	"encoding/binary"

	"github.com/aiomysql-go/aiomysql/internal/types"
)

// binaryRow builds a binary-protocol row: nil values are NULL, the others
// are already encoded (length prefixes included).
func binaryRow(vals ...[]byte) []byte {
	row := []byte{0x00}
	bitmap := make([]byte, types.BinaryNullBitmapLen(len(vals)))
	for i, v := range vals {
		if v == nil {
			bit := i + 2
			bitmap[bit/8] |= 1 << (bit % 8)
		}
	}
	row = append(row, bitmap...)
	for _, v := range vals {
		row = append(row, v...)
	}
	return row
}

func le16(v uint16) []byte { return binary.LittleEndian.AppendUint16(nil, v) }
func le32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }
func le64(v uint64) []byte { return binary.LittleEndian.AppendUint64(nil, v) }

// lenenc prefixes s with a one-byte length.
func lenenc(s string) []byte { return append([]byte{byte(len(s))}, s...) }

// datetime encodes a DATETIME with the given length (0, 4, 7 or 11).
func datetime(n int, y, mo, d, h, mi, s int, us uint32) []byte {
	b := []byte{byte(n)}
	if n == 0 {
		return b
	}
	b = append(b, le16(uint16(y))...)
	b = append(b, byte(mo), byte(d))
	if n >= 7 {
		b = append(b, byte(h), byte(mi), byte(s))
	}
	if n == 11 {
		b = append(b, le32(us)...)
	}
	return b
}

// timeVal encodes a TIME with the given length (0, 8 or 12).
func timeVal(n int, neg bool, days uint32, h, m, s int, us uint32) []byte {
	b := []byte{byte(n)}
	if n == 0 {
		return b
	}
	sign := byte(0)
	if neg {
		sign = 1
	}
	b = append(b, sign)
	b = append(b, le32(days)...)
	b = append(b, byte(h), byte(m), byte(s))
	if n == 12 {
		b = append(b, le32(us)...)
	}
	return b
}
