package aiomysql

import (
	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// ColumnType describes a result column, with what PEP-249's description
// gives (name, type code, display size, internal size, precision, scale,
// null_ok) and what Go users ask of database/sql's ColumnType.
type ColumnType struct {
	Name     string // the column's name or alias
	OrgName  string // the underlying column's name
	Table    string // the table's alias
	OrgTable string
	Schema   string
	// TypeCode is the protocol's type (MYSQL_TYPE_*: 3 = LONG, 253 = VAR_STRING, ...).
	TypeCode uint8
	// DatabaseTypeName is the SQL type name, e.g. "INT", "VARCHAR", "DECIMAL", "JSON".
	DatabaseTypeName string
	// Length is the column's display length in bytes (its characters times the
	// character set's width for text).
	Length uint32
	// Precision and Scale apply to DECIMAL (Scale also to fractional seconds
	// and to floats declared with (M,D)); both are 0 where they do not apply.
	Precision, Scale int
	Nullable         bool
	Unsigned         bool
	Binary           bool // the values are bytes (character set binary), not text
	Collation        string
	Flags            uint16
}

// notFixedDecimals is MySQL's NOT_FIXED_DEC; MariaDB's is 39. A DECIMAL's
// scale is at most 38 (MariaDB), a temporal value's fraction at most 6.
const notFixedDecimals = 31

func newColumnType(d *wire.ColumnDefinition) ColumnType {
	ct := ColumnType{
		Name: d.Name, OrgName: d.OrgName, Table: d.Table, OrgTable: d.OrgTable, Schema: d.Schema,
		TypeCode: uint8(d.Type), Length: d.ColumnLength, Scale: int(d.Decimals),
		Nullable: d.Flags&wire.FlagNotNull == 0, Unsigned: d.Flags&wire.FlagUnsigned != 0,
		Binary: d.CharacterSet == charset.Binary, Flags: uint16(d.Flags),
	}
	if c, ok := charset.ByID(d.CharacterSet); ok {
		ct.Collation = c.Name
	}
	col := types.ColumnFrom(d)
	ct.DatabaseTypeName = col.DatabaseTypeName()
	isDecimal := d.Type == wire.TypeNewDecimal || d.Type == wire.TypeDecimal
	if !isDecimal && d.Decimals >= notFixedDecimals {
		// 31 (MySQL) or 39 (MariaDB): no fixed number of decimals, as for
		// text or a FLOAT without (M,D).
		ct.Scale = 0
	}
	if isDecimal {
		// The length counts the digits, a sign and a point.
		p := int(d.ColumnLength)
		if d.Decimals > 0 {
			p--
		}
		if !ct.Unsigned {
			p--
		}
		ct.Precision = p
	}
	return ct
}

// DisplaySize returns the column's width in characters, PEP-249's
// display_size: Length divided by the longest character of the column's
// character set for text columns, Length for the others.
func (ct ColumnType) DisplaySize() int {
	if !ct.Binary && ct.Collation != "" {
		if c, ok := charset.ByName(ct.Collation); ok && c.MaxLen > 1 {
			return int(ct.Length) / c.MaxLen
		}
	}
	return int(ct.Length)
}

// InternalSize returns the column's length in bytes, PEP-249's
// internal_size: Length.
func (ct ColumnType) InternalSize() int { return int(ct.Length) }
