package aiomysql

import (
	"crypto/rsa"
	"maps"
	"math/big"
	"slices"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// NewConfig returns a Config with every default applied.
func NewConfig() *Config { return configFrom(dsn.New(), nil) }

// Clone returns a copy of c that shares nothing c could change: maps, slices,
// Autocommit, ServerPublicKey and TLSConfig (with tls.Config.Clone) are
// copied. Location, Logger, Tracer and Dialer are shared; they are not
// modified through a Config. Clone of nil is nil.
func (c *Config) Clone() *Config {
	if c == nil {
		return nil
	}
	cp := *c
	cp.InitCommands = slices.Clone(c.InitCommands)
	cp.Hosts = slices.Clone(c.Hosts)
	cp.CharsetFallbacks = slices.Clone(c.CharsetFallbacks)
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

// Network returns the network Connect dials: Net when set, else "unix" when
// UnixSocket is set, else "tcp".
func (c *Config) Network() string { return c.settings().Network() }

// Addr returns the address Connect dials: the socket path for "unix"
// (UnixSocket, or /tmp/mysql.sock when empty), else host:port with the
// defaults (127.0.0.1, 3306) for an empty Host or a zero Port and an IPv6
// address in brackets.
func (c *Config) Addr() string { return c.settings().Addr() }
