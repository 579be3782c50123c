package types_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestColumnFrom(t *testing.T) {
	d := wire.ColumnDefinition{Catalog: "def", Schema: "s", Table: "t", OrgTable: "t", Name: "doc",
		OrgName: "doc", CharacterSet: 224, ColumnLength: 4294967295, Type: wire.TypeBlob,
		Flags: wire.FlagBlob | wire.FlagNotNull, Decimals: 0, DataTypeName: "", FormatName: "json"}
	c := types.ColumnFrom(&d)
	want := types.Column{Name: "doc", Type: wire.TypeBlob, Flags: wire.FlagBlob | wire.FlagNotNull,
		Charset: 224, Length: 4294967295, FormatName: "json"}
	if c != want {
		t.Fatalf("ColumnFrom = %+v", c)
	}
	if c.Kind() != types.KindJSON || c.Nullable() || c.Unsigned() {
		t.Fatalf("Kind %s Nullable %v Unsigned %v", c.Kind(), c.Nullable(), c.Unsigned())
	}
}

func TestColumnKindTypeAndName(t *testing.T) {
	enum := col(wire.TypeString, wire.FlagEnum)
	set := col(wire.TypeString, wire.FlagSet)
	mjson := col(wire.TypeBlob, 0)
	mjson.FormatName = "json"
	tests := []struct {
		c    *types.Column
		kind types.Kind
		scan reflect.Type
		name string
	}{
		{col(wire.TypeTiny, 0), types.KindInt, reflect.TypeFor[int64](), "TINYINT"},
		{col(wire.TypeShort, unsigned), types.KindUint, reflect.TypeFor[uint64](), "UNSIGNED SMALLINT"},
		{col(wire.TypeInt24, 0), types.KindInt, reflect.TypeFor[int64](), "MEDIUMINT"},
		{col(wire.TypeLong, 0), types.KindInt, reflect.TypeFor[int64](), "INT"},
		{col(wire.TypeLongLong, unsigned), types.KindUint, reflect.TypeFor[uint64](), "UNSIGNED BIGINT"},
		{col(wire.TypeYear, unsigned), types.KindInt, reflect.TypeFor[int64](), "YEAR"},
		{col(wire.TypeFloat, 0), types.KindFloat32, reflect.TypeFor[float32](), "FLOAT"},
		{col(wire.TypeDouble, 0), types.KindFloat64, reflect.TypeFor[float64](), "DOUBLE"},
		{col(wire.TypeNewDecimal, 0), types.KindDecimal, reflect.TypeFor[string](), "DECIMAL"},
		{col(wire.TypeBit, 0), types.KindBit, reflect.TypeFor[uint64](), "BIT"},
		{col(wire.TypeDate, 0), types.KindDate, reflect.TypeFor[time.Time](), "DATE"},
		{col(wire.TypeDateTime, 0), types.KindDateTime, reflect.TypeFor[time.Time](), "DATETIME"},
		{col(wire.TypeTimestamp, 0), types.KindDateTime, reflect.TypeFor[time.Time](), "TIMESTAMP"},
		{col(wire.TypeTime, 0), types.KindTime, reflect.TypeFor[time.Duration](), "TIME"},
		{col(wire.TypeNull, 0), types.KindNull, reflect.TypeFor[any](), "NULL"},
		{col(wire.TypeJSON, 0), types.KindJSON, reflect.TypeFor[json.RawMessage](), "JSON"},
		{mjson, types.KindJSON, reflect.TypeFor[json.RawMessage](), "JSON"},
		{binCol(wire.TypeVector), types.KindVector, reflect.TypeFor[[]float32](), "VECTOR"},
		{binCol(wire.TypeGeometry), types.KindBytes, reflect.TypeFor[[]byte](), "GEOMETRY"},
		{enum, types.KindString, reflect.TypeFor[string](), "ENUM"},
		{set, types.KindString, reflect.TypeFor[string](), "SET"},
		{col(wire.TypeString, 0), types.KindString, reflect.TypeFor[string](), "CHAR"},
		{binCol(wire.TypeString), types.KindBytes, reflect.TypeFor[[]byte](), "BINARY"},
		{col(wire.TypeVarString, 0), types.KindString, reflect.TypeFor[string](), "VARCHAR"},
		{binCol(wire.TypeVarString), types.KindBytes, reflect.TypeFor[[]byte](), "VARBINARY"},
		{col(wire.TypeBlob, wire.FlagBlob), types.KindString, reflect.TypeFor[string](), "TEXT"},
		{binCol(wire.TypeBlob), types.KindBytes, reflect.TypeFor[[]byte](), "BLOB"},
		{col(wire.TypeTinyBlob, 0), types.KindString, reflect.TypeFor[string](), "TINYTEXT"},
		{binCol(wire.TypeMediumBlob), types.KindBytes, reflect.TypeFor[[]byte](), "MEDIUMBLOB"},
		{col(wire.TypeLongBlob, 0), types.KindString, reflect.TypeFor[string](), "LONGTEXT"},
	}
	for _, tt := range tests {
		if k := tt.c.Kind(); k != tt.kind {
			t.Errorf("%s: Kind %s, want %s", tt.c.Type, k, tt.kind)
		}
		if s := tt.c.ScanType(); s != tt.scan {
			t.Errorf("%s: ScanType %s, want %s", tt.c.Type, s, tt.scan)
		}
		if n := tt.c.DatabaseTypeName(); n != tt.name {
			t.Errorf("%s: DatabaseTypeName %s, want %s", tt.c.Type, n, tt.name)
		}
	}
	if charset.Binary != 63 {
		t.Fatal("charset.Binary moved")
	}
}

func TestKindString(t *testing.T) {
	if types.KindDateTime.String() != "DateTime" || types.Kind(200).String() != "Kind(200)" {
		t.Fatalf("%s %s", types.KindDateTime, types.Kind(200))
	}
}
