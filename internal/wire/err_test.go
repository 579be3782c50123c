package wire_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestErrPacketDecodeReal(t *testing.T) {
	tests := []struct {
		capture string
		want    wire.ErrPacket
		text    string
	}{
		{"errNoSuchTable", wire.ErrPacket{Code: 1146, SQLState: "42S02", Message: "Table 'mysql.nosuch' doesn't exist"},
			"Error 1146 (42S02): Table 'mysql.nosuch' doesn't exist"},
		{"errUnknownThread", wire.ErrPacket{Code: 1094, SQLState: "HY000", Message: "Unknown thread id: 999999"},
			"Error 1094 (HY000): Unknown thread id: 999999"},
	}
	for _, tt := range tests {
		pkt := capture(t, tt.capture)
		var e wire.ErrPacket
		if err := e.Decode(pkt, mariaDBClientCaps); err != nil {
			t.Fatalf("%s: %v", tt.capture, err)
		}
		if e != tt.want {
			t.Errorf("%s: decoded %+v, want %+v", tt.capture, e, tt.want)
		}
		if e.Error() != tt.text {
			t.Errorf("%s: Error() = %q, want %q", tt.capture, e.Error(), tt.text)
		}
		got, err := e.Encode(nil, mariaDBClientCaps)
		if err != nil || !bytes.Equal(got, pkt) {
			t.Errorf("%s: re-encoded %x, %v; want %x", tt.capture, got, err, pkt)
		}
	}
}

func TestErrPacketIsAnError(t *testing.T) {
	var err error = &wire.ErrPacket{Code: 1045, SQLState: "28000", Message: "Access denied"}
	var e *wire.ErrPacket
	if !errors.As(err, &e) || e.Code != 1045 {
		t.Fatal("errors.As failed")
	}
	if got := (&wire.ErrPacket{Code: 1130, Message: "Host 'x' is not allowed"}).Error(); got != "Error 1130: Host 'x' is not allowed" {
		t.Errorf("Error() without state = %q", got)
	}
}

func TestErrPacketWithoutSQLState(t *testing.T) {
	// Sent before the handshake completes (e.g. host not allowed): no '#'.
	pkt := append([]byte{0xFF, 0x6a, 0x04}, "Host '10.0.0.1' is not allowed to connect"...)
	var e wire.ErrPacket
	if err := e.Decode(pkt, 0); err != nil {
		t.Fatal(err)
	}
	if e.Code != 1130 || e.SQLState != "" || e.Message != "Host '10.0.0.1' is not allowed to connect" {
		t.Errorf("decoded %+v", e)
	}
	// A short message starting with '#' is a message, not a state.
	if err := e.Decode([]byte{0xFF, 1, 0, '#', 'a'}, 0); err != nil || e.SQLState != "" || e.Message != "#a" {
		t.Errorf("short '#' message: %+v, %v", e, err)
	}
}

func TestErrPacketMalformed(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		caps wire.Capability
	}{
		{"1 byte", []byte{0xFF}, 0},
		{"2 bytes", []byte{0xFF, 0x01}, 0},
		{"3 bytes: code, no message", []byte{0xFF, 0x01, 0x02}, 0},
		{"empty", nil, 0},
		{"wrong header", []byte{0x00, 1, 2, 'x'}, 0},
		{"progress report with the capability", capture(t, "progressReport"), wire.MariaDBClientProgress},
	}
	for _, tt := range tests {
		var e wire.ErrPacket
		wantMalformed(t, e.Decode(tt.in, tt.caps), tt.name)
	}
}

func TestErrPacketEncodeErrors(t *testing.T) {
	for _, e := range []wire.ErrPacket{
		{Code: 0xFFFF, SQLState: "HY000", Message: "m"},
		{Code: 1, SQLState: "HY00", Message: "m"},
		{Code: 1},
		{Code: 1, Message: "#12345 looks like a state"},
	} {
		var ee *wire.EncodeError
		if _, err := e.Encode(nil, 0); !errors.As(err, &ee) {
			t.Errorf("Encode(%+v): err = %v, want *EncodeError", e, err)
		}
	}
}

func TestProgressReport(t *testing.T) {
	pkt := capture(t, "progressReport")
	if !wire.IsProgressReport(pkt, wire.MariaDBClientProgress) {
		t.Fatal("IsProgressReport = false for a real progress report")
	}
	if wire.IsProgressReport(pkt, 0) {
		t.Error("IsProgressReport = true without the capability")
	}
	if wire.IsProgressReport(capture(t, "errNoSuchTable"), wire.MariaDBClientProgress) {
		t.Error("IsProgressReport = true for an error")
	}
	var p wire.ProgressReport
	if err := p.Decode(pkt); err != nil {
		t.Fatal(err)
	}
	want := wire.ProgressReport{Stage: 1, MaxStage: 2, Progress: 333, Info: "copy to tmp table"}
	if p != want {
		t.Fatalf("decoded %+v, want %+v", p, want)
	}
	got, err := p.Encode(nil)
	if err != nil || !bytes.Equal(got, pkt) {
		t.Fatalf("re-encoded %x, %v; want %x", got, err, pkt)
	}
	// Without the capability, code 0xFFFF decodes as an ordinary error.
	var e wire.ErrPacket
	if err := e.Decode(pkt, 0); err != nil || e.Code != 0xFFFF {
		t.Errorf("as ERR without the capability: %+v, %v", e, err)
	}
	wantMalformed(t, p.Decode(capture(t, "errNoSuchTable")), "an error as progress")
	if _, err := (wire.ProgressReport{Progress: 1 << 24}).Encode(nil); err == nil {
		t.Error("progress of 2^24 encoded")
	}
}

func TestEOF(t *testing.T) {
	tests := []struct {
		capture string
		want    wire.EOF
	}{
		{"eofAutocommit", wire.EOF{StatusFlags: wire.ServerStatusAutocommit}},
		{"eofInTrans", wire.EOF{StatusFlags: wire.ServerStatusInTrans | wire.ServerQueryNoIndexUsed}},
	}
	for _, tt := range tests {
		pkt := capture(t, tt.capture)
		var e wire.EOF
		if err := e.Decode(pkt); err != nil || e != tt.want {
			t.Fatalf("%s: decoded %+v, %v; want %+v", tt.capture, e, err, tt.want)
		}
		got, _ := e.Encode(nil)
		if !bytes.Equal(got, pkt) {
			t.Errorf("%s: re-encoded %x, want %x", tt.capture, got, pkt)
		}
	}
	e := wire.EOF{Warnings: 0x0102, StatusFlags: 0x0304}
	b, _ := e.Encode(nil)
	if !bytes.Equal(b, []byte{0xFE, 2, 1, 4, 3}) {
		t.Errorf("Encode = %x", b)
	}
	var got wire.EOF
	for _, in := range [][]byte{nil, {0xFE}, {0xFE, 0, 0, 2}, {0xFE, 0, 0, 2, 0, 0}, {0x00, 0, 0, 2, 0}, capture(t, "okResultEnd")} {
		wantMalformed(t, got.Decode(in), "EOF "+string(rune(len(in))))
	}
}

func TestAuthSwitchRequest(t *testing.T) {
	pkt := capture(t, "authSwitchNative")
	var r wire.AuthSwitchRequest
	if err := r.Decode(pkt); err != nil {
		t.Fatal(err)
	}
	if r.PluginName != "mysql_native_password" || len(r.PluginData) != 21 || r.PluginData[20] != 0 {
		t.Fatalf("decoded %q with %d bytes of data (%x)", r.PluginName, len(r.PluginData), r.PluginData)
	}
	got, err := r.Encode(nil)
	if err != nil || !bytes.Equal(got, pkt) {
		t.Fatalf("re-encoded %x, %v; want %x", got, err, pkt)
	}
	// Data is a copy: changing the packet does not change it.
	orig := bytes.Clone(r.PluginData)
	clear(pkt)
	if !bytes.Equal(r.PluginData, orig) {
		t.Error("PluginData aliases the packet")
	}
	for _, in := range [][]byte{nil, {0xFE}, {0x01, 'a', 0}, []byte("\xfeno-nul")} {
		wantMalformed(t, r.Decode(in), "auth switch")
	}
	if _, err := (wire.AuthSwitchRequest{PluginName: "a\x00b"}).Encode(nil); err == nil {
		t.Error("NUL in plugin name encoded")
	}
	r = wire.AuthSwitchRequest{PluginName: "client_ed25519", PluginData: bytes.Repeat([]byte{0}, 32)}
	b, _ := r.Encode(nil)
	var back wire.AuthSwitchRequest
	if err := back.Decode(b); err != nil || back.PluginName != r.PluginName || !bytes.Equal(back.PluginData, r.PluginData) {
		t.Errorf("round trip with trailing zeros: %+v, %v", back, err)
	}
}

func TestAuthMoreData(t *testing.T) {
	tests := []struct {
		in   []byte
		data []byte
	}{
		{[]byte{0x01, 0x03}, []byte{0x03}}, // caching_sha2_password: fast auth succeeded
		{[]byte{0x01, 0x04}, []byte{0x04}}, // caching_sha2_password: full auth needed
		{append([]byte{0x01}, "-----BEGIN PUBLIC KEY-----\n"...), []byte("-----BEGIN PUBLIC KEY-----\n")},
		{[]byte{0x01}, nil},
	}
	for _, tt := range tests {
		var m wire.AuthMoreData
		if err := m.Decode(tt.in); err != nil || !bytes.Equal(m.Data, tt.data) {
			t.Errorf("Decode(%x) = %x, %v", tt.in, m.Data, err)
		}
		b, _ := m.Encode(nil)
		if !bytes.Equal(b, tt.in) {
			t.Errorf("Encode = %x, want %x", b, tt.in)
		}
	}
	var m wire.AuthMoreData
	wantMalformed(t, m.Decode(nil), "empty")
	wantMalformed(t, m.Decode([]byte{0x02, 1}), "wrong header")
}
