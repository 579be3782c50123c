package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// trackCaps is what the mariadb client negotiated (session tracking, no
// DEPRECATE_EOF).
const trackCaps = wire.ClientProtocol41 | wire.ClientTransactions | wire.ClientSessionTrack

func sysvar(name, value string) wire.SessionChange {
	return wire.SessionChange{Type: wire.SessionTrackSystemVariables, Name: name, Value: value}
}

func TestOKDecodeReal(t *testing.T) {
	const changed = wire.ServerSessionStateChanged
	tests := []struct {
		capture string
		caps    wire.Capability
		want    wire.OK
	}{
		{"okAuthSchema", trackCaps, wire.OK{StatusFlags: changed | wire.ServerStatusAutocommit,
			SessionChanges: []wire.SessionChange{{Type: wire.SessionTrackSchema, Name: "mysql"}}}},
		{"okInitDBSchema", trackCaps, wire.OK{StatusFlags: changed | wire.ServerStatusAutocommit,
			SessionChanges: []wire.SessionChange{{Type: wire.SessionTrackSchema, Name: "information_schema"}}}},
		{"okAutocommit", trackCaps, wire.OK{StatusFlags: changed,
			SessionChanges: []wire.SessionChange{sysvar("autocommit", "OFF")}}},
		{"okSetNames", trackCaps, wire.OK{StatusFlags: changed, SessionChanges: []wire.SessionChange{
			sysvar("character_set_connection", "utf8mb4"), sysvar("character_set_client", "utf8mb4"),
			sysvar("character_set_results", "utf8mb4")}}},
		{"okPlain", trackCaps, wire.OK{}},
		{"okAffectedOne", trackCaps, wire.OK{AffectedRows: 1}},
		{"okInsertInfo", trackCaps, wire.OK{AffectedRows: 2, LastInsertID: 1, StatusFlags: wire.ServerStatusInTrans,
			Info: "Records: 2  Duplicates: 0  Warnings: 0"}},
		{"okResultEnd", mariaDBClientCaps, wire.OK{Header: 0xFE, StatusFlags: wire.ServerStatusAutocommit}},
		{"okMoreResults", mariaDBClientCaps, wire.OK{Header: 0xFE,
			StatusFlags: wire.ServerStatusAutocommit | wire.ServerMoreResultsExists}},
		{"okStateChangeTx", mariaDBClientCaps, wire.OK{
			StatusFlags: changed | wire.ServerStatusAutocommit | wire.ServerMoreResultsExists,
			SessionChanges: []wire.SessionChange{
				{Type: wire.SessionTrackStateChange, Value: "1"},
				{Type: wire.SessionTrackTransactionState, Value: "________"},
				{Type: wire.SessionTrackTransactionCharacteristics, Value: ""},
			}}},
		{"okStateChange", mariaDBClientCaps, wire.OK{
			StatusFlags:    changed | wire.ServerStatusAutocommit | wire.ServerMoreResultsExists,
			SessionChanges: []wire.SessionChange{{Type: wire.SessionTrackStateChange, Value: "1"}}}},
		{"okReadOnlyTx", mariaDBClientCaps, wire.OK{
			StatusFlags: changed | wire.ServerStatusAutocommit | wire.ServerStatusInTrans | wire.ServerStatusInTransReadonly,
			SessionChanges: []wire.SessionChange{
				{Type: wire.SessionTrackTransactionState, Value: "T_______"},
				{Type: wire.SessionTrackTransactionCharacteristics, Value: "START TRANSACTION READ ONLY;"},
			}}},
		{"okThreeMillion", mariaDBClientCaps, wire.OK{AffectedRows: 3000000,
			StatusFlags: wire.ServerStatusAutocommit | wire.ServerQueryNoIndexUsed,
			Info:        "Records: 3000000  Duplicates: 0  Warnings: 0"}},
	}
	for _, tt := range tests {
		pkt := capture(t, tt.capture)
		var ok wire.OK
		if err := ok.Decode(pkt, tt.caps); err != nil {
			t.Errorf("%s: %v", tt.capture, err)
			continue
		}
		if !reflect.DeepEqual(ok, tt.want) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", tt.capture, ok, tt.want)
		}
		got, err := ok.Encode(nil, tt.caps)
		if err != nil || !bytes.Equal(got, pkt) {
			t.Errorf("%s: re-encoded %x, %v; want %x", tt.capture, got, err, pkt)
		}
	}
}

func TestOKLayouts(t *testing.T) {
	tests := []struct {
		name string
		caps wire.Capability
		ok   wire.OK
		wire string
	}{
		{"no 4.1, no transactions: info to the end", 0, wire.OK{AffectedRows: 1, Info: "hi"}, "00 01 00 6869"},
		{"transactions only", wire.ClientTransactions, wire.OK{StatusFlags: 2}, "00 00 00 0200"},
		{"4.1 without tracking", wire.ClientProtocol41, wire.OK{LastInsertID: 300, Warnings: 3, Info: "x"},
			"00 00 fc2c01 0000 0300 78"},
		{"tracking, empty info, no changes", trackCaps, wire.OK{}, "00 00 00 0000 0000"},
		{"gtids and an unknown type", trackCaps, wire.OK{StatusFlags: wire.ServerSessionStateChanged,
			SessionChanges: []wire.SessionChange{
				{Type: wire.SessionTrackGTIDs, Value: "3E11FA47-71CA-11E1-9E33-C80AA9429562:23"},
				{Type: 9, Data: []byte{1, 2, 3}},
				{Type: wire.SessionTrackGTIDs, Data: []byte{7, 1, 'x'}},
			}},
			"00 00 00 0040 0000 00 35 03 29 00 27 33453131464134372d373143412d313145312d394533332d4338304141393432393536323a3233" +
				" 09 03 010203 03 03 070178"},
	}
	for _, tt := range tests {
		want := unhex(t, tt.wire)
		got, err := tt.ok.Encode(nil, tt.caps)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: encoded %x, %v; want %x", tt.name, got, err, want)
			continue
		}
		var ok wire.OK
		if err := ok.Decode(want, tt.caps); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		} else if !reflect.DeepEqual(ok, tt.ok) {
			t.Errorf("%s: decoded\n%+v\nwant\n%+v", tt.name, ok, tt.ok)
		}
	}
}

func TestOKDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		caps wire.Capability
		in   string
	}{
		{"empty", trackCaps, ""},
		{"wrong header", trackCaps, "01 00 00 0000 0000"},
		{"0xFE without DEPRECATE_EOF", trackCaps, "fe 00 00 0000 0000"},
		{"NULL affected rows", trackCaps, "00 fb 00 0000 0000"},
		{"0xFF insert id", trackCaps, "00 00 ff 0000 0000"},
		{"short status", trackCaps, "00 00 00 02"},
		{"info longer than packet", trackCaps, "00 00 00 0000 0000 05 6162"},
		{"session block longer than packet", trackCaps, "00 00 00 0040 0000 00 09 01 02 01 61"},
		{"entry longer than block", trackCaps, "00 00 00 0040 0000 00 03 01 05 01 61"},
		{"sysvar without value", trackCaps, "00 00 00 0040 0000 00 04 00 02 01 61"},
		{"trailing bytes in schema entry", trackCaps, "00 00 00 0040 0000 00 05 01 03 01 61 62"},
		{"trailing bytes after session block", trackCaps, "00 00 00 0040 0000 00 00 99"},
	}
	for _, tt := range tests {
		var ok wire.OK
		wantMalformed(t, ok.Decode(unhex(t, tt.in), tt.caps), tt.name)
	}
}

func TestOKEncodeErrors(t *testing.T) {
	changes := []wire.SessionChange{{Type: wire.SessionTrackSchema, Name: "s"}}
	for _, tt := range []struct {
		name string
		ok   wire.OK
		caps wire.Capability
	}{
		{"bad header", wire.OK{Header: 1}, trackCaps},
		{"changes without tracking", wire.OK{StatusFlags: wire.ServerSessionStateChanged, SessionChanges: changes}, wire.ClientProtocol41},
		{"changes without the status flag", wire.OK{SessionChanges: changes}, trackCaps},
		{"warnings without 4.1", wire.OK{Warnings: 1}, wire.ClientTransactions},
	} {
		var ee *wire.EncodeError
		if _, err := tt.ok.Encode(nil, tt.caps); !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want *EncodeError", tt.name, err)
		}
	}
}

func TestIsResultEnd(t *testing.T) {
	bigRow := make([]byte, wire.MaxPayloadLen+10)
	bigRow[0] = 0xFE
	tests := []struct {
		name string
		pkt  []byte
		caps wire.Capability
		want bool
	}{
		{"EOF", capture(t, "eofAutocommit"), 0, true},
		{"OK 0xFE", capture(t, "okResultEnd"), wire.ClientDeprecateEOF, true},
		{"OK 0xFE without DEPRECATE_EOF is too long for EOF", bytes.Repeat([]byte{0xFE}, 9), 0, false},
		{"row starting with 0xFE", bigRow, wire.ClientDeprecateEOF, false},
		{"row starting with 0xFE, old EOF", bigRow, 0, false},
		{"text row", capture(t, "okPlain")[:2], wire.ClientDeprecateEOF, false},
		{"empty", nil, wire.ClientDeprecateEOF, false},
	}
	for _, tt := range tests {
		if got := wire.IsResultEnd(tt.pkt, tt.caps); got != tt.want {
			t.Errorf("%s: IsResultEnd = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestOKDecodeRejectsRowSizedFE(t *testing.T) {
	pkt := make([]byte, wire.MaxPayloadLen)
	pkt[0] = 0xFE
	var ok wire.OK
	wantMalformed(t, ok.Decode(pkt, mariaDBClientCaps), "16 MiB 0xFE packet")
}
