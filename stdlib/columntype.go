package stdlib

import (
	"database/sql"
	"math"
	"reflect"

	"github.com/aiomysql-go/aiomysql"
)

// binaryCollation is the collation of binary strings.
const binaryCollation = "binary"

// The column flags the driver looks at.
const (
	flagEnum = 1 << 8
	flagSet  = 1 << 11
)

// ColumnTypeDatabaseTypeName returns the column's type as go-sql-driver/mysql
// names it: "INT", "UNSIGNED BIGINT", "VARCHAR", "VARBINARY", "TEXT",
// "BLOB", "DECIMAL", "DATETIME", "JSON" and so on.
func (rs *rows) ColumnTypeDatabaseTypeName(i int) string { return typeName(&rs.cols[i]) }

func typeName(ct *aiomysql.ColumnType) string {
	binary := ct.Binary || ct.Collation == binaryCollation
	pick := func(bin, text string) string {
		if binary {
			return bin
		}
		return text
	}
	unsigned := func(s string) string {
		if ct.Unsigned {
			return "UNSIGNED " + s
		}
		return s
	}
	switch ct.TypeCode {
	case typeTiny:
		return unsigned("TINYINT")
	case typeShort:
		return unsigned("SMALLINT")
	case typeInt24:
		return unsigned("MEDIUMINT")
	case typeLong:
		return unsigned("INT")
	case typeLongLong:
		return unsigned("BIGINT")
	case typeFloat:
		return "FLOAT"
	case typeDouble:
		return "DOUBLE"
	case typeDecimal, typeNewDecimal:
		return "DECIMAL"
	case typeNull:
		return "NULL"
	case typeTimestamp:
		return "TIMESTAMP"
	case typeDate, typeNewDate:
		return "DATE"
	case typeTime:
		return "TIME"
	case typeDateTime:
		return "DATETIME"
	case typeYear:
		return "YEAR"
	case typeBit:
		return "BIT"
	case typeJSON:
		return "JSON"
	case typeEnum:
		return "ENUM"
	case typeSet:
		return "SET"
	case typeGeometry:
		return "GEOMETRY"
	case typeTinyBlob:
		return pick("TINYBLOB", "TINYTEXT")
	case typeMediumBlob:
		return pick("MEDIUMBLOB", "MEDIUMTEXT")
	case typeLongBlob:
		return pick("LONGBLOB", "LONGTEXT")
	case typeBlob:
		return pick("BLOB", "TEXT")
	case typeVarChar, typeVarString:
		return pick("VARBINARY", "VARCHAR")
	case typeString:
		switch {
		case ct.Flags&flagEnum != 0:
			return "ENUM"
		case ct.Flags&flagSet != 0:
			return "SET"
		}
		return pick("BINARY", "CHAR")
	}
	return ""
}

// ColumnTypeLength returns the length of a variable-length column: text in
// characters, binary strings in bytes.
func (rs *rows) ColumnTypeLength(i int) (int64, bool) {
	ct := &rs.cols[i]
	switch ct.TypeCode {
	case typeVarChar, typeVarString, typeString, typeTinyBlob, typeMediumBlob, typeLongBlob, typeBlob, typeJSON, typeGeometry:
		return int64(ct.DisplaySize()), true
	}
	return 0, false
}

// ColumnTypeNullable reports whether the column may hold NULL.
func (rs *rows) ColumnTypeNullable(i int) (nullable, ok bool) { return rs.cols[i].Nullable, true }

// ColumnTypePrecisionScale returns DECIMAL's precision and scale, and for
// FLOAT and DOUBLE math.MaxInt64 as the precision and the declared scale
// (math.MaxInt64 when none was declared), and for TIME, DATETIME and
// TIMESTAMP their fractional digits as both, as go-sql-driver/mysql does.
func (rs *rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	ct := &rs.cols[i]
	switch ct.TypeCode {
	case typeDecimal, typeNewDecimal:
		return int64(ct.Precision), int64(ct.Scale), true
	case typeTimestamp, typeDateTime, typeTime:
		return int64(ct.Scale), int64(ct.Scale), true
	case typeFloat, typeDouble:
		if ct.Scale == 0 {
			return math.MaxInt64, math.MaxInt64, true
		}
		return math.MaxInt64, int64(ct.Scale), true
	}
	return 0, 0, false
}

// The scan types.
var (
	scanInt8       = reflect.TypeFor[int8]()
	scanInt16      = reflect.TypeFor[int16]()
	scanInt32      = reflect.TypeFor[int32]()
	scanInt64      = reflect.TypeFor[int64]()
	scanUint8      = reflect.TypeFor[uint8]()
	scanUint16     = reflect.TypeFor[uint16]()
	scanUint32     = reflect.TypeFor[uint32]()
	scanUint64     = reflect.TypeFor[uint64]()
	scanFloat32    = reflect.TypeFor[float32]()
	scanFloat64    = reflect.TypeFor[float64]()
	scanBool       = reflect.TypeFor[bool]()
	scanBytes      = reflect.TypeFor[[]byte]()
	scanString     = reflect.TypeFor[string]()
	scanNullString = reflect.TypeFor[sql.NullString]()
	scanNullInt    = reflect.TypeFor[sql.NullInt64]()
	scanNullUint   = reflect.TypeFor[sql.Null[uint64]]()
	scanNullFloat  = reflect.TypeFor[sql.NullFloat64]()
	scanNullBool   = reflect.TypeFor[sql.NullBool]()
	scanNullTime   = reflect.TypeFor[sql.NullTime]()
	scanAny        = reflect.TypeFor[any]()
)

// ColumnTypeScanType returns the Go type go-sql-driver/mysql names for the
// column: a sized int or uint for a NOT NULL integer column and
// sql.NullInt64 (sql.Null[uint64] for BIGINT UNSIGNED) for a nullable one;
// float32, float64 or sql.NullFloat64; []byte for binary strings and BIT;
// string or sql.NullString for text, DECIMAL, ENUM, SET, JSON and TIME;
// sql.NullTime for dates (with or without parseTime); with tinyInt1IsBool,
// bool or sql.NullBool for TINYINT(1).
func (rs *rows) ColumnTypeScanType(i int) reflect.Type {
	ct := &rs.cols[i]
	null := ct.Nullable
	pickInt := func(s, u reflect.Type) reflect.Type {
		switch {
		case null && ct.Unsigned && ct.TypeCode == typeLongLong:
			return scanNullUint
		case null:
			return scanNullInt
		case ct.Unsigned:
			return u
		}
		return s
	}
	switch ct.TypeCode {
	case typeTiny:
		if rs.conn.opts.tinyInt1IsBool && ct.Length == 1 {
			if null {
				return scanNullBool
			}
			return scanBool
		}
		return pickInt(scanInt8, scanUint8)
	case typeShort, typeYear:
		return pickInt(scanInt16, scanUint16)
	case typeInt24, typeLong:
		return pickInt(scanInt32, scanUint32)
	case typeLongLong:
		return pickInt(scanInt64, scanUint64)
	case typeFloat:
		if null {
			return scanNullFloat
		}
		return scanFloat32
	case typeDouble:
		if null {
			return scanNullFloat
		}
		return scanFloat64
	case typeBit, typeTinyBlob, typeMediumBlob, typeLongBlob, typeBlob, typeVarString, typeString, typeGeometry:
		if ct.Binary {
			return scanBytes
		}
		return pickString(null)
	case typeDecimal, typeNewDecimal, typeVarChar, typeEnum, typeSet, typeJSON, typeTime:
		return pickString(null)
	case typeDate, typeNewDate, typeDateTime, typeTimestamp:
		return scanNullTime
	}
	return scanAny
}

// pickString is the scan type of text: string, or sql.NullString.
func pickString(null bool) reflect.Type {
	if null {
		return scanNullString
	}
	return scanString
}
