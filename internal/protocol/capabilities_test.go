package protocol_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestExtraCapabilities: of the bits a caller adds with ExtraCapabilities
// (client_flag), only AllowedExtraCapabilities reach the handshake
// response, even when the server offers every bit; CLIENT_LOCAL_FILES never
// does without LocalFiles. Allowed extras do reach it.
func TestExtraCapabilities(t *testing.T) {
	const allLow = wire.Capability(1<<32 - 1)
	cases := []struct {
		name   string
		offers wire.Capability
	}{
		// MySQL: every standard flag.
		{"mysql", allLow},
		// MariaDB: CLIENT_MYSQL clear, and every extended flag too.
		{"mariadb", ^wire.Capability(0) &^ wire.ClientLongPassword},
	}
	forbidden := wire.ClientCompress | wire.ClientSSL | wire.ClientLocalFiles | wire.ClientQueryAttributes |
		wire.ClientOptionalResultsetMetadata | wire.ClientMultiFactorAuthentication |
		wire.ClientZstdCompressionAlgorithm | wire.ClientCapabilityExtension | wire.ClientSSLVerifyServerCert |
		wire.ClientReserved | wire.MariaDBClientProgress | wire.MariaDBClientComMulti |
		wire.MariaDBClientBulkUnitResults |
		1<<40 | 1<<63
	extras := wire.ClientInteractive | wire.ClientIgnoreSpace | wire.ClientFoundRows
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sent := make(chan wire.Capability, 1)
			srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
				g := nativeGreeting()
				g.Capabilities = tc.offers &^ wire.ClientSSL // no TLS without a certificate
				if err := c.Greet(g); err != nil {
					return err
				}
				hr, _, err := c.ReadHandshakeResponse(nil)
				if err != nil {
					return err
				}
				sent <- hr.Capabilities
				if err := c.WriteOK(wire.OK{StatusFlags: autocommit}); err != nil {
					return err
				}
				return waitGone(c)
			})
			opts := fakeOptions(srv)
			opts.ExtraCapabilities = ^wire.Capability(0)
			c := connect(t, opts)
			got := <-sent
			if bad := got & forbidden; bad != 0 {
				t.Errorf("the handshake response has %v, which ExtraCapabilities must not add", bad)
			}
			mariadb := wire.MariaDBClientExtendedMetadata | wire.MariaDBClientCacheMetadata | wire.MariaDBClientStmtBulkOperations
			if bad := got &^ (protocol.AllowedExtraCapabilities | mariadb); bad != 0 {
				t.Errorf("the handshake response has %v, outside the allowed extras", bad)
			}
			if got&extras != extras {
				t.Errorf("the handshake response lacks the allowed extras %v", extras&^got)
			}
			if tc.offers&wire.ClientLongPassword == 0 && got&mariadb != mariadb {
				// Else the extended flags could not be seen on the wire at all.
				t.Errorf("the handshake response to MariaDB lacks the extended metadata, cache metadata and bulk flags: %v", got)
			}
			if c.CanBulkExecute() != (tc.offers&wire.ClientLongPassword == 0) {
				t.Errorf("CanBulkExecute = %v", c.CanBulkExecute())
			}
			if c.Capabilities() != got {
				t.Errorf("negotiated %v, but sent %v", c.Capabilities(), got)
			}
		})
	}
}
