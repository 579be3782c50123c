package types

import (
	"encoding/binary"
	"fmt"
	"math"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// BinaryValue decodes one value of a binary-protocol row (a
// COM_STMT_EXECUTE result): raw is the value's bytes as SplitBinaryRow
// finds them (fixed-size little-endian integers and floats; the fields of
// DATE, DATETIME, TIMESTAMP and TIME after their length byte; the content
// of length-encoded strings), null reports SQL NULL. The Value aliases raw.
// Bytes that do not fit the type are a *ScanError wrapping ErrMalformed
// (or ErrRange for a TIME beyond ±838:59:59.999999).
func BinaryValue(col *Column, raw []byte, null bool) (Value, error) {
	if null {
		return Value{}, nil
	}
	v, err := binaryValue(col, raw)
	if err != nil {
		return Value{}, binaryError(col, raw, "types.Value", err)
	}
	return v, nil
}

// binaryValue is BinaryValue for a non-NULL value; errors are sentinels.
func binaryValue(col *Column, raw []byte) (Value, error) {
	k := col.Kind()
	num, fsp, err := binaryScalar(col, k, raw)
	return Value{b: binaryBytes(col.Type, k, raw), num: num, kind: k, fsp: fsp, ts: col.timestamp(), width: col.zeroFillWidth()}, err
}

// binaryError reports bytes that do not fit their column's type; it is
// kept apart so that the callers' frames stay small.
//
//go:noinline
func binaryError(col *Column, raw []byte, dest string, err error) error {
	e := scanError(col, Value{b: nonNil(raw), kind: KindBytes}, nil, err)
	e.Dest = dest
	return e
}

// fixedSize is the size of the binary protocol's fixed-size values, or 0.
func fixedSize(t wire.FieldType) int {
	switch t {
	case wire.TypeTiny:
		return 1
	case wire.TypeShort, wire.TypeYear:
		return 2
	case wire.TypeLong, wire.TypeInt24, wire.TypeFloat:
		return 4
	case wire.TypeLongLong, wire.TypeDouble:
		return 8
	}
	return 0
}

// binaryBytes is what a Value of the binary protocol keeps of raw: the
// content of length-encoded strings (decimals, BIT, strings, JSON,
// geometry, vectors), and nothing for numbers and times.
func binaryBytes(t wire.FieldType, k Kind, raw []byte) []byte {
	switch {
	case fixedSize(t) != 0:
		return nil
	case k == KindNull || k == KindDate || k == KindDateTime || k == KindTime:
		return nil
	}
	return nonNil(raw)
}

// binaryScalar decodes the numbers, times and BIT of the binary protocol
// into what a Value holds in num and fsp (for FLOAT and DOUBLE, their fixed
// decimals).
func binaryScalar(col *Column, k Kind, raw []byte) (num uint64, fsp int8, err error) {
	if n := fixedSize(col.Type); n != 0 {
		if len(raw) != n {
			return 0, 0, ErrMalformed
		}
		switch col.Type {
		case wire.TypeTiny:
			return extend(uint64(raw[0]), 8, k == KindInt), 0, nil
		case wire.TypeShort:
			return extend(uint64(binary.LittleEndian.Uint16(raw)), 16, k == KindInt), 0, nil
		case wire.TypeYear:
			return uint64(binary.LittleEndian.Uint16(raw)), 0, nil
		case wire.TypeLong, wire.TypeInt24:
			return extend(uint64(binary.LittleEndian.Uint32(raw)), 32, k == KindInt), 0, nil
		case wire.TypeFloat:
			return uint64(binary.LittleEndian.Uint32(raw)), col.floatDecimals(), nil
		case wire.TypeDouble:
			return binary.LittleEndian.Uint64(raw), col.floatDecimals(), nil
		}
		return binary.LittleEndian.Uint64(raw), 0, nil // LONGLONG
	}
	switch k {
	case KindDate, KindDateTime:
		c, err := binaryCivil(raw)
		if k == KindDate { // a DATE has no time of day, whatever was sent
			c.hour, c.minute, c.second, c.micro = 0, 0, 0, 0
		}
		return c.pack(), int8(col.fsp()), err
	case KindTime:
		d, err := binaryDuration(raw)
		return uint64(d), int8(col.fsp()), err
	case KindBit:
		if num, err = bigEndian(raw); err != nil {
			return 0, 0, ErrMalformed
		}
	}
	return num, 0, nil
}

// extend sign-extends the low size bits of u when signed.
func extend(u uint64, size uint, signed bool) uint64 {
	if !signed {
		return u
	}
	return uint64(int64(u<<(64-size)) >> (64 - size))
}

// binaryCivil reads DATE/DATETIME/TIMESTAMP fields: 0 bytes (a zero
// date), 4 (year, month, day), 7 (and hour, minute, second) or 11 (and
// microseconds).
func binaryCivil(b []byte) (civil, error) {
	var c civil
	switch len(b) {
	case 0:
		return c, nil
	case 4, 7, 11:
	default:
		return c, ErrMalformed
	}
	c.year, c.month, c.day = int(binary.LittleEndian.Uint16(b)), int(b[2]), int(b[3])
	if len(b) >= 7 {
		c.hour, c.minute, c.second = int(b[4]), int(b[5]), int(b[6])
	}
	if len(b) == 11 {
		c.micro = int(binary.LittleEndian.Uint32(b[7:]))
	}
	if !c.valid() {
		return civil{}, ErrMalformed
	}
	return c, nil
}

// binaryDuration reads TIME fields: 0 bytes (zero), 8 (sign, days, hours,
// minutes, seconds) or 12 (and microseconds).
func binaryDuration(b []byte) (time.Duration, error) {
	if len(b) == 0 {
		return 0, nil
	}
	if len(b) != 8 && len(b) != 12 {
		return 0, ErrMalformed
	}
	neg, days, h, m, s := b[0], binary.LittleEndian.Uint32(b[1:]), b[5], b[6], b[7]
	var micro uint32
	if len(b) == 12 {
		micro = binary.LittleEndian.Uint32(b[8:])
	}
	if neg > 1 || h > 23 || m > 59 || s > 59 || micro > 999999 {
		return 0, ErrMalformed
	}
	if days > 34 {
		return 0, ErrRange
	}
	d := time.Duration(days)*24*time.Hour + time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(micro)*time.Microsecond
	if d > maxTime {
		return 0, ErrRange
	}
	if neg == 1 {
		d = -d
	}
	return d, nil
}

// DecodeBinary decodes a binary-protocol value to its natural Go value
// (see Value.Any), copied so that it outlives the row.
func DecodeBinary(col *Column, raw []byte, null bool, opt *Options) (any, error) {
	v, err := BinaryValue(col, raw, null)
	return naturalOf(col, v, err, opt)
}

// ScanBinary stores a binary-protocol value in dest, a pointer the caller
// passed to Scan, with the conversions of ScanText; numbers and times into
// text destinations are formatted as the text protocol would send them.
// Errors are *ScanError. Integers into *int64, DOUBLE into *float64,
// DATETIME into *time.Time and strings into *RawBytes allocate nothing.
func ScanBinary(col *Column, raw []byte, null bool, dest any, opt *Options) error {
	if null {
		return ScanValue(col, Value{}, dest, opt)
	}
	if scanBinaryFast(col, raw, dest, opt) {
		return nil
	}
	v, err := binaryValue(col, raw)
	if err != nil {
		return binaryError(col, raw, fmt.Sprintf("%T", dest), err)
	}
	return ScanValue(col, v, dest, opt)
}

// scanBinaryFast decodes the common types straight into the common
// destinations (see scanFast); false means nothing was stored.
func scanBinaryFast(col *Column, raw []byte, dest any, opt *Options) bool {
	signed := col.Flags&wire.FlagUnsigned == 0
	switch col.Type {
	case wire.TypeTiny:
		return len(raw) == 1 && storeInt(int64(extend(uint64(raw[0]), 8, signed)), dest)
	case wire.TypeShort:
		return len(raw) == 2 && storeInt(int64(extend(uint64(binary.LittleEndian.Uint16(raw)), 16, signed)), dest)
	case wire.TypeLong, wire.TypeInt24:
		return len(raw) == 4 && storeInt(int64(extend(uint64(binary.LittleEndian.Uint32(raw)), 32, signed)), dest)
	case wire.TypeLongLong:
		if len(raw) != 8 {
			return false
		}
		u := binary.LittleEndian.Uint64(raw)
		if signed || u <= 1<<63-1 {
			return storeInt(int64(u), dest)
		}
		return storeUint64(u, dest)
	case wire.TypeDouble:
		return len(raw) == 8 && storeFloat(math.Float64frombits(binary.LittleEndian.Uint64(raw)), dest)
	case wire.TypeDateTime, wire.TypeTimestamp:
		c, err := binaryCivil(raw)
		return err == nil && storeCivil(c, col.timestamp(), dest, opt)
	case wire.TypeYear, wire.TypeFloat, wire.TypeDate, wire.TypeNewDate, wire.TypeTime, wire.TypeNull,
		wire.TypeDateTime2, wire.TypeTimestamp2, wire.TypeTime2:
		return false
	}
	return storeText(nonNil(raw), dest) // length-encoded strings
}
