package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Seed corpora live in testdata/fuzz/FuzzX/: real packets captured from
// MariaDB 10.11 (see testdata/captures.txt). Each target checks that decoding
// never panics, that every failure is a *MalformedError, and that what
// decodes survives Encode then Decode unchanged and re-encodes to the same
// bytes (the encoding is canonical after one pass).

// relevantCaps limits fuzzed capability sets to the flags decoders look at.
const relevantCaps = wire.ClientProtocol41 | wire.ClientTransactions | wire.ClientSessionTrack |
	wire.ClientDeprecateEOF | wire.MariaDBClientProgress | wire.MariaDBClientExtendedMetadata |
	wire.ClientSecureConnection | wire.ClientPluginAuth | wire.ClientConnectAttrs | wire.ClientQueryAttributes

// checkMalformed fails unless err is a decoder's typed error.
func checkMalformed(t *testing.T, err error) {
	t.Helper()
	var m *wire.MalformedError
	var pv *wire.ProtocolVersionError
	if !errors.As(err, &m) && !errors.As(err, &pv) {
		t.Fatalf("decode error %v (%T) is not a *MalformedError", err, err)
	}
}

// roundTrip re-encodes a decoded value, decodes it again and compares.
func roundTrip[T any](t *testing.T, v T, encode func(T) ([]byte, error), decode func([]byte) (T, error)) {
	t.Helper()
	b, err := encode(v)
	if err != nil {
		t.Fatalf("Encode of decoded %+v: %v", v, err)
	}
	v2, err := decode(b)
	if err != nil {
		t.Fatalf("Decode of re-encoded %x: %v (value %+v)", b, err, v)
	}
	if !reflect.DeepEqual(v, v2) {
		t.Fatalf("round trip changed the value:\n%+v\n%+v", v, v2)
	}
	b2, err := encode(v2)
	if err != nil || !bytes.Equal(b, b2) {
		t.Fatalf("encoding not stable: %x then %x (%v)", b, b2, err)
	}
}

func FuzzHandshake(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func(b []byte) (wire.Handshake, error) { var v wire.Handshake; return v, v.Decode(b) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.Handshake) ([]byte, error) { return v.Encode(nil, 0) }, decode)
	})
}

func FuzzHandshakeResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func(b []byte) (wire.HandshakeResponse, error) {
			var v wire.HandshakeResponse
			return v, v.Decode(b, 0)
		}
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.HandshakeResponse) ([]byte, error) { return v.Encode(nil, 0) }, decode)
	})
}

func FuzzSSLRequest(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func(b []byte) (wire.SSLRequest, error) { var v wire.SSLRequest; return v, v.Decode(b, 0) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.SSLRequest) ([]byte, error) { return v.Encode(nil, 0) }, decode)
	})
}

func FuzzOK(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, capBits uint64) {
		caps := wire.Capability(capBits) & relevantCaps
		decode := func(b []byte) (wire.OK, error) { var v wire.OK; return v, v.Decode(b, caps) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.OK) ([]byte, error) { return v.Encode(nil, caps) }, decode)
	})
}

func FuzzERR(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, progress bool) {
		caps := wire.ClientProtocol41
		if progress {
			caps |= wire.MariaDBClientProgress
		}
		decode := func(b []byte) (wire.ErrPacket, error) { var v wire.ErrPacket; return v, v.Decode(b, caps) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		if v.Code == 0xFFFF {
			// Without MariaDBClientProgress a 0xFFFF code decodes, but Encode
			// keeps it for progress reports.
			if _, err := v.Encode(nil, caps); err == nil || progress {
				t.Fatalf("code 0xFFFF: Encode error %v (progress %v)", err, progress)
			}
			return
		}
		if wire.IsProgressReport(data, caps) {
			t.Fatal("a progress report decoded as an error")
		}
		if e := v.Error(); e == "" {
			t.Fatal("empty Error()")
		}
		roundTrip(t, v, func(v wire.ErrPacket) ([]byte, error) { return v.Encode(nil, caps) }, decode)
	})
}

func FuzzProgressReport(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func(b []byte) (wire.ProgressReport, error) { var v wire.ProgressReport; return v, v.Decode(b) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		if !wire.IsProgressReport(data, wire.MariaDBClientProgress) {
			t.Fatal("decoded, but IsProgressReport says no")
		}
		roundTrip(t, v, func(v wire.ProgressReport) ([]byte, error) { return v.Encode(nil) }, decode)
	})
}

func FuzzEOF(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var v wire.EOF
		if err := v.Decode(data); err != nil {
			checkMalformed(t, err)
			return
		}
		b, _ := v.Encode(nil)
		if !bytes.Equal(b, data) {
			t.Fatalf("re-encoded %x, want %x", b, data)
		}
		if !wire.IsResultEnd(data, 0) || !wire.IsResultEnd(data, wire.ClientDeprecateEOF) {
			t.Fatal("an EOF packet is not a result end")
		}
	})
}

func FuzzColumnCount(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		decode := func(b []byte) (wire.ColumnCount, error) { var v wire.ColumnCount; return v, v.Decode(b) }
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		if v.Count > wire.MaxColumns {
			t.Fatalf("count %d above MaxColumns", v.Count)
		}
		roundTrip(t, v, func(v wire.ColumnCount) ([]byte, error) {
			return v.Encode(nil, wire.MariaDBClientCacheMetadata)
		}, decode)
		if v.MetadataFollows {
			roundTrip(t, v, func(v wire.ColumnCount) ([]byte, error) { return v.Encode(nil, 0) }, decode)
		} else if _, err := v.Encode(nil, 0); err == nil {
			t.Fatal("skipped metadata encoded without the capability")
		}
	})
}

func FuzzColumnDefinition(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, extended bool) {
		var caps wire.Capability
		if extended {
			caps = wire.MariaDBClientExtendedMetadata
		}
		decode := func(b []byte) (wire.ColumnDefinition, error) {
			var v wire.ColumnDefinition
			return v, v.Decode(b, caps)
		}
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.ColumnDefinition) ([]byte, error) { return v.Encode(nil, caps) }, decode)
	})
}

func FuzzAuthSwitchRequest(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var v wire.AuthSwitchRequest
		if err := v.Decode(data); err != nil {
			checkMalformed(t, err)
			return
		}
		b, err := v.Encode(nil)
		if err != nil || !bytes.Equal(b, data) {
			t.Fatalf("re-encoded %x, %v; want %x", b, err, data)
		}
	})
}

func FuzzAuthMoreData(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		var v wire.AuthMoreData
		if err := v.Decode(data); err != nil {
			checkMalformed(t, err)
			return
		}
		b, err := v.Encode(nil)
		if err != nil || !bytes.Equal(b, data) {
			t.Fatalf("re-encoded %x, %v; want %x", b, err, data)
		}
	})
}

func FuzzStmtPrepareOK(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte, optional bool) {
		var caps wire.Capability
		if optional {
			caps = wire.ClientOptionalResultsetMetadata
		}
		decode := func(b []byte) (wire.StmtPrepareOK, error) {
			var v wire.StmtPrepareOK
			return v, v.Decode(b, caps)
		}
		v, err := decode(data)
		if err != nil {
			checkMalformed(t, err)
			return
		}
		roundTrip(t, v, func(v wire.StmtPrepareOK) ([]byte, error) { return v.Encode(nil, caps) }, decode)
	})
}
