package aiomysql

import (
	"crypto/rsa"
	"crypto/tls"
)

// What Connect derives from a Config before dialing, done by internal/dsn;
// errors come back as *ConfigError.

// validate reports the first field of c that cannot work. It reads no file:
// the SSL* and key files are read by tlsConfig and serverPublicKey.
func (c *Config) validate() error { return rootError(c.settings().Validate()) }

// tlsConfig returns the TLS configuration for c's TLSMode, or nil with
// TLSDisabled: a clone of TLSConfig (or an empty one) with MinVersion at
// least TLS 1.2, ServerName defaulting to TLSServerName and then Host, the
// SSLCA roots and SSLCert/SSLKey pair loaded, and the verification the mode
// asks for (see TLSMode). It reads the SSL* files each time.
func (c *Config) tlsConfig() (*tls.Config, error) {
	cfg, err := c.settings().BuildTLSConfig()
	return cfg, rootError(err)
}

// serverPublicKey returns ServerPublicKey when set, else the key read from
// ServerPublicKeyFile, else nil; the file is read each time.
func (c *Config) serverPublicKey() (*rsa.PublicKey, error) {
	key, err := c.settings().LoadServerPublicKey()
	return key, rootError(err)
}

// allowedAuthPlugins returns the plugins the connection may use, in order
// of preference: AuthPlugins (or the default set) minus the plugins whose
// Allow* switch is off.
func (c *Config) allowedAuthPlugins() []string { return c.settings().AllowedAuthPlugins() }
