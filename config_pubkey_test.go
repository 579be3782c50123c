package aiomysql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// The PKIX and PKCS #1 forms of one 1024-bit RSA public key, and a P-256
// key, made once with crypto/x509 (internal/dsn's tests make their own).
const (
	rsaPKIX = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDXXcpUzXnDQa6R0nTW5qYNeAiT
GKwi4MMvwkpj2txhnRil0VYwwmGxEAw+wO+ZbD+kicm08WZawsvC+Ia/pzFIz7UR
AsOCBv4rseX6pGkVOuhtXnR/CR3o20rFTdjfXOAbDg71O55V9Dz66K8p5TQxtKMb
F4zzrCdo1YW/kLp/SQIDAQAB
-----END PUBLIC KEY-----
`
	rsaPKCS1 = `-----BEGIN RSA PUBLIC KEY-----
MIGJAoGBANddylTNecNBrpHSdNbmpg14CJMYrCLgwy/CSmPa3GGdGKXRVjDCYbEQ
DD7A75lsP6SJybTxZlrCy8L4hr+nMUjPtRECw4IG/iux5fqkaRU66G1edH8JHejb
SsVN2N9c4BsODvU7nlX0PProrynlNDG0oxsXjPOsJ2jVhb+Qun9JAgMBAAE=
-----END RSA PUBLIC KEY-----
`
	ecPKIX = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEHdtSb3+Vj7sfv/XXJZX1ORTrWW9f
1NP9b30GMpAIJO9TYEliDZlKam6DIk/KULEMulzZ4J/l51jjrgqS/XcMPw==
-----END PUBLIC KEY-----
`
)

func TestParseServerPublicKey(t *testing.T) {
	tests := []struct {
		name string
		pem  string
		ok   bool
	}{
		{"PKIX", rsaPKIX, true},
		{"PKCS #1", rsaPKCS1, true},
		{"ECDSA key", ecPKIX, false},
		{"garbage", "-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, err := aiomysql.ParseServerPublicKey([]byte(tt.pem))
			var ce *aiomysql.ConfigError
			switch {
			case tt.ok && (err != nil || key.N.BitLen() != 1024 || key.E != 65537):
				t.Errorf("ParseServerPublicKey = %v, %v; want the 1024-bit key", key, err)
			case !tt.ok && (key != nil || !errors.As(err, &ce) || ce.Field != "ServerPublicKey"):
				t.Errorf("ParseServerPublicKey = %v, %v; want a *ConfigError for ServerPublicKey", key, err)
			}
		})
	}
}
