package wire_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestColumnCount(t *testing.T) {
	tests := []struct {
		in      string
		caps    wire.Capability
		count   uint64
		follows bool
	}{
		{"01", 0, 1, true},
		{"03", 0, 3, true},
		{"12 01", wire.MariaDBClientCacheMetadata, 18, true}, // the mariadb client's SELECT * of 18 columns
		{"01 00", wire.ClientOptionalResultsetMetadata, 1, false},
		{"fc 7011 01", wire.MariaDBClientCacheMetadata, 70000 & 0xFFFF, true},
		{"fd 701101", 0, 70000, true},
		{"fd 000010", 0, wire.MaxColumns, true},
	}
	for _, tt := range tests {
		pkt := unhex(t, tt.in)
		var cc wire.ColumnCount
		if err := cc.Decode(pkt); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if cc.Count != tt.count || cc.MetadataFollows != tt.follows {
			t.Errorf("%s: decoded %+v", tt.in, cc)
		}
		got, err := cc.Encode(nil, tt.caps)
		if err != nil || !bytes.Equal(got, pkt) {
			t.Errorf("%s: re-encoded %x, %v", tt.in, got, err)
		}
	}
}

func TestColumnCountMalformed(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"2^63", "fe ffffffffffffff7f"},
		{"2^63 as in the brief", "fe 00000000000000 80"},
		{"over MaxColumns", "fd 010010"},
		{"NULL marker", "fb"},
		{"0xFF", "ff 0000"},
		{"bad metadata byte", "01 02"},
		{"two trailing bytes", "01 01 00"},
		{"cut", "fc 01"},
	}
	for _, tt := range tests {
		var cc wire.ColumnCount
		wantMalformed(t, cc.Decode(unhex(t, tt.in)), tt.name)
	}
	var ee *wire.EncodeError
	if _, err := (wire.ColumnCount{Count: 1}).Encode(nil, 0); !errors.As(err, &ee) {
		t.Errorf("skipping metadata without the capability: %v", err)
	}
	if _, err := (wire.ColumnCount{Count: wire.MaxColumns + 1, MetadataFollows: true}).Encode(nil, 0); !errors.As(err, &ee) {
		t.Errorf("too many columns: %v", err)
	}
}

func TestColumnDefinitionDecodeReal(t *testing.T) {
	type want struct {
		name, orgName, table, typeName, format string
		charset                                uint16
		length                                 uint32
		typ                                    wire.FieldType
		flags                                  wire.ColumnFlag
		decimals                               byte
	}
	key := wire.FlagNotNull | wire.FlagPriKey | wire.FlagUnsigned | wire.FlagAutoIncrement | wire.FlagPartKey
	tests := map[string]want{
		"colExt1":  {"id", "id", "t", "", "", 63, 10, wire.TypeLong, key, 0},
		"colExt2":  {"j", "j", "t", "", "json", 45, 0xFFFFFFFF, wire.TypeBlob, wire.FlagBlob | wire.FlagBinary, 0},
		"colExt3":  {"u", "u", "t", "uuid", "", 45, 144, wire.TypeString, wire.FlagUnsigned | wire.FlagBinary, 0},
		"colExt4":  {"i6", "i6", "t", "inet6", "", 45, 156, wire.TypeString, wire.FlagUnsigned | wire.FlagBinary, 0},
		"colExt5":  {"i4", "i4", "t", "inet4", "", 45, 60, wire.TypeString, wire.FlagUnsigned | wire.FlagBinary, 0},
		"colExt6":  {"d", "d", "t", "", "", 63, 12, wire.TypeNewDecimal, 0, 2},
		"colExt11": {"g", "g", "t", "point", "", 63, 0xFFFFFFFF, wire.TypeGeometry, wire.FlagBlob | wire.FlagBinary, 0},
		"colExt19": {"@@version_comment", "", "", "", "", 45, 36, wire.TypeVarString, 0, 39},
		"col0":     {"id", "id", "t", "", "", 63, 10, wire.TypeLong, key, 0},
		"col1":     {"j", "j", "t", "", "", 45, 0xFFFFFFFF, wire.TypeBlob, wire.FlagBlob | wire.FlagBinary, 0},
		"col17":    {"vc", "vc", "t", "", "", 45, 80, wire.TypeVarString, wire.FlagUniqueKey | wire.FlagPartKey, 0},
	}
	for name, w := range tests {
		caps := wire.Capability(0)
		if strings.HasPrefix(name, "colExt") {
			caps = wire.MariaDBClientExtendedMetadata
		}
		var d wire.ColumnDefinition
		if err := d.Decode(capture(t, name), caps); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := want{d.Name, d.OrgName, d.Table, d.DataTypeName, d.FormatName, d.CharacterSet, d.ColumnLength, d.Type, d.Flags, d.Decimals}
		if got != w {
			t.Errorf("%s:\ngot  %+v\nwant %+v", name, got, w)
		}
		if d.Catalog != "def" {
			t.Errorf("%s: catalog %q", name, d.Catalog)
		}
	}
}

func TestColumnDefinitionReencodeAllReal(t *testing.T) {
	for prefix, caps := range map[string]wire.Capability{"colExt": wire.MariaDBClientExtendedMetadata, "col": 0} {
		for name, pkt := range capturesWithPrefix(t, prefix) {
			if prefix == "col" && strings.HasPrefix(name, "colExt") {
				continue
			}
			var d wire.ColumnDefinition
			if err := d.Decode(pkt, caps); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			got, err := d.Encode(nil, caps)
			if err != nil || !bytes.Equal(got, pkt) {
				t.Errorf("%s: re-encoded %x, %v; want %x", name, got, err, pkt)
			}
			// The wrong capability makes the packet malformed, not misread.
			wantMalformed(t, d.Decode(pkt, caps^wire.MariaDBClientExtendedMetadata), name+" with the wrong capability")
		}
	}
}

func TestColumnDefinitionMalformed(t *testing.T) {
	good := capture(t, "col0")
	tests := []struct {
		name string
		in   []byte
		caps wire.Capability
	}{
		{"trailing byte", append(bytes.Clone(good), 0), 0},
		{"fixed length 13", bytes.Replace(bytes.Clone(good), []byte{0x0c, 0x3f}, []byte{0x0d, 0x3f}, 1), 0},
		{"name length past the end", []byte{3, 'd', 'e', 'f', 0, 0, 0, 200, 'x'}, 0},
		{"extended block past the end", unhex(t, "03646566 00 00 00 00 00 09 00 01 78"), wire.MariaDBClientExtendedMetadata},
		{"extended value past its block", unhex(t, "03646566 00 00 00 00 00 03 00 05 7878 0c3f0000000000030000000000"), wire.MariaDBClientExtendedMetadata},
	}
	for _, tt := range tests {
		var d wire.ColumnDefinition
		wantMalformed(t, d.Decode(tt.in, tt.caps), tt.name)
	}
}

func TestColumnDefinitionRoundTrip(t *testing.T) {
	d := wire.ColumnDefinition{Catalog: "def", Schema: "s", Table: "t", OrgTable: "orig", Name: "n", OrgName: "o",
		CharacterSet: 224, ColumnLength: 1 << 31, Type: wire.TypeVector, Flags: 0xFFFF, Decimals: 31,
		DataTypeName: "vector", FormatName: "f"}
	b, err := d.Encode(nil, wire.MariaDBClientExtendedMetadata)
	if err != nil {
		t.Fatal(err)
	}
	var got wire.ColumnDefinition
	if err := got.Decode(b, wire.MariaDBClientExtendedMetadata); err != nil || !reflect.DeepEqual(got, d) {
		t.Fatalf("round trip %+v, %v", got, err)
	}
	var ee *wire.EncodeError
	if _, err := d.Encode(nil, 0); !errors.As(err, &ee) {
		t.Errorf("extended metadata without the capability: %v", err)
	}
	// Unknown extended tags are skipped.
	pkt := unhex(t, "03646566 00 00 00 00 00 08 07 02 7a7a 00 02 7878 0c3f0000000000030000000000")
	if err := got.Decode(pkt, wire.MariaDBClientExtendedMetadata); err != nil || got.DataTypeName != "xx" {
		t.Errorf("unknown tag: %+v, %v", got, err)
	}
}

func TestColumnDefinitionDecodeAllocs(t *testing.T) {
	pkt := capture(t, "colExt3")
	var d wire.ColumnDefinition
	allocs := testing.AllocsPerRun(100, func() {
		if err := d.Decode(pkt, wire.MariaDBClientExtendedMetadata); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 1 {
		t.Errorf("ColumnDefinition.Decode: %v allocations, want 1 (one string for all names)", allocs)
	}
}

func BenchmarkColumnDefinitionDecode(b *testing.B) {
	pkt := capture(b, "colExt19")
	var d wire.ColumnDefinition
	b.ReportAllocs()
	for b.Loop() {
		if err := d.Decode(pkt, wire.MariaDBClientExtendedMetadata); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleColumnDefinition_Decode() {
	// A column definition MariaDB 10.11 sent for a UUID column.
	pkt := []byte("\x03def\x07wirecap\x01t\x01t\x01u\x01u\x06\x00\x04uuid\x0c\x2d\x00\x90\x00\x00\x00\xfe\xa0\x00\x00\x00\x00")
	var d wire.ColumnDefinition
	if err := d.Decode(pkt, wire.MariaDBClientExtendedMetadata); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Schema, d.Table, d.Name, d.Type, d.DataTypeName, d.Flags)
	// Output: wirecap t u STRING uuid UNSIGNED|BINARY
}
