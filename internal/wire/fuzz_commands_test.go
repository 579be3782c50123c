package wire_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// FuzzCommands decodes client commands as the test server does, choosing the
// type by the first byte.
func FuzzCommands(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, capBits uint64) {
		caps := wire.Capability(capBits) & relevantCaps
		if len(data) == 0 {
			return
		}
		switch wire.Command(data[0]) {
		case wire.CommandQuery:
			fuzzCommand[wire.ComQuery](t, data, caps)
		case wire.CommandInitDB:
			fuzzCommand[wire.ComInitDB](t, data, caps)
		case wire.CommandSetOption:
			fuzzCommand[wire.ComSetOption](t, data, caps)
		case wire.CommandProcessKill:
			fuzzCommand[wire.ComProcessKill](t, data, caps)
		case wire.CommandChangeUser:
			fuzzCommand[wire.ComChangeUser](t, data, caps)
		case wire.CommandStmtPrepare:
			fuzzCommand[wire.ComStmtPrepare](t, data, caps)
		case wire.CommandStmtSendLongData:
			fuzzCommand[wire.ComStmtSendLongData](t, data, caps)
		case wire.CommandStmtClose:
			fuzzCommand[wire.ComStmtClose](t, data, caps)
		case wire.CommandStmtReset:
			fuzzCommand[wire.ComStmtReset](t, data, caps)
		case wire.CommandStmtFetch:
			fuzzCommand[wire.ComStmtFetch](t, data, caps)
		default:
			var c wire.Command
			if err := c.Decode(data); err != nil {
				checkMalformed(t, err)
			}
		}
	})
}

// command is a command type T whose pointer decodes.
type command[T any] interface {
	*T
	Decode([]byte, wire.Capability) error
}

func fuzzCommand[T interface {
	Encode([]byte, wire.Capability) ([]byte, error)
}, PT command[T]](t *testing.T, data []byte, caps wire.Capability) {
	decode := func(b []byte) (T, error) {
		var v T
		return v, PT(&v).Decode(b, caps)
	}
	v, err := decode(data)
	if err != nil {
		checkMalformed(t, err)
		return
	}
	roundTrip(t, v, func(v T) ([]byte, error) { return v.Encode(nil, caps) }, decode)
}

// FuzzComStmtExecute decodes COM_STMT_EXECUTE as the test server does: it
// knows the parameter count and the types bound before, here drawn from
// prev (a type byte and a flags byte per parameter: 0x80 unsigned, 0x01
// long data).
func FuzzComStmtExecute(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, numParams uint16, prev []byte, queryAttrs bool) {
		var caps wire.Capability
		if queryAttrs {
			caps = wire.ClientQueryAttributes
		}
		var prevTypes []wire.StmtParam
		for i := 0; i+1 < len(prev); i += 2 {
			prevTypes = append(prevTypes, wire.StmtParam{Type: wire.FieldType(prev[i]),
				Unsigned: prev[i+1]&0x80 != 0, LongData: prev[i+1]&0x01 != 0})
		}
		n := int(numParams)
		decode := func(b []byte) (wire.ComStmtExecute, error) {
			var v wire.ComStmtExecute
			return v, v.Decode(b, caps, n, prevTypes)
		}
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		if len(v.Params) != n {
			t.Fatalf("%d parameters decoded, want %d", len(v.Params), n)
		}
		for i, p := range v.Params {
			if (p.Null || p.LongData) && p.Value != nil || p.Null && p.LongData {
				t.Fatalf("parameter %d: %+v", i, p)
			}
		}
		roundTrip(t, v, func(v wire.ComStmtExecute) ([]byte, error) { return v.Encode(nil, caps) }, decode)
	})
}
