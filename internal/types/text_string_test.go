package types_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/charset"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

const fourByte = "emoji 😀, CJK 𠜎, and 𝄞 with a quote ' and \\ and \x00"

func TestTextOrBinaryDecidedByCharset(t *testing.T) {
	for _, typ := range []wire.FieldType{wire.TypeVarString, wire.TypeString, wire.TypeVarChar,
		wire.TypeTinyBlob, wire.TypeBlob, wire.TypeMediumBlob, wire.TypeLongBlob} {
		text := col(typ, wire.FlagBlob)
		got, err := types.DecodeText(text, []byte(fourByte), false, nil)
		if err != nil || got != fourByte {
			t.Fatalf("%s text: %#v, %v", typ, got, err)
		}
		bin := binCol(typ)
		got, err = types.DecodeText(bin, []byte(fourByte), false, nil)
		if err != nil || !bytes.Equal(got.([]byte), []byte(fourByte)) {
			t.Fatalf("%s binary: %#v, %v", typ, got, err)
		}
		if text.Kind() != types.KindString || bin.Kind() != types.KindBytes {
			t.Fatalf("%s kinds %s, %s", typ, text.Kind(), bin.Kind())
		}
	}
	// A binary-collation flag alone (utf8mb4_bin) does not make bytes.
	c := col(wire.TypeVarString, wire.FlagBinary)
	c.Charset = 46
	if got, _ := types.DecodeText(c, []byte("x"), false, nil); got != "x" {
		t.Fatalf("utf8mb4_bin gave %#v", got)
	}
}

func TestEmptyStringIsNotNull(t *testing.T) {
	for _, c := range []*types.Column{col(wire.TypeVarString, 0), binCol(wire.TypeBlob)} {
		for _, raw := range [][]byte{{}, nil} {
			var b []byte
			if err := types.ScanText(c, raw, false, &b, nil); err != nil || b == nil || len(b) != 0 {
				t.Fatalf("*[]byte = %#v, %v", b, err)
			}
			var rb types.RawBytes
			if err := types.ScanText(c, raw, false, &rb, nil); err != nil || rb == nil || len(rb) != 0 {
				t.Fatalf("*RawBytes = %#v, %v", rb, err)
			}
			nat, err := types.DecodeText(c, raw, false, nil)
			if err != nil || nat == nil {
				t.Fatalf("natural = %#v, %v", nat, err)
			}
			if bs, ok := nat.([]byte); ok && bs == nil {
				t.Fatal("natural []byte is nil")
			}
		}
	}
}

func TestCopiesDoNotAliasTheRow(t *testing.T) {
	row := []byte("hello")
	c := binCol(wire.TypeBlob)
	var b []byte
	var js json.RawMessage
	var rb types.RawBytes
	var a any
	for _, d := range []any{&b, &js, &rb, &a} {
		if err := types.ScanText(c, row, false, d, nil); err != nil {
			t.Fatal(err)
		}
	}
	row[0] = 'J'
	if string(b) != "hello" || string(js) != "hello" || string(a.([]byte)) != "hello" {
		t.Fatalf("a copy changed with the row: %q %q %q", b, js, a)
	}
	if string(rb) != "Jello" {
		t.Fatalf("RawBytes should alias the row, got %q", rb)
	}
}

func TestJSON(t *testing.T) {
	doc := `{"k": "😀 \u00e9 é", "n": [1, 2.5, null]}`
	mysql := col(wire.TypeJSON, wire.FlagBlob|wire.FlagBinary)
	mysql.Charset = charset.Binary
	maria := col(wire.TypeBlob, wire.FlagBlob)
	maria.FormatName = "json"
	for _, c := range []*types.Column{mysql, maria} {
		if c.Kind() != types.KindJSON {
			t.Fatalf("kind %s", c.Kind())
		}
		got, err := types.DecodeText(c, []byte(doc), false, nil)
		raw, ok := got.(json.RawMessage)
		if err != nil || !ok || string(raw) != doc {
			t.Fatalf("natural = %#v, %v", got, err)
		}
		rm, err := scanText[json.RawMessage](t, c, doc, nil)
		if err != nil || string(rm) != doc {
			t.Fatalf("*json.RawMessage = %s, %v", rm, err)
		}
		s, err := scanText[string](t, c, doc, nil)
		if err != nil || s != doc {
			t.Fatalf("*string = %s, %v", s, err)
		}
	}
}

func TestEnumAndSet(t *testing.T) {
	enum := col(wire.TypeString, wire.FlagEnum)
	if got, err := types.DecodeText(enum, []byte("médium"), false, nil); err != nil || got != "médium" {
		t.Fatalf("ENUM = %#v, %v", got, err)
	}
	set := col(wire.TypeString, wire.FlagSet)
	if got, err := types.DecodeText(set, []byte("a,b"), false, nil); err != nil || got != "a,b" {
		t.Fatalf("SET = %#v, %v", got, err)
	}
	parts, err := scanText[[]string](t, set, "read,write,😀", nil)
	if err != nil || len(parts) != 3 || parts[2] != "😀" {
		t.Fatalf("SET into *[]string = %q, %v", parts, err)
	}
	empty, err := scanText[[]string](t, set, "", nil)
	if err != nil || empty == nil || len(empty) != 0 {
		t.Fatalf("empty SET = %#v, %v", empty, err)
	}
	type perms []string
	p, err := scanText[perms](t, set, "x,y", nil)
	if err != nil || len(p) != 2 {
		t.Fatalf("named []string = %#v, %v", p, err)
	}
	_, err = scanText[[]string](t, col(wire.TypeLong, 0), "1", nil)
	wantErr(t, err, types.ErrUnsupported)
}

func TestBit(t *testing.T) {
	b1 := col(wire.TypeBit, unsigned)
	b64 := col(wire.TypeBit, unsigned)
	tests := []struct {
		c    *types.Column
		raw  []byte
		want uint64
	}{
		{b1, []byte{0}, 0},
		{b1, []byte{1}, 1},
		{b64, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, math.MaxUint64},
		{b64, []byte{0x80, 0, 0, 0, 0, 0, 0, 1}, 1<<63 | 1},
		{b64, []byte{0x01, 0x02}, 0x0102},
	}
	for _, tt := range tests {
		got, err := types.DecodeText(tt.c, tt.raw, false, nil)
		if err != nil || got != tt.want {
			t.Fatalf("%x = %#v, %v", tt.raw, got, err)
		}
		var u uint64
		if err := types.ScanText(tt.c, tt.raw, false, &u, nil); err != nil || u != tt.want {
			t.Fatalf("*uint64 = %d, %v", u, err)
		}
		var b []byte
		if err := types.ScanText(tt.c, tt.raw, false, &b, nil); err != nil || !bytes.Equal(b, tt.raw) {
			t.Fatalf("*[]byte = %x, %v", b, err)
		}
		var i int64
		err = types.ScanText(tt.c, tt.raw, false, &i, nil)
		if tt.want > math.MaxInt64 {
			wantErr(t, err, types.ErrRange)
		} else if err != nil || uint64(i) != tt.want {
			t.Fatalf("*int64 = %d, %v", i, err)
		}
	}
	var on bool
	if err := types.ScanText(b1, []byte{1}, false, &on, nil); err != nil || !on {
		t.Fatalf("BIT(1) into *bool = %v, %v", on, err)
	}
	_, err := types.DecodeText(b64, make([]byte, 9), false, nil)
	wantErr(t, err, types.ErrRange)
}

func TestGeometryIsSRIDAndWKB(t *testing.T) {
	// POINT(1 2) with SRID 4326.
	wkb := []byte{1, 1, 0, 0, 0}
	wkb = binary.LittleEndian.AppendUint64(wkb, math.Float64bits(1))
	wkb = binary.LittleEndian.AppendUint64(wkb, math.Float64bits(2))
	raw := binary.LittleEndian.AppendUint32(nil, 4326)
	raw = append(raw, wkb...)
	c := binCol(wire.TypeGeometry)
	got, err := types.DecodeText(c, raw, false, nil)
	if err != nil || !bytes.Equal(got.([]byte), raw) {
		t.Fatalf("natural = %x, %v", got, err)
	}
	srid, w, err := types.SplitGeometry(got.([]byte))
	if err != nil || srid != 4326 || !bytes.Equal(w, wkb) {
		t.Fatalf("SplitGeometry = %d %x %v", srid, w, err)
	}
	_, _, err = types.SplitGeometry([]byte{1, 2, 3, 4})
	if err == nil {
		t.Fatal("SplitGeometry of 4 bytes succeeded")
	}
}

func TestVector(t *testing.T) {
	want := []float32{1.5, -2, float32(math.Inf(1)), 0}
	var raw []byte
	for _, f := range want {
		raw = binary.LittleEndian.AppendUint32(raw, math.Float32bits(f))
	}
	mysql := binCol(wire.TypeVector)
	maria := binCol(wire.TypeVarString)
	maria.DataTypeName = "vector"
	for _, c := range []*types.Column{mysql, maria} {
		got, err := types.DecodeText(c, raw, false, nil)
		if err != nil || !equal(got, want) {
			t.Fatalf("natural = %v, %v", got, err)
		}
		fs, err := scanText[[]float32](t, c, string(raw), nil)
		if err != nil || !equal(fs, want) {
			t.Fatalf("*[]float32 = %v, %v", fs, err)
		}
		b, err := scanText[[]byte](t, c, string(raw), nil)
		if err != nil || !bytes.Equal(b, raw) {
			t.Fatalf("*[]byte = %x, %v", b, err)
		}
		_, err = types.DecodeText(c, raw[:5], false, nil)
		wantErr(t, err, types.ErrSyntax)
	}
	// Plain VARBINARY scans into *[]float32 too.
	if fs, err := scanText[[]float32](t, binCol(wire.TypeBlob), string(raw), nil); err != nil || len(fs) != 4 {
		t.Fatalf("VARBINARY into *[]float32 = %v, %v", fs, err)
	}
}
