package types

import (
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// binaryRowHeader opens every binary-protocol row.
const binaryRowHeader = 0x00

// nullMarker stands for SQL NULL in a text-protocol row.
const nullMarker = 0xFB

func malformedRow(packet, format string, args ...any) *wire.MalformedError {
	return &wire.MalformedError{Packet: packet, Reason: fmt.Sprintf(format, args...)}
}

// SplitTextRow splits a text-protocol row (the payload of one row packet)
// into its n values and appends them to dst[:0]: each is the value's
// bytes, aliasing row, or nil for SQL NULL (an empty string is empty and
// non-nil). A row that does not hold exactly n values is a
// *wire.MalformedError.
func SplitTextRow(dst [][]byte, row []byte, n int) ([][]byte, error) {
	if cap(dst) < n {
		dst = make([][]byte, 0, n) // once, not by doublings
	}
	dst = dst[:0]
	pos := 0
	for i := range n {
		if pos < len(row) && row[pos] < nullMarker { // a one-byte length, the common case
			start := pos + 1
			end := start + int(row[pos])
			if end > len(row) {
				return dst, malformedRow("text row", "value %d of %d: length %d exceeds the %d bytes left", i+1, n, end-start, len(row)-start)
			}
			dst = append(dst, row[start:end:end])
			pos = end
			continue
		}
		if pos < len(row) && row[pos] == nullMarker {
			dst = append(dst, nil)
			pos++
			continue
		}
		s, used, err := wire.ReadLenEncString(row[pos:])
		if err != nil {
			return dst, malformedRow("text row", "value %d of %d: %v", i+1, n, reason(err))
		}
		dst = append(dst, s)
		pos += used
	}
	if pos != len(row) {
		return dst, malformedRow("text row", "%d bytes after the last of %d values", len(row)-pos, n)
	}
	return dst, nil
}

// reason is the Reason of a wire error, or its text.
func reason(err error) string {
	var m *wire.MalformedError
	if errors.As(err, &m) {
		return m.Reason
	}
	return err.Error()
}

// BinaryNullBitmapLen returns the size of a binary row's NULL bitmap for n
// columns: one bit per column, after two unused bits.
func BinaryNullBitmapLen(n int) int { return (n + 7 + 2) / 8 }

// SplitBinaryRow splits a binary-protocol row (the payload of one row
// packet of a COM_STMT_EXECUTE result: a 0x00 header, the NULL bitmap
// whose bit i+2 marks column i as NULL, then the non-NULL values) and
// appends the values to dst[:0]. Each is nil for SQL NULL, or the value's
// bytes as BinaryValue takes them, aliasing row: the fixed-size integers
// and floats, the fields after a temporal value's length byte, the content
// of a length-encoded string. A row that does not fit cols is a
// *wire.MalformedError.
func SplitBinaryRow(dst [][]byte, row []byte, cols []Column) ([][]byte, error) {
	if cap(dst) < len(cols) {
		dst = make([][]byte, 0, len(cols))
	}
	dst = dst[:0]
	if len(row) == 0 || row[0] != binaryRowHeader {
		return dst, malformedRow("binary row", "no 0x00 header")
	}
	nb := BinaryNullBitmapLen(len(cols))
	if len(row) < 1+nb {
		return dst, malformedRow("binary row", "%d bytes cannot hold a %d-byte NULL bitmap", len(row), nb)
	}
	bitmap := row[1 : 1+nb]
	pos := 1 + nb
	for i := range cols {
		bit := i + 2
		if bitmap[bit/8]&(1<<(bit%8)) != 0 {
			dst = append(dst, nil)
			continue
		}
		lo, hi, err := binarySpan(cols[i].Type, row, pos)
		if err != nil {
			return dst, malformedRow("binary row", "column %d of %d (%s): %v", i+1, len(cols), cols[i].Type, err)
		}
		dst = append(dst, row[lo:hi:hi])
		pos = hi
	}
	if pos != len(row) {
		return dst, malformedRow("binary row", "%d bytes after the last of %d values", len(row)-pos, len(cols))
	}
	return dst, nil
}

// binarySpan finds the bytes of a value of type t at row[pos:].
func binarySpan(t wire.FieldType, row []byte, pos int) (lo, hi int, err error) {
	left := len(row) - pos
	if n := fixedSize(t); n != 0 {
		if left < n {
			return 0, 0, fmt.Errorf("%d-byte value cut short at %d bytes", n, left)
		}
		return pos, pos + n, nil
	}
	switch t {
	case wire.TypeNull:
		return pos, pos, nil
	case wire.TypeDate, wire.TypeNewDate, wire.TypeDateTime, wire.TypeTimestamp,
		wire.TypeDateTime2, wire.TypeTimestamp2, wire.TypeTime, wire.TypeTime2:
		if left < 1 {
			return 0, 0, errors.New("no length byte")
		}
		n := int(row[pos])
		if !temporalLen(t, n) {
			return 0, 0, fmt.Errorf("length %d is not valid for the type", n)
		}
		if left-1 < n {
			return 0, 0, fmt.Errorf("%d-byte value cut short at %d bytes", n, left-1)
		}
		return pos + 1, pos + 1 + n, nil
	}
	s, used, err := wire.ReadLenEncString(row[pos:])
	if err != nil {
		return 0, 0, errors.New(reason(err))
	}
	return pos + used - len(s), pos + used, nil
}

// temporalLen reports the lengths the binary protocol allows for a
// temporal type: DATE and DATETIME 0, 4, 7 or 11; TIME 0, 8 or 12.
func temporalLen(t wire.FieldType, n int) bool {
	if t == wire.TypeTime || t == wire.TypeTime2 {
		return n == 0 || n == 8 || n == 12
	}
	return n == 0 || n == 4 || n == 7 || n == 11
}
