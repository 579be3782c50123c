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
