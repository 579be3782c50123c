package wire_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestStmtCommandsKnownBytes(t *testing.T) {
	tests := []struct {
		name string
		in   encoder
		out  any // a decoder, or *wire.ComStmtExecute
		wire string
	}{
		// The example of MariaDB's COM_STMT_PREPARE page (header dropped).
		{"prepare, MariaDB docs", wire.ComStmtPrepare{Query: "SELECT * FROM test_bind_result"}, &wire.ComStmtPrepare{},
			"16 53454c454354202a2046524f4d20746573745f62696e645f726573756c74"},
		// The example of MySQL's COM_STMT_PREPARE page.
		{"prepare, MySQL docs", wire.ComStmtPrepare{Query: "SELECT CONCAT(?, ?) AS col1"}, &wire.ComStmtPrepare{},
			"16 53454c45435420434f4e434154283f2c203f2920415320636f6c31"},
		{"empty prepare", wire.ComStmtPrepare{}, &wire.ComStmtPrepare{}, "16"},
		// The example of MySQL's COM_STMT_EXECUTE page: one VARCHAR "foo".
		{"execute, MySQL docs", wire.ComStmtExecute{StatementID: 1, Iterations: 1, SendTypes: true,
			Params: []wire.StmtParam{{Type: wire.TypeVarChar, Value: []byte("\x03foo")}}},
			&wire.ComStmtExecute{}, "17 01000000 00 01000000 00 01 0f00 03666f6f"},
		{"execute, no params", wire.ComStmtExecute{StatementID: 7, Iterations: 1}, &wire.ComStmtExecute{},
			"17 07000000 00 01000000"},
		{"execute, last prepared, cursor", wire.ComStmtExecute{StatementID: wire.LastStatementID,
			Flags: wire.CursorReadOnly, Iterations: 1}, &wire.ComStmtExecute{}, "17 ffffffff 01 01000000"},
		{"send long data", wire.ComStmtSendLongData{StatementID: 2, Param: 0x0102, Data: []byte("abc")},
			&wire.ComStmtSendLongData{}, "18 02000000 0201 616263"},
		{"close", wire.ComStmtClose{StatementID: 0x01020304}, &wire.ComStmtClose{}, "19 04030201"},
		{"reset", wire.ComStmtReset{StatementID: 5}, &wire.ComStmtReset{}, "1a 05000000"},
		{"fetch", wire.ComStmtFetch{StatementID: 1, Rows: 100}, &wire.ComStmtFetch{}, "1c 01000000 64000000"},
	}
	for _, tt := range tests {
		want := unhex(t, tt.wire)
		got, err := tt.in.Encode([]byte{0xEE}, 0)
		if err != nil || !bytes.Equal(got[1:], want) {
			t.Errorf("%s: encoded %x, %v; want ee%x", tt.name, got, err, want)
			continue
		}
		var derr error
		switch x := tt.out.(type) {
		case *wire.ComStmtExecute:
			derr = x.Decode(want, 0, len(tt.in.(wire.ComStmtExecute).Params), nil)
		case decoder:
			derr = x.Decode(want, 0)
		}
		if derr != nil {
			t.Errorf("%s: %v", tt.name, derr)
			continue
		}
		if back := reflect.ValueOf(tt.out).Elem().Interface(); !reflect.DeepEqual(back, tt.in) {
			t.Errorf("%s: decoded %+v, want %+v", tt.name, back, tt.in)
		}
	}
}

func TestStmtPrepareOK(t *testing.T) {
	// The example of MySQL's COM_STMT_PREPARE page: id 1, 1 column, 2
	// parameters, no warnings.
	doc := unhex(t, "00 01000000 0100 0200 00 0000")
	var p wire.StmtPrepareOK
	if err := p.Decode(doc, 0); err != nil {
		t.Fatal(err)
	}
	want := wire.StmtPrepareOK{StatementID: 1, Columns: 1, Params: 2, MetadataFollows: true}
	if p != want {
		t.Fatalf("decoded %+v, want %+v", p, want)
	}
	if b, err := p.Encode(nil, 0); err != nil || !bytes.Equal(b, doc) {
		t.Fatalf("re-encoded %x, %v", b, err)
	}
	// An old server's 10 bytes, without the warning count.
	if err := p.Decode(doc[:10], 0); err != nil || p != want {
		t.Fatalf("10 bytes: %+v, %v", p, err)
	}
	// MySQL 8 with optional metadata: the 13th byte.
	opt := wire.ClientOptionalResultsetMetadata
	full := unhex(t, "00 2a000000 0300 0000 00 0500 00")
	if err := p.Decode(full, opt); err != nil {
		t.Fatal(err)
	}
	if want := (wire.StmtPrepareOK{StatementID: 42, Columns: 3, Warnings: 5}); p != want {
		t.Fatalf("decoded %+v, want %+v", p, want)
	}
	if b, err := p.Encode(nil, opt); err != nil || !bytes.Equal(b, full) {
		t.Fatalf("re-encoded %x, %v", b, err)
	}
	if _, err := p.Encode(nil, 0); err == nil {
		t.Fatal("skipped metadata encoded without the capability")
	}
	if _, err := p.Encode(nil, wire.MariaDBClientCacheMetadata); err == nil {
		t.Fatal("MariaDB's cache-metadata capability does not add the flag byte to this packet")
	}
	p.MetadataFollows = true
	if b, _ := p.Encode(nil, opt); b[12] != 1 {
		t.Fatalf("metadata-follows byte %d", b[12])
	}
	for name, bad := range map[string]string{
		"empty":                 "",
		"ERR header":            "ff 01000000 0100 0200 00 0000",
		"short":                 "00 01000000 0100 02",
		"filler":                "00 01000000 0100 0200 01 0000",
		"odd warnings":          "00 01000000 0100 0200 00 00",
		"flag without the caps": "00 01000000 0100 0200 00 0000 01",
		"trailing":              "00 01000000 0100 0200 00 0000 01 00",
	} {
		wantMalformed(t, p.Decode(unhex(t, bad), 0), name)
	}
	wantMalformed(t, p.Decode(unhex(t, "00 01000000 0100 0200 00 0000 02"), opt), "flag 2")
}

func TestComStmtExecuteParams(t *testing.T) {
	in := wire.ComStmtExecute{StatementID: 3, Flags: wire.CursorReadOnly, Iterations: 1, SendTypes: true,
		Params: []wire.StmtParam{
			{Type: wire.TypeLongLong, Unsigned: true, Value: []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
			{Type: wire.TypeVarString, Null: true},
			{Type: wire.TypeTiny, Value: []byte{0x80}},
			{Type: wire.TypeBlob, LongData: true},
			{Type: wire.TypeDateTime, Value: []byte{4, 0xe8, 0x07, 1, 2}},
			{Type: wire.TypeTime, Value: []byte{0}},
			{Type: wire.TypeDouble, Value: make([]byte, 8)},
			{Type: wire.TypeNull, Null: true},
			{Type: wire.TypeShort, Value: []byte{1, 2}}, // the 9th: a second bitmap byte
		}}
	want := unhex(t, "17 03000000 01 01000000 8200 01"+
		"0880 fd00 0100 fc00 0c00 0b00 0500 0600 0200"+
		"ffffffffffffffff 80 04e8070102 00 0000000000000000 0102")
	got, err := in.Encode(nil, 0)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("encoded\n%x, %v; want\n%x", got, err, want)
	}
	var out wire.ComStmtExecute
	if err := out.Decode(got, 0, len(in.Params), in.Params); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("decoded\n%+v, want\n%+v", out, in)
	}
	// Without types: they come from the previous execute.
	in.SendTypes = false
	got, err = in.Encode(nil, 0)
	if wantNoTypes := unhex(t, "17 03000000 01 01000000 8200 00"+
		"ffffffffffffffff 80 04e8070102 00 0000000000000000 0102"); err != nil || !bytes.Equal(got, wantNoTypes) {
		t.Fatalf("encoded without types %x, %v", got, err)
	}
	if err := out.Decode(got, 0, len(in.Params), in.Params); err != nil || !reflect.DeepEqual(out, in) {
		t.Fatalf("decoded without types %+v, %v", out, err)
	}
	wantMalformed(t, out.Decode(got, 0, len(in.Params), nil), "no types and none known")
	// MySQL 8's query-attribute layout: a count, and a name per type.
	qa := wire.ComStmtExecute{StatementID: 1, Iterations: 1, SendTypes: true,
		Params: []wire.StmtParam{{Type: wire.TypeTiny, Value: []byte{7}}}}
	got, err = qa.Encode(nil, wire.ClientQueryAttributes)
	if err != nil || !bytes.Equal(got, unhex(t, "17 01000000 00 01000000 01 00 01 0100 00 07")) {
		t.Fatalf("with query attributes %x, %v", got, err)
	}
	if err := out.Decode(got, wire.ClientQueryAttributes, 1, nil); err != nil || !reflect.DeepEqual(out, qa) {
		t.Fatalf("decoded with query attributes %+v, %v", out, err)
	}
}

func TestComStmtExecuteEncodeErrors(t *testing.T) {
	for name, e := range map[string]wire.ComStmtExecute{
		"NULL with a value":     {Params: []wire.StmtParam{{Type: wire.TypeTiny, Null: true, Value: []byte{1}}}},
		"NULL and long data":    {Params: []wire.StmtParam{{Type: wire.TypeBlob, Null: true, LongData: true}}},
		"short integer":         {Params: []wire.StmtParam{{Type: wire.TypeLong, Value: []byte{1, 2, 3}}}},
		"long integer":          {Params: []wire.StmtParam{{Type: wire.TypeTiny, Value: []byte{1, 2}}}},
		"missing value":         {Params: []wire.StmtParam{{Type: wire.TypeVarString}}},
		"string past its bytes": {Params: []wire.StmtParam{{Type: wire.TypeVarString, Value: []byte{5, 'a'}}}},
		"string and more":       {Params: []wire.StmtParam{{Type: wire.TypeVarString, Value: []byte{1, 'a', 'b'}}}},
		"bad date length":       {Params: []wire.StmtParam{{Type: wire.TypeDate, Value: []byte{5, 1, 2, 3, 4, 5}}}},
		"bad time length":       {Params: []wire.StmtParam{{Type: wire.TypeTime, Value: []byte{4, 1, 2, 3, 4}}}},
		"bad TIME2 length":      {Params: []wire.StmtParam{{Type: wire.TypeTime2, Value: []byte{7, 1, 2, 3, 4, 5, 6, 7}}}},
		"unknown flags":         {Flags: 0x08},
		"too many":              {Params: make([]wire.StmtParam, wire.MaxParams+1)},
	} {
		for i := range e.Params {
			if e.Params[i].Type == 0 && name == "too many" {
				e.Params[i].Null = true
			}
		}
		if b, err := e.Encode([]byte{1}, 0); err == nil || len(b) != 1 {
			t.Errorf("%s: encoded %x, %v; want an error and nothing appended", name, b, err)
		}
	}
	if b, err := (wire.ComStmtExecute{}).Encode(nil, 0); err != nil || b[5] != 0 || b[6] != 1 {
		t.Errorf("zero Iterations: %x, %v; want the count 1", b, err)
	}
}

func TestComStmtExecuteDecodeErrors(t *testing.T) {
	prev := []wire.StmtParam{{Type: wire.TypeLong}, {Type: wire.TypeVarString}}
	for name, tc := range map[string]struct {
		hex string
		n   int
	}{
		"empty":                 {"", 0},
		"other command":         {"16 01000000 00 01000000", 0},
		"short header":          {"17 01000000 00 010000", 0},
		"zero iterations":       {"17 01000000 00 00000000", 0},
		"unknown flags":         {"17 01000000 08 01000000", 0},
		"params when none":      {"17 01000000 00 01000000 00", 0},
		"no bitmap":             {"17 01000000 00 01000000", 2},
		"no bound flag":         {"17 01000000 00 01000000 00", 2},
		"bound flag 2":          {"17 01000000 00 01000000 00 02", 2},
		"types cut short":       {"17 01000000 00 01000000 00 01 0300 fd", 2},
		"bad type flag":         {"17 01000000 00 01000000 00 01 0301 fd00 01000000 00", 2},
		"value cut short":       {"17 01000000 00 01000000 00 01 0300 fd00 010000", 2},
		"string past its end":   {"17 01000000 00 01000000 00 01 0300 fd00 01000000 05 61", 2},
		"string NULL marker":    {"17 01000000 00 01000000 00 01 0300 fd00 01000000 fb", 2},
		"trailing":              {"17 01000000 00 01000000 00 01 0300 fd00 01000000 00 00", 2},
		"bad temporal length":   {"17 01000000 00 01000000 00 01 0c00 0c00 05 0000000000 00", 2},
		"negative count":        {"17 01000000 00 01000000", -1},
		"count above MaxParams": {"17 01000000 00 01000000", wire.MaxParams + 1},
	} {
		var e wire.ComStmtExecute
		wantMalformed(t, e.Decode(unhex(t, tc.hex), 0, tc.n, prev), name)
	}
	// Query attributes: a count that differs, or a name.
	var e wire.ComStmtExecute
	wantMalformed(t, e.Decode(unhex(t, "17 01000000 00 01000000 02 00 01 0100 00 07"), wire.ClientQueryAttributes, 1, nil), "count 2 of 1")
	wantMalformed(t, e.Decode(unhex(t, "17 01000000 00 01000000 01 00 01 0100 0161 07"), wire.ClientQueryAttributes, 1, nil), "a name")
}

func TestComStmtExecuteLongDataAndNull(t *testing.T) {
	// A parameter marked long data by the caller has no value; if the
	// bitmap says NULL, it is NULL and not long data.
	prev := []wire.StmtParam{{Type: wire.TypeBlob, LongData: true}, {Type: wire.TypeBlob, LongData: true}}
	var e wire.ComStmtExecute
	if err := e.Decode(unhex(t, "17 01000000 00 01000000 02 00"), 0, 2, prev); err != nil {
		t.Fatal(err)
	}
	if p := e.Params; !p[0].LongData || p[0].Null || p[1].LongData || !p[1].Null || p[0].Value != nil {
		t.Fatalf("params %+v", p)
	}
}

func TestStmtDecodeErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		d   decoder
		hex string
	}{
		"close short":       {&wire.ComStmtClose{}, "19 010000"},
		"close long":        {&wire.ComStmtClose{}, "19 0100000000"},
		"close as reset":    {&wire.ComStmtReset{}, "19 01000000"},
		"reset short":       {&wire.ComStmtReset{}, "1a"},
		"fetch short":       {&wire.ComStmtFetch{}, "1c 01000000 010000"},
		"fetch long":        {&wire.ComStmtFetch{}, "1c 01000000 01000000 00"},
		"long data short":   {&wire.ComStmtSendLongData{}, "18 01000000 00"},
		"long data command": {&wire.ComStmtSendLongData{}, "17 01000000 0000"},
		"prepare command":   {&wire.ComStmtPrepare{}, "03 53454c454354"},
		"prepare empty":     {&wire.ComStmtPrepare{}, ""},
	} {
		wantMalformed(t, tc.d.Decode(unhex(t, tc.hex), 0), name)
	}
	var ld wire.ComStmtSendLongData
	src := unhex(t, "18 01000000 0000 616263")
	if err := ld.Decode(src, 0); err != nil || string(ld.Data) != "abc" || &ld.Data[0] != &src[7] {
		t.Fatalf("long data %+v, %v; want Data aliasing the payload", ld, err)
	}
	if err := ld.Decode(src[:7], 0); err != nil || ld.Data != nil {
		t.Fatalf("empty long data %+v, %v", ld, err)
	}
}

func TestAppendComStmtPrepare(t *testing.T) {
	q := strings.Repeat("x", 100)
	buf := make([]byte, 4, 200)
	out := wire.AppendComStmtPrepare(buf, q)
	if &out[0] != &buf[0] || string(out[4:]) != "\x16"+q {
		t.Fatal("AppendComStmtPrepare did not append in place")
	}
	if allocs := testing.AllocsPerRun(100, func() { out = wire.AppendComStmtPrepare(buf, q) }); allocs != 0 {
		t.Errorf("AppendComStmtPrepare allocates %v times into a large enough buffer", allocs)
	}
}

func TestComStmtExecuteEncodeAllocs(t *testing.T) {
	e := wire.ComStmtExecute{StatementID: 1, SendTypes: true, Params: []wire.StmtParam{
		{Type: wire.TypeLongLong, Value: make([]byte, 8)}, {Type: wire.TypeVarString, Value: []byte("\x02ab")},
		{Type: wire.TypeNull, Null: true}}}
	buf := make([]byte, 0, 128)
	if allocs := testing.AllocsPerRun(100, func() { _, _ = e.Encode(buf, 0) }); allocs != 0 {
		t.Errorf("Encode allocates %v times into a large enough buffer", allocs)
	}
}
