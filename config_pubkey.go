package aiomysql

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
)

// ParseServerPublicKey reads the server's RSA public key from PEM text, as
// aiomysql's server_public_key and MySQL's --server-public-key-path take it:
// a "PUBLIC KEY" (PKIX) or "RSA PUBLIC KEY" (PKCS #1) block. Anything else,
// including a non-RSA key, gives a *ConfigError.
func ParseServerPublicKey(pemText []byte) (*rsa.PublicKey, error) {
	block, _ := pem.Decode(pemText)
	if block == nil {
		return nil, &ConfigError{Field: "ServerPublicKey", Reason: "no PEM block found"}
	}
	switch block.Type {
	case "PUBLIC KEY":
		key, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return nil, &ConfigError{Field: "ServerPublicKey", Reason: "bad PKIX public key", Err: err}
		}
		rsaKey, ok := key.(*rsa.PublicKey)
		if !ok {
			return nil, &ConfigError{Field: "ServerPublicKey", Reason: "the key is not an RSA key"}
		}
		return rsaKey, nil
	case "RSA PUBLIC KEY":
		key, err := x509.ParsePKCS1PublicKey(block.Bytes)
		if err != nil {
			return nil, &ConfigError{Field: "ServerPublicKey", Reason: "bad PKCS #1 public key", Err: err}
		}
		return key, nil
	}
	return nil, &ConfigError{Field: "ServerPublicKey", Reason: "PEM block " + quoteShort(block.Type) +
		" is not a public key (want PUBLIC KEY or RSA PUBLIC KEY)"}
}

// LoadServerPublicKey returns ServerPublicKey when set, else the key read from
// ServerPublicKeyFile, else nil. The connection code calls it; the file is
// read each time.
func (c *Config) LoadServerPublicKey() (*rsa.PublicKey, error) {
	if c.ServerPublicKey != nil || c.ServerPublicKeyFile == "" {
		return c.ServerPublicKey, nil
	}
	data, err := os.ReadFile(c.ServerPublicKeyFile)
	if err != nil {
		return nil, &ConfigError{Field: "ServerPublicKeyFile", Reason: "cannot read the key file", Err: err}
	}
	key, err := ParseServerPublicKey(data)
	if err != nil {
		return nil, &ConfigError{Field: "ServerPublicKeyFile", Reason: quoteShort(c.ServerPublicKeyFile), Err: err}
	}
	return key, nil
}
