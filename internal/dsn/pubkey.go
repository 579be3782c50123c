package dsn

import (
	"crypto/rsa"
	"os"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// ParseServerPublicKey reads the server's RSA public key from PEM text, as
// aiomysql's server_public_key and MySQL's --server-public-key-path take it:
// a "PUBLIC KEY" (PKIX) or "RSA PUBLIC KEY" (PKCS #1) block. Anything else,
// including a non-RSA key, gives a *FieldError.
func ParseServerPublicKey(pemText []byte) (*rsa.PublicKey, error) {
	key, err := auth.ParsePublicKey(pemText)
	if err != nil {
		return nil, &FieldError{Field: "ServerPublicKey", Reason: "not a usable RSA public key", Err: err}
	}
	return key, nil
}

// LoadServerPublicKey returns ServerPublicKey when set, else the key read from
// ServerPublicKeyFile, else nil. The connection code calls it; the file is
// read each time.
func (c *Settings) LoadServerPublicKey() (*rsa.PublicKey, error) {
	if c.ServerPublicKey != nil || c.ServerPublicKeyFile == "" {
		return c.ServerPublicKey, nil
	}
	data, err := os.ReadFile(c.ServerPublicKeyFile)
	if err != nil {
		return nil, &FieldError{Field: "ServerPublicKeyFile", Reason: "cannot read the key file", Err: err}
	}
	key, err := ParseServerPublicKey(data)
	if err != nil {
		return nil, &FieldError{Field: "ServerPublicKeyFile", Reason: QuoteShort(c.ServerPublicKeyFile), Err: err}
	}
	return key, nil
}
