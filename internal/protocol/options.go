package protocol

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"log/slog"
	"net"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/auth"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Dialer opens the raw connection to the server.
type Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

// Options is everything a connection needs. The public package fills it from
// its Config; nothing here has a default beyond its zero value.
type Options struct {
	Network string // "tcp" or "unix"
	Address string // host:port or the socket path
	Dial    Dialer // nil: a net.Dialer with keepalive

	// TLSConfig, when set, makes the connection ask for TLS and upgrade
	// with it when the server offers it; nil never encrypts.
	TLSConfig *tls.Config
	// TLSRequired fails the connection, before the user name is sent, when
	// the server does not offer TLS (else it goes on in clear).
	TLSRequired bool

	User     string
	Password string
	Database string

	// Collation is the collation id sent in the handshake (one byte on the wire;
	// ids above 255 are set afterwards by the caller with SET NAMES).
	Collation uint16

	// AuthPlugins is the allow-list of plugin names, in order of preference
	// for the first response when the server's default is not on it. Empty
	// allows none.
	AuthPlugins []string
	// AuthPlugin is the plugin for the first response ("" = the server's).
	AuthPlugin string
	// What the plugins may use beside the password and the channel.
	AllowPublicKeyRetrieval bool
	AllowCleartext          bool
	AllowOldPasswords       bool
	ServerPublicKey         *rsa.PublicKey // configured key; wins over the server's

	Attributes []wire.Attribute

	// ExtraCapabilities are ORed into the client's flags (aiomysql
	// client_flag); only AllowedExtraCapabilities are taken.
	ExtraCapabilities wire.Capability
	MultiStatements   bool
	LocalFiles        bool
	FoundRows         bool
	// Compress asks for the compressed protocol; it is used when the server
	// offers it.
	Compress bool
	// TrackGTID asks the server to report, in the OK of each write, the
	// GTID it got (MariaDB's last_gtid, MySQL's session_track_gtids =
	// OWN_GTID), with the tracking SET queued at connect.
	TrackGTID bool

	// MaxPacket bounds one packet the client reads or writes.
	MaxPacket int
	// LongDataThreshold is the size above which a prepared statement's
	// string or binary parameter is sent with COM_STMT_SEND_LONG_DATA (see
	// longdata.go): 0 means DefaultLongDataThreshold, negative never.
	LongDataThreshold int

	ReadTimeout  time.Duration
	WriteTimeout time.Duration

	// KillOnCancel sends KILL QUERY on a side connection when an exchange's
	// context ends (see cancel.go); KillDelay waits before sending it,
	// KillTimeout bounds the side connection (default 5 s), and CancelGrace
	// bounds the wait for the kill and then for the server's answer (default 60 ms each).
	KillOnCancel bool
	KillDelay    time.Duration
	KillTimeout  time.Duration
	CancelGrace  time.Duration

	// ServerError builds the error for an ERR packet; nil returns the packet itself.
	ServerError func(number uint16, sqlState, message string) error

	Logger *slog.Logger

	side bool // a kill's side connection: no session tracking
}

// AllowedExtraCapabilities are the capability bits a caller may add with
// ExtraCapabilities: the ones this client implements, or that change only
// the server's behaviour. Compression (set through Compress), TLS (set through TLSConfig), query
// attributes, optional result-set metadata, multi-factor authentication,
// MariaDB's progress reports, bulk and metadata-caching flags and every
// unknown bit change the protocol in ways the client does not speak, so
// they are refused.
const AllowedExtraCapabilities = wire.ClientLongPassword | wire.ClientFoundRows | wire.ClientLongFlag |
	wire.ClientConnectWithDB | wire.ClientNoSchema | wire.ClientODBC | wire.ClientLocalFiles |
	wire.ClientIgnoreSpace | wire.ClientProtocol41 | wire.ClientInteractive | wire.ClientIgnoreSigpipe |
	wire.ClientTransactions | wire.ClientSecureConnection | wire.ClientMultiStatements |
	wire.ClientMultiResults | wire.ClientPSMultiResults | wire.ClientPluginAuth | wire.ClientConnectAttrs |
	wire.ClientPluginAuthLenEncClientData | wire.ClientCanHandleExpiredPasswords |
	wire.ClientSessionTrack | wire.ClientDeprecateEOF | wire.ClientRememberOptions

func (o *Options) authOptions(secure bool) *auth.Options {
	return &auth.Options{
		Password:                o.Password,
		Secure:                  secure,
		AllowPublicKeyRetrieval: o.AllowPublicKeyRetrieval,
		AllowCleartext:          o.AllowCleartext,
		AllowOldPasswords:       o.AllowOldPasswords,
		ServerPublicKey:         o.ServerPublicKey,
	}
}
