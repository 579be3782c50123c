package dsn

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"log/slog"
	"net"
	"slices"
	"strconv"
	"time"
)

// Defaults of a Settings, as New and Parse set them.
const (
	// DefaultHost is the host used when Host is empty.
	DefaultHost = "127.0.0.1"
	// DefaultPort is the port used when Port is 0.
	DefaultPort = 3306
	// DefaultSocket is the socket a DSN's "unix" without a path names.
	DefaultSocket = "/tmp/mysql.sock"
	// DefaultCharset is the connection character set.
	DefaultCharset = "utf8mb4"
	// DefaultConnectTimeout bounds connecting.
	DefaultConnectTimeout = 10 * time.Second
	// DefaultMaxAllowedPacket is the client's packet size limit (64 MiB).
	DefaultMaxAllowedPacket = 64 << 20
	// MaxMaxAllowedPacket is the largest MaxAllowedPacket allowed (1 GiB),
	// the server's own upper bound.
	MaxMaxAllowedPacket = 1 << 30
)

// Settings is a connection configuration in plain fields: everything a DSN
// or an option file can say, plus the four values that validation, TLS
// set-up and Format must see although no DSN holds them (Dialer, TLSConfig,
// ServerPublicKey, Logger). Its fields have the names, meanings and defaults
// of aiomysql.Config's, whose comments document them; only the types of
// TLSMode and DefaultCursor are this package's own, with the same values.
// A Settings is a plain value, not safe for concurrent writes.
type Settings struct {
	Net            string // "", "tcp", "tcp4", "tcp6", "unix", or a Dialer's own name
	Host           string
	Port           int
	Hosts          []string // more than one server: host:port entries, tried as HostOrder says
	HostOrder      HostOrder
	TargetRole     TargetRole
	UnixSocket     string
	Dialer         func(ctx context.Context, network, addr string) (net.Conn, error) // not in the DSN
	ConnectTimeout time.Duration
	ReadTimeout    time.Duration
	WriteTimeout   time.Duration

	User     string
	Password string
	Database string

	Charset           string
	CharsetFallbacks  []string
	Collation         string
	SQLMode           string
	TimeZone          string
	Location          *time.Location
	ParseTime         bool
	TimeTruncate      time.Duration
	TinyInt1IsBool    bool
	Autocommit        *bool
	InitCommands      []string
	Params            map[string]string // session variables
	ProgramName       string
	ConnectAttributes map[string]string

	TLSMode       TLSMode
	TLSConfig     *tls.Config // not in the DSN
	SSLCA         string
	SSLCert       string
	SSLKey        string
	TLSServerName string

	AuthPlugins             []string
	AuthPlugin              string
	AllowCleartextPasswords bool
	AllowNativePasswords    bool
	AllowOldPasswords       bool
	AllowPublicKeyRetrieval bool
	ServerPublicKey         *rsa.PublicKey // not in the DSN
	ServerPublicKeyFile     string

	MaxAllowedPacket  int
	MultiStatements   bool
	ClientFoundRows   bool
	Compress          bool
	TrackGTID         bool
	ColumnsWithAlias  bool
	InterpolateParams bool
	RejectReadOnly    bool
	CheckConnLiveness bool
	ClientFlag        uint64
	DefaultCursor     CursorKind
	// DefaultQueryExecMode and StatementCacheCapacity: how statements with
	// arguments are sent, and how many prepared ones a connection keeps.
	DefaultQueryExecMode   QueryExecMode
	StatementCacheCapacity int
	LongDataThreshold      int          // long data above this size (0: the default, negative: never)
	Logger                 *slog.Logger // the DSN says only echo=true (slog.Default())
	LocalInfile            bool
	LocalInfileAllow       []string
	KillOnCancel           bool
	KillDelay              time.Duration
	ReadDefaultFile        string
	ReadDefaultGroup       string
}

// The authentication plugins a Settings knows by name.
const (
	pluginNative      = "mysql_native_password"
	pluginCachingSHA2 = "caching_sha2_password"
	pluginSHA256      = "sha256_password"
	pluginEd25519     = "client_ed25519"
	pluginClear       = "mysql_clear_password"
	pluginDialog      = "dialog"
	pluginOld         = "mysql_old_password"
)

// New returns a Settings with every default applied.
func New() *Settings {
	return &Settings{
		Host:                   DefaultHost,
		Port:                   DefaultPort,
		ConnectTimeout:         DefaultConnectTimeout,
		Charset:                DefaultCharset,
		Location:               time.UTC,
		TLSMode:                TLSPreferred,
		AllowNativePasswords:   true,
		MaxAllowedPacket:       DefaultMaxAllowedPacket,
		CheckConnLiveness:      true,
		KillOnCancel:           true,
		StatementCacheCapacity: DefaultStatementCacheCapacity,
		LongDataThreshold:      DefaultLongDataThreshold,
	}
}

// Network returns the network to dial: Net when set, else "unix" when
// UnixSocket is set, else "tcp".
func (c *Settings) Network() string {
	switch {
	case c.Net != "":
		return c.Net
	case c.UnixSocket != "":
		return "unix"
	}
	return "tcp"
}

// Addr returns the address to dial: the socket path for "unix" (UnixSocket,
// or DefaultSocket when empty), else host:port with the defaults for an empty
// Host or a zero Port and an IPv6 address in brackets.
func (c *Settings) Addr() string {
	if c.Network() == "unix" {
		if c.UnixSocket == "" {
			return DefaultSocket
		}
		return c.UnixSocket
	}
	return net.JoinHostPort(c.host(), strconv.Itoa(c.port()))
}

// host is Host or its default.
func (c *Settings) host() string {
	if c.Host == "" {
		return DefaultHost
	}
	return c.Host
}

// port is Port or its default.
func (c *Settings) port() int {
	if c.Port == 0 {
		return DefaultPort
	}
	return c.Port
}

// AllowedAuthPlugins returns the plugins the connection may use, in order of
// preference. Without AuthPlugins, that is the safe set (caching_sha2_password,
// client_ed25519, sha256_password, and mysql_native_password unless
// AllowNativePasswords is false) plus mysql_clear_password and dialog with
// AllowCleartextPasswords and mysql_old_password with AllowOldPasswords. With
// AuthPlugins, it is that list minus the plugins whose Allow* switch is off.
func (c *Settings) AllowedAuthPlugins() []string {
	list := c.AuthPlugins
	if list == nil {
		list = []string{pluginCachingSHA2, pluginEd25519, pluginSHA256, pluginNative, pluginClear, pluginDialog, pluginOld}
	}
	out := make([]string, 0, len(list))
	for _, p := range list {
		if c.pluginSwitchOn(p) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// pluginSwitchOn reports whether the Allow* switch that guards plugin p, if
// any, is on.
func (c *Settings) pluginSwitchOn(p string) bool {
	switch p {
	case pluginNative:
		return c.AllowNativePasswords
	case pluginClear, pluginDialog:
		return c.AllowCleartextPasswords
	case pluginOld:
		return c.AllowOldPasswords
	}
	return true
}
