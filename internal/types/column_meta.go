package types

import (
	"encoding/json"
	"reflect"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// ScanType returns the Go type of the column's natural values (see Kind),
// for database/sql's ColumnTypeScanType; NULL-typed columns give the empty
// interface type.
func (c *Column) ScanType() reflect.Type {
	switch c.Kind() {
	case KindInt:
		return reflect.TypeFor[int64]()
	case KindUint, KindBit:
		return reflect.TypeFor[uint64]()
	case KindFloat32:
		return reflect.TypeFor[float32]()
	case KindFloat64:
		return reflect.TypeFor[float64]()
	case KindDecimal, KindString:
		return reflect.TypeFor[string]()
	case KindBytes:
		return reflect.TypeFor[[]byte]()
	case KindDate, KindDateTime:
		return reflect.TypeFor[time.Time]()
	case KindTime:
		return reflect.TypeFor[time.Duration]()
	case KindJSON:
		return reflect.TypeFor[json.RawMessage]()
	case KindVector:
		return reflect.TypeFor[[]float32]()
	}
	return reflect.TypeFor[any]()
}

// DatabaseTypeName returns the column's SQL type name in upper case, e.g.
// "INT", "UNSIGNED BIGINT", "VARCHAR", "VARBINARY", "TEXT", "JSON", for
// database/sql's ColumnTypeDatabaseTypeName.
func (c *Column) DatabaseTypeName() string {
	switch c.Type {
	case wire.TypeTiny, wire.TypeShort, wire.TypeInt24, wire.TypeLong, wire.TypeLongLong:
		name := intTypeName(c.Type)
		if c.Unsigned() {
			return "UNSIGNED " + name
		}
		return name
	case wire.TypeDecimal, wire.TypeNewDecimal:
		return "DECIMAL"
	case wire.TypeNewDate:
		return "DATE"
	case wire.TypeDateTime2:
		return "DATETIME"
	case wire.TypeTimestamp2:
		return "TIMESTAMP"
	case wire.TypeTime2:
		return "TIME"
	}
	switch {
	case c.Kind() == KindJSON:
		return "JSON"
	case c.Kind() == KindVector:
		return "VECTOR"
	case c.Flags&wire.FlagEnum != 0:
		return "ENUM"
	case c.Flags&wire.FlagSet != 0:
		return "SET"
	}
	bin := c.Charset == charset.Binary
	pick := func(text, binary string) string {
		if bin {
			return binary
		}
		return text
	}
	switch c.Type {
	case wire.TypeString:
		return pick("CHAR", "BINARY")
	case wire.TypeVarChar, wire.TypeVarString:
		return pick("VARCHAR", "VARBINARY")
	case wire.TypeTinyBlob:
		return pick("TINYTEXT", "TINYBLOB")
	case wire.TypeBlob:
		return pick("TEXT", "BLOB")
	case wire.TypeMediumBlob:
		return pick("MEDIUMTEXT", "MEDIUMBLOB")
	case wire.TypeLongBlob:
		return pick("LONGTEXT", "LONGBLOB")
	}
	return c.Type.String() // DOUBLE, FLOAT, DATE, TIME, YEAR, BIT, GEOMETRY, NULL, ...
}

// intTypeName names an integer type.
func intTypeName(t wire.FieldType) string {
	switch t {
	case wire.TypeTiny:
		return "TINYINT"
	case wire.TypeShort:
		return "SMALLINT"
	case wire.TypeInt24:
		return "MEDIUMINT"
	case wire.TypeLong:
		return "INT"
	}
	return "BIGINT"
}
