package wire_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestHandshakeResponseDecodeMariaDBClient(t *testing.T) {
	pkt := capture(t, "handshakeResponseCLI")
	var r wire.HandshakeResponse
	if err := r.Decode(pkt, 0); err != nil {
		t.Fatal(err)
	}
	want := wire.HandshakeResponse{
		Capabilities:   0x1d_00bfa28c,
		MaxPacketSize:  1 << 20,
		CharacterSet:   33,
		Username:       "root",
		Database:       "mysql",
		AuthPluginName: "mysql_native_password",
		Attributes: []wire.Attribute{
			{"_os", "Linux"}, {"_client_name", "libmariadb"}, {"_pid", "18174"},
			{"_client_version", "3.3.20"}, {"_platform", "x86_64"}, {"program_name", "mysql"},
			{"_server_host", "127.0.0.1"},
		},
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", r, want)
	}
	got, err := r.Encode(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, pkt) {
		t.Fatalf("re-encoded\n%x\nwant\n%x", got, pkt)
	}
}

func TestHandshakeResponseDecodeVariants(t *testing.T) {
	var r wire.HandshakeResponse
	// CLIENT_MYSQL set: the filler's last 4 bytes (non-zero here) are not
	// capabilities.
	if err := r.Decode(capture(t, "handshakeResponseMySQLStyle"), 0); err != nil {
		t.Fatal(err)
	}
	if r.Capabilities>>32 != 0 || r.AuthPluginName != "mysql_native_password" || r.Database != "wirecap" {
		t.Errorf("MySQL-style response: %+v", r)
	}
	if err := r.Decode(capture(t, "handshakeResponseMine"), 0); err != nil {
		t.Fatal(err)
	}
	if r.Capabilities != mariaDBClientCaps || r.AuthPluginName != "caching_sha2_password" ||
		!reflect.DeepEqual(r.Attributes, []wire.Attribute{{"_pid", "42"}}) || r.CharacterSet != 45 {
		t.Errorf("MariaDB response: %+v (caps %v)", r, r.Capabilities)
	}
}

func TestHandshakeResponseRoundTrip(t *testing.T) {
	base := wire.ClientProtocol41 | wire.ClientLongPassword
	tests := []struct {
		name string
		r    wire.HandshakeResponse
	}{
		{"lenenc auth", wire.HandshakeResponse{Capabilities: base | wire.ClientSecureConnection |
			wire.ClientPluginAuthLenEncClientData | wire.ClientPluginAuth | wire.ClientConnectWithDB,
			MaxPacketSize: 1 << 24, CharacterSet: 255, Username: "app", AuthResponse: bytes.Repeat([]byte{0xAB}, 300),
			Database: "db", AuthPluginName: "sha256_password"}},
		{"1-byte length auth", wire.HandshakeResponse{Capabilities: base | wire.ClientSecureConnection,
			Username: "u", AuthResponse: []byte{0, 1, 2}}},
		{"NUL-terminated auth", wire.HandshakeResponse{Capabilities: base, Username: "u", AuthResponse: []byte("pw")}},
		{"attributes and zstd", wire.HandshakeResponse{Capabilities: base | wire.ClientConnectAttrs |
			wire.ClientZstdCompressionAlgorithm, Username: "u",
			Attributes:           []wire.Attribute{{"b", "2"}, {"a", ""}, {"", "x"}},
			ZstdCompressionLevel: 3}},
		{"mariadb extended", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41 |
			wire.MariaDBClientExtendedMetadata | wire.MariaDBClientBulkUnitResults, Username: ""}},
	}
	for _, tt := range tests {
		b, err := tt.r.Encode(nil, 0)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got wire.HandshakeResponse
		if err := got.Decode(b, 0); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !reflect.DeepEqual(got, tt.r) {
			t.Errorf("%s: round trip\n%+v\nwant\n%+v", tt.name, got, tt.r)
		}
		// Its first 32 bytes make a valid SSL request once CLIENT_SSL is set.
		prefix := bytes.Clone(b[:32])
		prefix[1] |= byte(wire.ClientSSL >> 8)
		var req wire.SSLRequest
		if err := req.Decode(prefix, 0); err != nil || req.Capabilities != tt.r.Capabilities|wire.ClientSSL {
			t.Errorf("%s: SSL request from the prefix: %+v, %v", tt.name, req, err)
		}
	}
}

func TestHandshakeResponseEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		r    wire.HandshakeResponse
	}{
		{"no 4.1", wire.HandshakeResponse{Username: "u"}},
		{"NUL in user", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, Username: "a\x00"}},
		{"db without flag", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, Database: "d"}},
		{"plugin without flag", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, AuthPluginName: "p"}},
		{"auth too long", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41 | wire.ClientSecureConnection,
			AuthResponse: make([]byte, 256)}},
		{"NUL in NUL-terminated auth", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, AuthResponse: []byte{1, 0}}},
		{"extended with CLIENT_MYSQL", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41 | wire.ClientLongPassword |
			wire.MariaDBClientProgress}},
		{"zstd level without flag", wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, ZstdCompressionLevel: 1}},
	}
	for _, tt := range tests {
		_, err := tt.r.Encode(nil, 0)
		var ee *wire.EncodeError
		if !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want *EncodeError", tt.name, err)
		}
	}
}

func TestHandshakeResponseAttributesDroppedWithoutFlag(t *testing.T) {
	r := wire.HandshakeResponse{Capabilities: wire.ClientProtocol41, Username: "u",
		Attributes: []wire.Attribute{{"k", "v"}}}
	b, err := r.Encode(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 32+2+1 {
		t.Errorf("encoded %d bytes (%x): attributes written without CLIENT_CONNECT_ATTRS?", len(b), b)
	}
}

func TestSSLRequest(t *testing.T) {
	pkt := capture(t, "sslRequestCLI")
	var r wire.SSLRequest
	if err := r.Decode(pkt, 0); err != nil {
		t.Fatal(err)
	}
	want := wire.SSLRequest{Capabilities: 0x1d_00bfaa84, MaxPacketSize: 1 << 20, CharacterSet: 33}
	if r != want {
		t.Fatalf("decoded %+v, want %+v", r, want)
	}
	got, err := r.Encode(nil, 0)
	if err != nil || !bytes.Equal(got, pkt) {
		t.Fatalf("re-encoded %x, %v; want %x", got, err, pkt)
	}
	// Without CLIENT_SSL it is not an SSL request.
	noSSL := bytes.Clone(pkt)
	noSSL[1] &^= byte(wire.ClientSSL >> 8)
	wantMalformed(t, r.Decode(noSSL, 0), "no CLIENT_SSL")
	if _, err := (wire.SSLRequest{Capabilities: wire.ClientProtocol41}).Encode(nil, 0); err == nil {
		t.Error("Encode without CLIENT_SSL succeeded")
	}
	wantMalformed(t, r.Decode(append(bytes.Clone(pkt), 0), 0), "33 bytes")
}
