package wire

import "fmt"

// FieldType is a column's protocol type (MYSQL_TYPE_*), which also says how
// values are encoded in binary result rows and statement parameters.
type FieldType byte

// The field types.
const (
	TypeDecimal    FieldType = 0x00
	TypeTiny       FieldType = 0x01
	TypeShort      FieldType = 0x02
	TypeLong       FieldType = 0x03
	TypeFloat      FieldType = 0x04
	TypeDouble     FieldType = 0x05
	TypeNull       FieldType = 0x06
	TypeTimestamp  FieldType = 0x07
	TypeLongLong   FieldType = 0x08
	TypeInt24      FieldType = 0x09
	TypeDate       FieldType = 0x0A
	TypeTime       FieldType = 0x0B
	TypeDateTime   FieldType = 0x0C
	TypeYear       FieldType = 0x0D
	TypeNewDate    FieldType = 0x0E // internal; not sent to clients
	TypeVarChar    FieldType = 0x0F
	TypeBit        FieldType = 0x10
	TypeTimestamp2 FieldType = 0x11 // binary log only
	TypeDateTime2  FieldType = 0x12 // binary log only
	TypeTime2      FieldType = 0x13 // binary log only
	TypeTypedArray FieldType = 0x14 // MySQL binary log only
	TypeVector     FieldType = 0xF2 // MySQL 9 VECTOR (MariaDB 11.7 reports its VECTOR as a binary string type instead)
	TypeInvalid    FieldType = 0xF3 // MySQL internal
	TypeBool       FieldType = 0xF4 // MySQL internal
	TypeJSON       FieldType = 0xF5 // MySQL JSON; MariaDB sends JSON as BLOB with format "json"
	TypeNewDecimal FieldType = 0xF6
	TypeEnum       FieldType = 0xF7
	TypeSet        FieldType = 0xF8
	TypeTinyBlob   FieldType = 0xF9
	TypeMediumBlob FieldType = 0xFA
	TypeLongBlob   FieldType = 0xFB
	TypeBlob       FieldType = 0xFC
	TypeVarString  FieldType = 0xFD
	TypeString     FieldType = 0xFE
	TypeGeometry   FieldType = 0xFF
)

// String returns the type's protocol name without the MYSQL_TYPE_ prefix,
// e.g. "VAR_STRING", or FieldType(0x..) for an unknown value.
func (t FieldType) String() string {
	switch t {
	case TypeDecimal:
		return "DECIMAL"
	case TypeTiny:
		return "TINY"
	case TypeShort:
		return "SHORT"
	case TypeLong:
		return "LONG"
	case TypeFloat:
		return "FLOAT"
	case TypeDouble:
		return "DOUBLE"
	case TypeNull:
		return "NULL"
	case TypeTimestamp:
		return "TIMESTAMP"
	case TypeLongLong:
		return "LONGLONG"
	case TypeInt24:
		return "INT24"
	case TypeDate:
		return "DATE"
	case TypeTime:
		return "TIME"
	case TypeDateTime:
		return "DATETIME"
	case TypeYear:
		return "YEAR"
	case TypeNewDate:
		return "NEWDATE"
	case TypeVarChar:
		return "VARCHAR"
	case TypeBit:
		return "BIT"
	case TypeTimestamp2:
		return "TIMESTAMP2"
	case TypeDateTime2:
		return "DATETIME2"
	case TypeTime2:
		return "TIME2"
	case TypeTypedArray:
		return "TYPED_ARRAY"
	case TypeVector:
		return "VECTOR"
	case TypeInvalid:
		return "INVALID"
	case TypeBool:
		return "BOOL"
	case TypeJSON:
		return "JSON"
	case TypeNewDecimal:
		return "NEWDECIMAL"
	case TypeEnum:
		return "ENUM"
	case TypeSet:
		return "SET"
	case TypeTinyBlob:
		return "TINY_BLOB"
	case TypeMediumBlob:
		return "MEDIUM_BLOB"
	case TypeLongBlob:
		return "LONG_BLOB"
	case TypeBlob:
		return "BLOB"
	case TypeVarString:
		return "VAR_STRING"
	case TypeString:
		return "STRING"
	case TypeGeometry:
		return "GEOMETRY"
	}
	return fmt.Sprintf("FieldType(0x%02x)", byte(t))
}
