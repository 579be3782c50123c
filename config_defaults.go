package aiomysql

import (
	"crypto/rsa"
	"maps"
	"math/big"
	"net"
	"slices"
	"strconv"
	"time"
)

// Defaults of a Config, as NewConfig and ParseDSN set them.
const (
	// DefaultHost is the host used when Config.Host is empty.
	DefaultHost = "127.0.0.1"
	// DefaultPort is the port used when Config.Port is 0.
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

// The authentication plugins a Config knows by name.
const (
	pluginNative      = "mysql_native_password"
	pluginCachingSHA2 = "caching_sha2_password"
	pluginSHA256      = "sha256_password"
	pluginEd25519     = "client_ed25519"
	pluginClear       = "mysql_clear_password"
	pluginDialog      = "dialog"
	pluginOld         = "mysql_old_password"
)

// NewConfig returns a Config with every default applied.
func NewConfig() *Config {
	return &Config{
		Host:                 DefaultHost,
		Port:                 DefaultPort,
		ConnectTimeout:       DefaultConnectTimeout,
		Charset:              DefaultCharset,
		Location:             time.UTC,
		TinyInt1IsBool:       true,
		TLSMode:              TLSPreferred,
		AllowNativePasswords: true,
		MaxAllowedPacket:     DefaultMaxAllowedPacket,
		InterpolateParams:    true,
		CheckConnLiveness:    true,
		KillOnCancel:         true,
	}
}

// Clone returns a copy of c that shares nothing c could change: maps, slices,
// Autocommit, ServerPublicKey and TLSConfig (with tls.Config.Clone) are
// copied. Location, Logger and Dialer are shared; they are not modified
// through a Config. Clone of nil is nil.
func (c *Config) Clone() *Config {
	if c == nil {
		return nil
	}
	cp := *c
	cp.InitCommands = slices.Clone(c.InitCommands)
	cp.AuthPlugins = slices.Clone(c.AuthPlugins)
	cp.LocalInfileAllow = slices.Clone(c.LocalInfileAllow)
	cp.Params = maps.Clone(c.Params)
	cp.ConnectAttributes = maps.Clone(c.ConnectAttributes)
	if c.Autocommit != nil {
		v := *c.Autocommit
		cp.Autocommit = &v
	}
	if c.ServerPublicKey != nil {
		cp.ServerPublicKey = &rsa.PublicKey{E: c.ServerPublicKey.E}
		if c.ServerPublicKey.N != nil {
			cp.ServerPublicKey.N = new(big.Int).Set(c.ServerPublicKey.N)
		}
	}
	if c.TLSConfig != nil {
		cp.TLSConfig = c.TLSConfig.Clone()
	}
	return &cp
}

// Network returns the network to dial: Net when set, else "unix" when
// UnixSocket is set, else "tcp".
func (c *Config) Network() string {
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
func (c *Config) Addr() string {
	if c.Network() == "unix" {
		if c.UnixSocket == "" {
			return DefaultSocket
		}
		return c.UnixSocket
	}
	return net.JoinHostPort(c.host(), strconv.Itoa(c.port()))
}

// host is Host or its default.
func (c *Config) host() string {
	if c.Host == "" {
		return DefaultHost
	}
	return c.Host
}

// port is Port or its default.
func (c *Config) port() int {
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
func (c *Config) AllowedAuthPlugins() []string {
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
func (c *Config) pluginSwitchOn(p string) bool {
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
