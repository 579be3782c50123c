package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestHandshakeDecodeMariaDB(t *testing.T) {
	pkt := capture(t, "greetingMariaDB")
	var h wire.Handshake
	if err := h.Decode(pkt); err != nil {
		t.Fatal(err)
	}
	want := wire.Handshake{
		ProtocolVersion: 10,
		ServerVersion:   "5.5.5-10.11.19-MariaDB-0+deb12u1",
		ConnectionID:    18,
		AuthPluginData:  []byte(`6)gO5ZG6se"uHFeJ"jpt`),
		Capabilities:    0x1d_81fff7fe,
		CharacterSet:    45,
		StatusFlags:     wire.ServerStatusAutocommit,
		AuthPluginName:  "mysql_native_password",
	}
	if !reflect.DeepEqual(h, want) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", h, want)
	}
	// MariaDB clears CLIENT_MYSQL and announces its extended flags.
	for _, f := range []wire.Capability{wire.MariaDBClientProgress, wire.MariaDBClientStmtBulkOperations,
		wire.MariaDBClientExtendedMetadata, wire.MariaDBClientCacheMetadata} {
		if !h.Capabilities.Has(f) {
			t.Errorf("capability %v missing", f)
		}
	}
	if h.Capabilities.Has(wire.ClientMySQL) {
		t.Error("CLIENT_MYSQL set in a MariaDB greeting")
	}
	// The encoding is canonical: the server's bytes come back.
	got, err := h.Encode(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, pkt) {
		t.Fatalf("re-encoded\n%x\nwant\n%x", got, pkt)
	}
}

func TestHandshakeRoundTrip(t *testing.T) {
	nonce := []byte("abcdefghijklmnopqrst")
	mysql := wire.ClientLongPassword | wire.ClientProtocol41 | wire.ClientSecureConnection | wire.ClientPluginAuth |
		wire.ClientSSL | wire.ClientDeprecateEOF
	tests := []struct {
		name string
		h    wire.Handshake
	}{
		{"mysql8", wire.Handshake{ProtocolVersion: 10, ServerVersion: "8.0.40", ConnectionID: 1 << 31,
			AuthPluginData: nonce, Capabilities: mysql, CharacterSet: 255,
			StatusFlags: wire.ServerStatusAutocommit, AuthPluginName: "caching_sha2_password"}},
		{"mariadb extended", wire.Handshake{ProtocolVersion: 10, ServerVersion: "11.4.2-MariaDB",
			AuthPluginData: nonce, Capabilities: mysql&^wire.ClientLongPassword | wire.MariaDBClientCacheMetadata,
			AuthPluginName: "client_ed25519"}},
		{"long nonce", wire.Handshake{ProtocolVersion: 10, ServerVersion: "x",
			AuthPluginData: bytes.Repeat([]byte{7}, 32), Capabilities: mysql, AuthPluginName: "p"}},
		{"no plugin auth", wire.Handshake{ProtocolVersion: 10, ServerVersion: "5.0",
			AuthPluginData: nonce, Capabilities: wire.ClientProtocol41 | wire.ClientSecureConnection}},
		{"no secure connection", wire.Handshake{ProtocolVersion: 10, ServerVersion: "4.0",
			AuthPluginData: nonce[:8], Capabilities: wire.ClientProtocol41}},
	}
	for _, tt := range tests {
		b, err := tt.h.Encode(nil, 0)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got wire.Handshake
		if err := got.Decode(b); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, tt.h) {
			t.Errorf("%s: round trip\n%+v\nwant\n%+v", tt.name, got, tt.h)
		}
	}
}

func TestHandshakeProtocolVersion(t *testing.T) {
	pkt := bytes.Clone(capture(t, "greetingMariaDB"))
	pkt[0] = 9
	var h wire.Handshake
	var pv *wire.ProtocolVersionError
	if err := h.Decode(pkt); !errors.As(err, &pv) || pv.Version != 9 {
		t.Fatalf("Decode of a v9 greeting: %v, want *ProtocolVersionError{9}", err)
	}
}

func TestHandshakeEncodeErrors(t *testing.T) {
	base := wire.Handshake{ServerVersion: "v", AuthPluginData: make([]byte, 20),
		Capabilities: wire.ClientProtocol41 | wire.ClientSecureConnection | wire.ClientPluginAuth, AuthPluginName: "p"}
	tests := []struct {
		name string
		edit func(*wire.Handshake)
	}{
		{"NUL in version", func(h *wire.Handshake) { h.ServerVersion = "a\x00b" }},
		{"NUL in plugin", func(h *wire.Handshake) { h.AuthPluginName = "a\x00" }},
		{"short nonce", func(h *wire.Handshake) { h.AuthPluginData = h.AuthPluginData[:7] }},
		{"extended with CLIENT_MYSQL", func(h *wire.Handshake) {
			h.Capabilities |= wire.ClientLongPassword | wire.MariaDBClientProgress
		}},
		{"plugin without PLUGIN_AUTH", func(h *wire.Handshake) { h.Capabilities &^= wire.ClientPluginAuth }},
		{"nonce too long", func(h *wire.Handshake) { h.AuthPluginData = make([]byte, 300) }},
		{"8-byte nonce needed", func(h *wire.Handshake) { h.Capabilities &^= wire.ClientSecureConnection }},
	}
	for _, tt := range tests {
		h := base
		tt.edit(&h)
		b, err := h.Encode([]byte{1, 2}, 0)
		var ee *wire.EncodeError
		if !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want *EncodeError", tt.name, err)
		}
		if len(b) != 2 {
			t.Errorf("%s: appended %d bytes despite the error", tt.name, len(b)-2)
		}
	}
}
