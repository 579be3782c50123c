package fakeserver

import (
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Nonce is the 20-byte scramble the standard greetings carry. Tests use it to
// compute what the client should answer.
func Nonce() []byte {
	return []byte{0x3d, 0x1a, 0x57, 0x6b, 0x2e, 0x70, 0x11, 0x4c, 0x5f, 0x66,
		0x28, 0x7a, 0x33, 0x09, 0x45, 0x61, 0x2f, 0x6d, 0x0c, 0x58}
}

// ServerCapabilities are the flags a MySQL 8 server offers (without TLS).
func ServerCapabilities() wire.Capability {
	return wire.ClientLongPassword | wire.ClientFoundRows | wire.ClientLongFlag | wire.ClientConnectWithDB |
		wire.ClientProtocol41 | wire.ClientTransactions | wire.ClientSecureConnection |
		wire.ClientMultiStatements | wire.ClientMultiResults | wire.ClientPSMultiResults |
		wire.ClientPluginAuth | wire.ClientConnectAttrs | wire.ClientPluginAuthLenEncClientData |
		wire.ClientSessionTrack | wire.ClientDeprecateEOF | wire.ClientLocalFiles
}

// MySQL8Greeting is a MySQL 8.0 greeting whose default plugin is
// caching_sha2_password. Add wire.ClientSSL to its capabilities to offer TLS.
func MySQL8Greeting() wire.Handshake {
	return wire.Handshake{
		ProtocolVersion: 10,
		ServerVersion:   "8.0.40-fake",
		ConnectionID:    42,
		AuthPluginData:  Nonce(),
		Capabilities:    ServerCapabilities(),
		CharacterSet:    255,
		StatusFlags:     wire.ServerStatusAutocommit,
		AuthPluginName:  "caching_sha2_password",
	}
}
