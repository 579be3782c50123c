package aiomysql

import (
	"crypto/rsa"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// ParseServerPublicKey reads the server's RSA public key from PEM text, for
// Config.ServerPublicKey, as aiomysql's server_public_key and MySQL's
// --server-public-key-path take it: a "PUBLIC KEY" (PKIX) or "RSA PUBLIC
// KEY" (PKCS #1) block. Anything else, including a non-RSA key, gives a
// *ConfigError.
func ParseServerPublicKey(pemText []byte) (*rsa.PublicKey, error) {
	key, err := dsn.ParseServerPublicKey(pemText)
	return key, rootError(err)
}
