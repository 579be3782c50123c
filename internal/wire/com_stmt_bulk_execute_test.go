package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// bulkTypes are a BIGINT UNSIGNED and a VARCHAR parameter.
var bulkTypes = []wire.StmtParam{{Type: wire.TypeLongLong, Unsigned: true}, {Type: wire.TypeVarString}}

// TestBulkExecuteKnownBytes: the layout of MariaDB's COM_STMT_BULK_EXECUTE
// page: id, 2-byte flags, the types (type byte, flag byte) when
// SEND_TYPES_TO_SERVER, then per row per parameter an indicator byte and,
// for NONE, the binary value.
func TestBulkExecuteKnownBytes(t *testing.T) {
	rows := [][]wire.StmtParam{
		{{Type: wire.TypeLongLong, Unsigned: true, Value: []byte{1, 0, 0, 0, 0, 0, 0, 0}}, {Type: wire.TypeVarString, Value: []byte("\x02ab")}},
		{{Type: wire.TypeLongLong, Unsigned: true, Value: []byte{2, 0, 0, 0, 0, 0, 0, 0}}, {Null: true}},
	}
	tests := []struct {
		name string
		in   wire.ComStmtBulkExecute
		wire string
	}{
		{"types sent", wire.ComStmtBulkExecute{StatementID: 3, Flags: wire.BulkSendTypes, Types: bulkTypes, Rows: rows},
			"fa 03000000 8000 0880 fd00 00 0100000000000000 00 026162 00 0200000000000000 01"},
		{"types held", wire.ComStmtBulkExecute{StatementID: 3, Types: bulkTypes, Rows: rows},
			"fa 03000000 0000 00 0100000000000000 00 026162 00 0200000000000000 01"},
	}
	for _, tt := range tests {
		want := unhex(t, tt.wire)
		got, err := tt.in.Encode([]byte{0xEE}, 0)
		if err != nil || !bytes.Equal(got[1:], want) {
			t.Errorf("%s: encoded %x, %v; want ee%x", tt.name, got, err, want)
			continue
		}
		var back wire.ComStmtBulkExecute
		if err := back.Decode(want, 0, 2, bulkTypes); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		// A NULL comes back as a NULL of the parameter's type.
		wantRows := [][]wire.StmtParam{rows[0], {rows[1][0], {Type: wire.TypeVarString, Null: true}}}
		if !reflect.DeepEqual(back.Rows, wantRows) || back.StatementID != 3 || back.Flags != tt.in.Flags {
			t.Errorf("%s: decoded %+v", tt.name, back)
		}
		if size := wire.BulkRowSize(rows[0]) + wire.BulkRowSize(rows[1]) + wire.BulkHeaderSize(2, tt.in.Flags); size != len(want) {
			t.Errorf("%s: sizes add up to %d, the packet is %d", tt.name, size, len(want))
		}
	}
}

// TestBulkExecuteRefuses: what cannot be encoded is an *EncodeError, and
// what a client cannot have sent is a *MalformedError.
func TestBulkExecuteRefuses(t *testing.T) {
	one := []wire.StmtParam{{Type: wire.TypeLongLong, Value: make([]byte, 8)}}
	ll := []wire.StmtParam{{Type: wire.TypeLongLong}}
	bad := map[string]wire.ComStmtBulkExecute{
		"no rows":             {Types: ll},
		"no parameters":       {Rows: [][]wire.StmtParam{{}}},
		"short row":           {Types: bulkTypes, Rows: [][]wire.StmtParam{one}},
		"another type":        {Types: []wire.StmtParam{{Type: wire.TypeLong}}, Rows: [][]wire.StmtParam{one}},
		"long data":           {Types: ll, Rows: [][]wire.StmtParam{{{Type: wire.TypeLongLong, LongData: true}}}},
		"cut value":           {Types: ll, Rows: [][]wire.StmtParam{{{Type: wire.TypeLongLong, Value: make([]byte, 7)}}}},
		"unit results unsent": {Flags: wire.BulkSendUnitResults, Types: ll, Rows: [][]wire.StmtParam{one}},
		"unknown flag":        {Flags: 1, Types: ll, Rows: [][]wire.StmtParam{one}},
	}
	for name, v := range bad {
		var ee *wire.EncodeError
		if _, err := v.Encode(nil, 0); !errors.As(err, &ee) {
			t.Errorf("%s: Encode = %v, want an *EncodeError", name, err)
		}
	}
	malformed := map[string]string{
		"no rows":           "fa 01000000 8000 0800",
		"default indicator": "fa 01000000 8000 0800 02",
		"bad indicator":     "fa 01000000 8000 0800 09",
		"cut value":         "fa 01000000 8000 0800 00 0102",
		"bad type flag":     "fa 01000000 8000 0801 01",
		"types unknown":     "fa 01000000 0000 01",
		"unknown flag":      "fa 01000000 0100 01",
		"wrong command":     "17 01000000 8000 0800 01",
		"short header":      "fa 0100",
	}
	for name, h := range malformed {
		var v wire.ComStmtBulkExecute
		var m *wire.MalformedError
		if err := v.Decode(unhex(t, h), 0, 1, nil); !errors.As(err, &m) {
			t.Errorf("%s: Decode = %v, want a *MalformedError", name, err)
		}
	}
	var v wire.ComStmtBulkExecute
	if err := v.Decode(unhex(t, "fa 01000000 8000"), 0, 0, nil); err == nil {
		t.Error("a statement without parameters decoded")
	}
}

// FuzzComStmtBulkExecute decodes COM_STMT_BULK_EXECUTE as the test server
// does, knowing the parameter count and the types held from before (type
// byte, flag byte per parameter), and checks the round trip.
func FuzzComStmtBulkExecute(f *testing.F) {
	f.Add(unhex(f, "fa 03000000 8000 0880 fd00 00 0100000000000000 00 026162 00 0200000000000000 01"), uint16(2), []byte{})
	f.Add(unhex(f, "fa 03000000 0000 01 01"), uint16(2), []byte{8, 0x80, 0xfd, 0})
	f.Fuzz(func(t *testing.T, data []byte, numParams uint16, prev []byte) {
		var prevTypes []wire.StmtParam
		for i := 0; i+1 < len(prev); i += 2 {
			prevTypes = append(prevTypes, wire.StmtParam{Type: wire.FieldType(prev[i]), Unsigned: prev[i+1]&0x80 != 0})
		}
		n := int(numParams)
		decode := func(b []byte) (wire.ComStmtBulkExecute, error) {
			var v wire.ComStmtBulkExecute
			return v, v.Decode(b, 0, n, prevTypes)
		}
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		if len(v.Types) != n || len(v.Rows) == 0 {
			t.Fatalf("%d types, %d rows decoded for %d parameters", len(v.Types), len(v.Rows), n)
		}
		for _, row := range v.Rows {
			if len(row) != n {
				t.Fatalf("a row of %d parameters, want %d", len(row), n)
			}
		}
		roundTrip(t, v, func(v wire.ComStmtBulkExecute) ([]byte, error) { return v.Encode(nil, 0) }, decode)
	})
}
