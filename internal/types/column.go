package types

import (
	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Column is what decoding needs to know about a result column. Build it once
// per result with ColumnFrom; a Column is read-only during decoding and safe
// for concurrent use.
type Column struct {
	Name     string         // the column's alias, used in error messages
	Type     wire.FieldType // the protocol type
	Flags    wire.ColumnFlag
	Charset  uint16 // collation id; charset.Binary (63) marks bytes
	Decimals byte   // decimals, or fractional-second digits of temporal types
	Length   uint32 // maximum display length in bytes

	// DataTypeName and FormatName are MariaDB's extended metadata, e.g.
	// "inet6" and "json"; empty when the server did not send them.
	DataTypeName string
	FormatName   string
}

// ColumnFrom copies what decoding needs from a column definition.
func ColumnFrom(d *wire.ColumnDefinition) Column {
	return Column{
		Name:         d.Name,
		Type:         d.Type,
		Flags:        d.Flags,
		Charset:      d.CharacterSet,
		Decimals:     d.Decimals,
		Length:       d.ColumnLength,
		DataTypeName: d.DataTypeName,
		FormatName:   d.FormatName,
	}
}

// Unsigned reports whether the column has the UNSIGNED flag.
func (c *Column) Unsigned() bool { return c.Flags&wire.FlagUnsigned != 0 }

// Nullable reports whether the column can hold NULL (it lacks NOT_NULL).
func (c *Column) Nullable() bool { return c.Flags&wire.FlagNotNull == 0 }

// Kind returns the kind of Value the column's values decode to. Binary and
// text strings are told apart by the collation (charset.Binary), not by
// the type: a TEXT column has the BLOB type and a text collation.
func (c *Column) Kind() Kind {
	switch c.Type {
	case wire.TypeTiny, wire.TypeShort, wire.TypeLong, wire.TypeInt24, wire.TypeLongLong:
		if c.Flags&wire.FlagUnsigned != 0 {
			return KindUint
		}
		return KindInt
	case wire.TypeYear:
		return KindInt
	case wire.TypeFloat:
		return KindFloat32
	case wire.TypeDouble:
		return KindFloat64
	case wire.TypeDecimal, wire.TypeNewDecimal:
		return KindDecimal
	case wire.TypeBit:
		return KindBit
	case wire.TypeDate, wire.TypeNewDate:
		return KindDate
	case wire.TypeDateTime, wire.TypeTimestamp, wire.TypeDateTime2, wire.TypeTimestamp2:
		return KindDateTime
	case wire.TypeTime, wire.TypeTime2:
		return KindTime
	case wire.TypeNull:
		return KindNull
	case wire.TypeJSON:
		return KindJSON
	case wire.TypeVector:
		return KindVector
	case wire.TypeGeometry:
		return KindBytes
	case wire.TypeEnum, wire.TypeSet:
		return KindString
	}
	switch {
	case c.FormatName == "json":
		return KindJSON
	case c.DataTypeName == "vector":
		return KindVector
	case c.Flags&(wire.FlagEnum|wire.FlagSet) != 0:
		return KindString
	case c.Charset == charset.Binary:
		return KindBytes
	}
	return KindString
}

// notFixedDecimals is the Decimals of a FLOAT or DOUBLE without fixed
// decimals: MySQL's NOT_FIXED_DEC (MariaDB sends it too, or 39).
const notFixedDecimals = 31

// floatDecimals is the number of decimals with which the server writes a
// FLOAT or DOUBLE as text: those of FLOAT(M,D), DOUBLE(M,D) or an
// expression such as ROUND(x, 2); -1 when they are not fixed.
func (c *Column) floatDecimals() int8 {
	if c.Decimals >= notFixedDecimals {
		return -1
	}
	return int8(c.Decimals)
}

// zeroFillWidth is the display width to which the server pads the numbers
// of a ZEROFILL column (YEAR has the flag, with width 4) with leading
// zeros, or 0.
func (c *Column) zeroFillWidth() uint8 {
	if c.Flags&wire.FlagZerofill == 0 {
		return 0
	}
	return uint8(min(c.Length, 255))
}

// timestamp reports a TIMESTAMP column, whose values the server writes in
// the session's time zone.
func (c *Column) timestamp() bool {
	return c.Type == wire.TypeTimestamp || c.Type == wire.TypeTimestamp2
}

// fsp returns the column's fractional-second digits, or -1 when the server
// did not fix them (an expression's Decimals of 31 or 39).
func (c *Column) fsp() int {
	if c.Decimals > 6 {
		return -1
	}
	return int(c.Decimals)
}
