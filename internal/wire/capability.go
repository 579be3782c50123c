package wire

import (
	"fmt"
	"math/bits"
	"strings"
)

// Capability is a set of protocol capability flags. The lower 32 bits are the
// standard CLIENT_* flags; the upper 32 bits are MariaDB's extended flags,
// which travel in bytes the MySQL protocol reserves and only when
// ClientLongPassword (CLIENT_MYSQL) is clear.
type Capability uint64

// The standard capability flags (MySQL and MariaDB).
const (
	// ClientLongPassword is CLIENT_LONG_PASSWORD, which MariaDB calls
	// CLIENT_MYSQL: MariaDB servers clear it to say that extended capabilities
	// follow, and MariaDB clients clear it in reply.
	ClientLongPassword Capability = 1 << 0
	// ClientFoundRows reports rows found instead of rows changed.
	ClientFoundRows Capability = 1 << 1
	// ClientLongFlag asks for all column flags.
	ClientLongFlag Capability = 1 << 2
	// ClientConnectWithDB puts a default schema in the handshake response.
	ClientConnectWithDB Capability = 1 << 3
	// ClientNoSchema forbids schema.table.column (deprecated).
	ClientNoSchema Capability = 1 << 4
	// ClientCompress selects the compressed protocol.
	ClientCompress Capability = 1 << 5
	// ClientODBC is a legacy flag with no effect.
	ClientODBC Capability = 1 << 6
	// ClientLocalFiles allows LOAD DATA LOCAL.
	ClientLocalFiles Capability = 1 << 7
	// ClientIgnoreSpace lets the parser ignore spaces before '('.
	ClientIgnoreSpace Capability = 1 << 8
	// ClientProtocol41 selects the 4.1 protocol, which this package requires.
	ClientProtocol41 Capability = 1 << 9
	// ClientInteractive selects interactive_timeout instead of wait_timeout.
	ClientInteractive Capability = 1 << 10
	// ClientSSL asks for TLS after the SSL request.
	ClientSSL Capability = 1 << 11
	// ClientIgnoreSigpipe is a client-library flag never sent by servers.
	ClientIgnoreSigpipe Capability = 1 << 12
	// ClientTransactions makes servers send status flags.
	ClientTransactions Capability = 1 << 13
	// ClientReserved is an old flag for the 4.1 protocol.
	ClientReserved Capability = 1 << 14
	// ClientSecureConnection selects 4.1 authentication (length-prefixed
	// auth response; also called CLIENT_RESERVED2).
	ClientSecureConnection Capability = 1 << 15
	// ClientMultiStatements allows several statements in one COM_QUERY.
	ClientMultiStatements Capability = 1 << 16
	// ClientMultiResults allows several result sets for one command.
	ClientMultiResults Capability = 1 << 17
	// ClientPSMultiResults allows several result sets from prepared statements.
	ClientPSMultiResults Capability = 1 << 18
	// ClientPluginAuth selects pluggable authentication.
	ClientPluginAuth Capability = 1 << 19
	// ClientConnectAttrs sends connection attributes.
	ClientConnectAttrs Capability = 1 << 20
	// ClientPluginAuthLenEncClientData sends the auth response length-encoded.
	ClientPluginAuthLenEncClientData Capability = 1 << 21
	// ClientCanHandleExpiredPasswords lets a user with an expired password log in.
	ClientCanHandleExpiredPasswords Capability = 1 << 22
	// ClientSessionTrack enables session-state information in OK packets.
	ClientSessionTrack Capability = 1 << 23
	// ClientDeprecateEOF ends result sets with OK packets instead of EOF packets.
	ClientDeprecateEOF Capability = 1 << 24
	// ClientOptionalResultsetMetadata lets the server skip column definitions
	// (MySQL 8).
	ClientOptionalResultsetMetadata Capability = 1 << 25
	// ClientZstdCompressionAlgorithm selects zstd compression (MySQL 8).
	ClientZstdCompressionAlgorithm Capability = 1 << 26
	// ClientQueryAttributes sends query attributes with COM_QUERY (MySQL 8).
	ClientQueryAttributes Capability = 1 << 27
	// ClientMultiFactorAuthentication enables multi-factor authentication
	// (MySQL 8).
	ClientMultiFactorAuthentication Capability = 1 << 28
	// ClientCapabilityExtension reserves room for more flags (MySQL 8). Old
	// MariaDB clients used this bit for CLIENT_PROGRESS.
	ClientCapabilityExtension Capability = 1 << 29
	// ClientSSLVerifyServerCert is a client-library flag.
	ClientSSLVerifyServerCert Capability = 1 << 30
	// ClientRememberOptions is a client-library flag.
	ClientRememberOptions Capability = 1 << 31
)

// ClientMySQL is MariaDB's name for ClientLongPassword.
const ClientMySQL = ClientLongPassword

// MariaDB's extended capability flags (the upper 32 bits).
const (
	// MariaDBClientProgress enables progress reports (see ProgressReport).
	MariaDBClientProgress Capability = 1 << 32
	// MariaDBClientComMulti was COM_MULTI, now removed; do not set it.
	MariaDBClientComMulti Capability = 1 << 33
	// MariaDBClientStmtBulkOperations enables COM_STMT_BULK_EXECUTE.
	MariaDBClientStmtBulkOperations Capability = 1 << 34
	// MariaDBClientExtendedMetadata adds data type names and formats to
	// column definitions (MariaDB 10.5+).
	MariaDBClientExtendedMetadata Capability = 1 << 35
	// MariaDBClientCacheMetadata lets the server skip column definitions the
	// client has cached; column-count packets then carry a metadata-follows
	// byte (MariaDB 10.6+).
	MariaDBClientCacheMetadata Capability = 1 << 36
	// MariaDBClientBulkUnitResults asks for one result per row of a bulk
	// command (MariaDB 11.5+).
	MariaDBClientBulkUnitResults Capability = 1 << 37
)

// capabilityName returns the protocol name of a flag bit, or "" if it has none.
func capabilityName(bit int) string {
	switch bit {
	case 0:
		return "CLIENT_LONG_PASSWORD"
	case 1:
		return "CLIENT_FOUND_ROWS"
	case 2:
		return "CLIENT_LONG_FLAG"
	case 3:
		return "CLIENT_CONNECT_WITH_DB"
	case 4:
		return "CLIENT_NO_SCHEMA"
	case 5:
		return "CLIENT_COMPRESS"
	case 6:
		return "CLIENT_ODBC"
	case 7:
		return "CLIENT_LOCAL_FILES"
	case 8:
		return "CLIENT_IGNORE_SPACE"
	case 9:
		return "CLIENT_PROTOCOL_41"
	case 10:
		return "CLIENT_INTERACTIVE"
	case 11:
		return "CLIENT_SSL"
	case 12:
		return "CLIENT_IGNORE_SIGPIPE"
	case 13:
		return "CLIENT_TRANSACTIONS"
	case 14:
		return "CLIENT_RESERVED"
	case 15:
		return "CLIENT_SECURE_CONNECTION"
	case 16:
		return "CLIENT_MULTI_STATEMENTS"
	case 17:
		return "CLIENT_MULTI_RESULTS"
	case 18:
		return "CLIENT_PS_MULTI_RESULTS"
	case 19:
		return "CLIENT_PLUGIN_AUTH"
	case 20:
		return "CLIENT_CONNECT_ATTRS"
	case 21:
		return "CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA"
	case 22:
		return "CLIENT_CAN_HANDLE_EXPIRED_PASSWORDS"
	case 23:
		return "CLIENT_SESSION_TRACK"
	case 24:
		return "CLIENT_DEPRECATE_EOF"
	case 25:
		return "CLIENT_OPTIONAL_RESULTSET_METADATA"
	case 26:
		return "CLIENT_ZSTD_COMPRESSION_ALGORITHM"
	case 27:
		return "CLIENT_QUERY_ATTRIBUTES"
	case 28:
		return "MULTI_FACTOR_AUTHENTICATION"
	case 29:
		return "CLIENT_CAPABILITY_EXTENSION"
	case 30:
		return "CLIENT_SSL_VERIFY_SERVER_CERT"
	case 31:
		return "CLIENT_REMEMBER_OPTIONS"
	case 32:
		return "MARIADB_CLIENT_PROGRESS"
	case 33:
		return "MARIADB_CLIENT_COM_MULTI"
	case 34:
		return "MARIADB_CLIENT_STMT_BULK_OPERATIONS"
	case 35:
		return "MARIADB_CLIENT_EXTENDED_METADATA"
	case 36:
		return "MARIADB_CLIENT_CACHE_METADATA"
	case 37:
		return "MARIADB_CLIENT_BULK_UNIT_RESULTS"
	}
	return ""
}

// Has reports whether every flag of f is set in c.
func (c Capability) Has(f Capability) bool { return c&f == f }

// String lists the set flags by their protocol names, joined by '|'; unknown
// bits appear as hexadecimal.
func (c Capability) String() string {
	if c == 0 {
		return "0"
	}
	return flagString(uint64(c), capabilityName)
}

// flagString names the set bits of v; bits without a name are shown as one
// hexadecimal value at the end.
func flagString(v uint64, name func(bit int) string) string {
	var b strings.Builder
	var unknown uint64
	for v != 0 {
		i := bits.TrailingZeros64(v)
		v &^= 1 << i
		n := name(i)
		if n == "" {
			unknown |= 1 << i
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		b.WriteString(n)
	}
	if unknown != 0 {
		if b.Len() > 0 {
			b.WriteByte('|')
		}
		fmt.Fprintf(&b, "0x%x", unknown)
	}
	return b.String()
}
