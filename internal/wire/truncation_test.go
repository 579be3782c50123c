package wire_test

import (
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestTruncatedPackets decodes every proper prefix of real packets. A prefix
// must give a *MalformedError unless the packet ends in a field that runs to
// the end of the payload (a message, a query), where a prefix is itself a
// valid, shorter packet.
func TestTruncatedPackets(t *testing.T) {
	tests := []struct {
		capture string
		decode  func([]byte) error
		// decodes says which prefix lengths may decode without error.
		decodes func(n, full int) bool
	}{
		{"greetingMariaDB", func(b []byte) error { var v wire.Handshake; return v.Decode(b) }, nothing},
		{"handshakeResponseCLI", func(b []byte) error { var v wire.HandshakeResponse; return v.Decode(b, 0) }, nothing},
		{"handshakeResponseMine", func(b []byte) error { var v wire.HandshakeResponse; return v.Decode(b, 0) }, nothing},
		{"sslRequestCLI", func(b []byte) error { var v wire.SSLRequest; return v.Decode(b, 0) }, nothing},
		{"okSetNames", decodeOK(trackCaps), exactly(7)},
		{"okInsertInfo", decodeOK(trackCaps), exactly(7)},
		{"okReadOnlyTx", decodeOK(mariaDBClientCaps), exactly(7)},
		{"okStateChangeTx", decodeOK(mariaDBClientCaps), exactly(7)},
		{"okThreeMillion", decodeOK(mariaDBClientCaps), exactly(10)},
		{"okResultEnd", decodeOK(mariaDBClientCaps), nothing},
		{"okInsertInfo", decodeOK(wire.ClientProtocol41), from(7)}, // info runs to the end without tracking
		{"errNoSuchTable", func(b []byte) error { var v wire.ErrPacket; return v.Decode(b, 0) }, from(4)},
		{"progressReport", func(b []byte) error { var v wire.ProgressReport; return v.Decode(b) }, nothing},
		{"eofInTrans", func(b []byte) error { var v wire.EOF; return v.Decode(b) }, nothing},
		{"authSwitchNative", func(b []byte) error { var v wire.AuthSwitchRequest; return v.Decode(b) }, from(23)},
		{"comChangeUser", func(b []byte) error { var v wire.ComChangeUser; return v.Decode(b, mariaDBClientCaps) }, nothing},
		{"comProcessKill", func(b []byte) error { var v wire.ComProcessKill; return v.Decode(b, 0) }, nothing},
		{"comSetOption", func(b []byte) error { var v wire.ComSetOption; return v.Decode(b, 0) }, nothing},
		{"comQuery", func(b []byte) error { var v wire.ComQuery; return v.Decode(b, 0) }, from(1)},
		{"comInitDB", func(b []byte) error { var v wire.ComInitDB; return v.Decode(b, 0) }, from(1)},
	}
	for name := range capturesWithPrefix(t, "col") {
		caps := wire.Capability(0)
		if strings.HasPrefix(name, "colExt") {
			caps = wire.MariaDBClientExtendedMetadata
		}
		tests = append(tests, struct {
			capture string
			decode  func([]byte) error
			decodes func(n, full int) bool
		}{name, func(b []byte) error { var v wire.ColumnDefinition; return v.Decode(b, caps) }, nothing})
	}
	for _, tt := range tests {
		full := capture(t, tt.capture)
		if err := tt.decode(full); err != nil {
			t.Fatalf("%s: the full packet: %v", tt.capture, err)
		}
		for n := range len(full) {
			// A fresh slice of exactly n bytes, so reading past n would show.
			prefix := append([]byte(nil), full[:n]...)
			err := tt.decode(prefix)
			if err == nil {
				if !tt.decodes(n, len(full)) {
					t.Errorf("%s: the %d-byte prefix of %d decoded without error", tt.capture, n, len(full))
				}
				continue
			}
			wantMalformed(t, err, tt.capture)
		}
	}
}

func decodeOK(caps wire.Capability) func([]byte) error {
	return func(b []byte) error { var v wire.OK; return v.Decode(b, caps) }
}

func nothing(int, int) bool { return false }

func exactly(k int) func(int, int) bool { return func(n, _ int) bool { return n == k } }

func from(k int) func(int, int) bool { return func(n, _ int) bool { return n >= k } }

func TestColumnCountTruncated(t *testing.T) {
	full := []byte{0xFD, 0x70, 0x11, 0x01}
	for n := range len(full) {
		var cc wire.ColumnCount
		wantMalformed(t, cc.Decode(full[:n:n]), "column count prefix")
	}
}
