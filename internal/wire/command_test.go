package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestCommandsDecodeReal(t *testing.T) {
	var q wire.ComQuery
	if err := q.Decode(capture(t, "comQuery"), trackCaps); err != nil || q.Query != "select * from nosuch" {
		t.Errorf("COM_QUERY: %+v, %v", q, err)
	}
	if err := q.Decode(capture(t, "comQueryKill"), trackCaps); err != nil || q.Query != "KILL 999999" {
		t.Errorf("COM_QUERY KILL: %+v, %v", q, err)
	}
	var db wire.ComInitDB
	if err := db.Decode(capture(t, "comInitDB"), trackCaps); err != nil || db.Schema != "information_schema" {
		t.Errorf("COM_INIT_DB: %+v, %v", db, err)
	}
	var kill wire.ComProcessKill
	if err := kill.Decode(capture(t, "comProcessKill"), 0); err != nil || kill.ConnectionID != 999999 {
		t.Errorf("COM_PROCESS_KILL: %+v, %v", kill, err)
	}
	var opt wire.ComSetOption
	if err := opt.Decode(capture(t, "comSetOption"), 0); err != nil || opt.Option != wire.MultiStatementsOn {
		t.Errorf("COM_SET_OPTION: %+v, %v", opt, err)
	}
	var cu wire.ComChangeUser
	if err := cu.Decode(capture(t, "comChangeUser"), mariaDBClientCaps); err != nil {
		t.Fatalf("COM_CHANGE_USER: %v", err)
	}
	wantCU := wire.ComChangeUser{User: "root", Database: "wirecap", CharacterSet: 45,
		AuthPluginName: "mysql_native_password", Attributes: []wire.Attribute{{"_pid", "42"}}}
	if !reflect.DeepEqual(cu, wantCU) {
		t.Errorf("COM_CHANGE_USER: %+v", cu)
	}
	if b, err := cu.Encode(nil, mariaDBClientCaps); err != nil || !bytes.Equal(b, capture(t, "comChangeUser")) {
		t.Errorf("COM_CHANGE_USER re-encoded %x, %v", b, err)
	}
}

// encoder and decoder are implemented by the command types.
type encoder interface {
	Encode(dst []byte, caps wire.Capability) ([]byte, error)
}

type decoder interface {
	Decode(src []byte, caps wire.Capability) error
}

func TestCommandsRoundTrip(t *testing.T) {
	secure := wire.ClientSecureConnection | wire.ClientPluginAuth | wire.ClientConnectAttrs
	tests := []struct {
		name string
		caps wire.Capability
		in   encoder
		out  decoder
		wire string
	}{
		{"query", 0, wire.ComQuery{Query: "SELECT 1"}, &wire.ComQuery{}, "03 53454c4543542031"},
		{"empty query", 0, wire.ComQuery{}, &wire.ComQuery{}, "03"},
		{"query with attributes capability", wire.ClientQueryAttributes, wire.ComQuery{Query: "DO 1"}, &wire.ComQuery{}, "03 00 01 444f2031"},
		{"init db", 0, wire.ComInitDB{Schema: "test"}, &wire.ComInitDB{}, "02 74657374"},
		{"set option off", 0, wire.ComSetOption{Option: wire.MultiStatementsOff}, &wire.ComSetOption{}, "1b 0100"},
		{"process kill", 0, wire.ComProcessKill{ConnectionID: 0x01020304}, &wire.ComProcessKill{}, "0c 04030201"},
		{"change user, secure", secure, wire.ComChangeUser{User: "u", AuthResponse: []byte{1, 0, 2}, Database: "",
			CharacterSet: 0x0100, AuthPluginName: "p", Attributes: []wire.Attribute{{"a", "b"}}},
			&wire.ComChangeUser{}, "11 7500 03 010002 00 0001 7000 04 0161 0162"},
		{"change user, old auth", 0, wire.ComChangeUser{User: "u", AuthResponse: []byte("pw"), Database: "d", CharacterSet: 8},
			&wire.ComChangeUser{}, "11 7500 707700 6400 0800"},
	}
	for _, tt := range tests {
		want := unhex(t, tt.wire)
		got, err := tt.in.Encode([]byte{0xEE}, tt.caps)
		if err != nil || !bytes.Equal(got[1:], want) {
			t.Errorf("%s: encoded %x, %v; want ee%x", tt.name, got, err, want)
			continue
		}
		if err := tt.out.Decode(want, tt.caps); err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if back := reflect.ValueOf(tt.out).Elem().Interface(); !reflect.DeepEqual(back, tt.in) {
			t.Errorf("%s: decoded %+v, want %+v", tt.name, back, tt.in)
		}
	}
}

func TestAppendComQuery(t *testing.T) {
	q := strings.Repeat("x", 100)
	buf := make([]byte, 4, 200)
	out := wire.AppendComQuery(buf, q)
	if &out[0] != &buf[0] || string(out[4:]) != "\x03"+q {
		t.Fatal("AppendComQuery did not append in place")
	}
	allocs := testing.AllocsPerRun(100, func() { out = wire.AppendComQuery(buf, q) })
	if allocs != 0 {
		t.Errorf("AppendComQuery allocates %v times into a large enough buffer", allocs)
	}
	viaType, _ := wire.ComQuery{Query: q}.Encode(nil, 0)
	if !bytes.Equal(viaType, out[4:]) {
		t.Error("AppendComQuery and ComQuery.Encode differ")
	}
}

func TestCommandsWithoutArguments(t *testing.T) {
	tests := []struct {
		cmd  wire.Command
		wire byte
		name string
	}{
		{wire.CommandQuit, 0x01, "COM_QUIT"},
		{wire.CommandPing, 0x0E, "COM_PING"},
		{wire.CommandStatistics, 0x09, "COM_STATISTICS"},
		{wire.CommandResetConnection, 0x1F, "COM_RESET_CONNECTION"},
	}
	for _, tt := range tests {
		b, err := tt.cmd.Encode(nil, 0)
		if err != nil || !bytes.Equal(b, []byte{tt.wire}) {
			t.Errorf("%v: encoded %x, %v", tt.cmd, b, err)
		}
		var c wire.Command
		if err := c.Decode(b); err != nil || c != tt.cmd {
			t.Errorf("%v: decoded %v, %v", tt.cmd, c, err)
		}
		if tt.cmd.String() != tt.name {
			t.Errorf("String() = %q, want %q", tt.cmd.String(), tt.name)
		}
	}
	var c wire.Command
	wantMalformed(t, c.Decode([]byte{0x0E, 0}), "ping with a byte more")
	wantMalformed(t, c.Decode(nil), "empty")
}

func TestCommandsMalformed(t *testing.T) {
	secure := wire.ClientSecureConnection | wire.ClientPluginAuth | wire.ClientConnectAttrs
	tests := []struct {
		name string
		d    decoder
		caps wire.Capability
		in   string
	}{
		{"query: wrong command", &wire.ComQuery{}, 0, "02 61"},
		{"query: empty", &wire.ComQuery{}, 0, ""},
		{"query: attributes", &wire.ComQuery{}, wire.ClientQueryAttributes, "03 01 01 61"},
		{"query: attribute block cut", &wire.ComQuery{}, wire.ClientQueryAttributes, "03 00"},
		{"init db: wrong command", &wire.ComInitDB{}, 0, "03 61"},
		{"set option: short", &wire.ComSetOption{}, 0, "1b 00"},
		{"set option: long", &wire.ComSetOption{}, 0, "1b 000000"},
		{"kill: short", &wire.ComProcessKill{}, 0, "0c 010203"},
		{"change user: no NUL", &wire.ComChangeUser{}, secure, "11 75"},
		{"change user: auth past end", &wire.ComChangeUser{}, secure, "11 7500 09 01"},
		{"change user: no charset", &wire.ComChangeUser{}, secure, "11 7500 00 6400"},
		{"change user: attributes past end", &wire.ComChangeUser{}, secure, "11 7500 00 6400 0800 7000 09 0161"},
	}
	for _, tt := range tests {
		wantMalformed(t, tt.d.Decode(unhex(t, tt.in), tt.caps), tt.name)
	}
}

func TestChangeUserEncodeErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    wire.ComChangeUser
		caps wire.Capability
	}{
		{"NUL in user", wire.ComChangeUser{User: "a\x00"}, 0},
		{"auth over 255 bytes", wire.ComChangeUser{AuthResponse: make([]byte, 256)},
			wire.ClientSecureConnection | wire.ClientPluginAuthLenEncClientData},
		{"plugin without flag", wire.ComChangeUser{AuthPluginName: "p"}, wire.ClientSecureConnection},
	} {
		var ee *wire.EncodeError
		if _, err := tt.c.Encode(nil, tt.caps); !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want *EncodeError", tt.name, err)
		}
	}
}
