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

// TLSMode says whether and how the connection is encrypted.
type TLSMode int

// The TLS modes, weakest first.
const (
	// TLSDisabled never encrypts.
	TLSDisabled TLSMode = iota
	// TLSPreferred encrypts when the server offers TLS, else goes on in clear
	// (and then sends no password-equivalent in clear).
	TLSPreferred
	// TLSRequired encrypts or fails; the certificate is checked only as far as
	// TLSConfig says.
	TLSRequired
	// TLSVerifyCA is TLSRequired with the chain verified (TLSConfig does it).
	TLSVerifyCA
	// TLSVerifyIdentity is TLSVerifyCA with the host name verified.
	TLSVerifyIdentity
)

// Dialer opens the raw connection to the server.
type Dialer func(ctx context.Context, network, addr string) (net.Conn, error)

// Options is everything a connection needs. The public package fills it from
// its Config; nothing here has a default beyond its zero value.
type Options struct {
	Network string // "tcp" or "unix"
	Address string // host:port or the socket path
	Dial    Dialer // nil: a net.Dialer with keepalive

	TLSMode   TLSMode
	TLSConfig *tls.Config // used when TLSMode is not TLSDisabled; required then

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

	// ExtraCapabilities are ORed into the client's flags (aiomysql client_flag).
	ExtraCapabilities wire.Capability
	MultiStatements   bool
	LocalFiles        bool
	FoundRows         bool

	// MaxPacket bounds one packet the client reads or writes.
	MaxPacket int

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
}

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
