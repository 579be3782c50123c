package aiomysql_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"math/big"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
)

// S6: sha256_password and caching_sha2_password's full authentication on a
// channel without TLS, where the password goes RSA-encrypted or not at all.

// TestS6_ConfiguredKeyWins: with a configured key the client encrypts with
// it, and never with a key the server offers.
func TestS6_ConfiguredKeyWins(t *testing.T) {
	key, other := fakeserver.NewRSAKey(t), fakeserver.NewRSAKey(t)
	keyFile := writeTemp(t, "server-key.pem", fakeserver.PublicKeyPEM(t, key))
	otherPEM := fakeserver.PublicKeyPEM(t, other)
	setups := map[string]func(*aiomysql.Config){
		"ServerPublicKey":     func(cfg *aiomysql.Config) { cfg.ServerPublicKey = &key.PublicKey },
		"ServerPublicKeyFile": func(cfg *aiomysql.Config) { cfg.ServerPublicKeyFile = keyFile },
		"key and retrieval allowed": func(cfg *aiomysql.Config) {
			cfg.ServerPublicKey = &key.PublicKey
			cfg.AllowPublicKeyRetrieval = true
		},
	}
	// A client that asks anyway gets the other key, and its answer then
	// does not decrypt with the configured one.
	scripts := map[string]fakeserver.Handler{
		pluginSHA2: func(c *fakeserver.Conn) error {
			answer, err := sha2FullAuth(c, nil)
			if err == nil && bytes.Equal(answer, []byte{sha2KeyRequest}) {
				answer, err = sendKey(c, sha2KeyRequest, answer, otherPEM)
			}
			if err != nil {
				return err
			}
			return accept(c, encryptedPassword(key, fakeserver.Nonce(), answer))
		},
		pluginSHA256: func(c *fakeserver.Conn) error {
			hr, err := greetAndRead(c, fakeGreeting(pluginSHA256, false), nil)
			if err != nil {
				return err
			}
			answer := hr.AuthResponse
			if bytes.Equal(answer, []byte{sha256KeyRequest}) {
				if answer, err = sendKey(c, sha256KeyRequest, answer, otherPEM); err != nil {
					return err
				}
			}
			return accept(c, encryptedPassword(key, fakeserver.Nonce(), answer))
		},
	}
	for plugin, script := range scripts {
		for name, setup := range setups {
			t.Run(plugin+"/"+name, func(t *testing.T) {
				runFake(t, fakeCase{setup: setup, script: script})
			})
		}
	}
}

// TestS6_RefusedWithoutKey: the server wants the full password on a channel
// without TLS, no key is configured and retrieval is not allowed: the client
// refuses before sending anything of the password.
func TestS6_RefusedWithoutKey(t *testing.T) {
	modes := []aiomysql.TLSMode{aiomysql.TLSDisabled, aiomysql.TLSPreferred} // preferred: downgraded
	for _, mode := range modes {
		t.Run(pluginSHA2+"/"+mode.String(), func(t *testing.T) {
			runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.TLSMode = mode },
				script: func(c *fakeserver.Conn) error {
					hr, err := greetAndRead(c, fakeGreeting(pluginSHA2, false), nil)
					if err != nil {
						return err
					}
					if !sha2ScrambleOK(canary, fakeserver.Nonce(), hr.AuthResponse) {
						return accept(c, errors.New("wrong fast-path scramble"))
					}
					if err := c.AuthMoreData([]byte{sha2Full}); err != nil {
						return err
					}
					return expectClose(c, "the request for the full password")
				},
				want: aiomysql.ErrInsecureAuth,
			})
		})
		t.Run(pluginSHA256+"/"+mode.String(), func(t *testing.T) {
			runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.TLSMode = mode },
				script: func(c *fakeserver.Conn) error {
					if err := c.Greet(fakeGreeting(pluginSHA256, false)); err != nil {
						return err
					}
					return expectClose(c, "a greeting asking for sha256_password")
				},
				want: aiomysql.ErrInsecureAuth,
			})
		})
	}
}

// TestS6_BadServerKey: a key the server sends that is not a usable RSA key
// gives an error, never a panic, and the password is not sent.
func TestS6_BadServerKey(t *testing.T) {
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pemOf := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	pkix := func(pub any) []byte {
		der, err := x509.MarshalPKIXPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		return pemOf("PUBLIC KEY", der)
	}
	tiny := &rsa.PublicKey{N: new(big.Int).SetBit(big.NewInt(1), 511, 1), E: 65537}
	huge := &rsa.PublicKey{N: new(big.Int).SetBit(big.NewInt(1), 20000, 1), E: 65537}
	keys := []struct {
		name string
		pem  []byte
		want error
	}{
		{"ECDSA", pkix(&ecKey.PublicKey), aiomysql.ErrInsecureAuth},
		{"garbage", []byte("-----BEGIN PUBLIC KEY-----\n%%%not base64%%%\n-----END PUBLIC KEY-----\n"), aiomysql.ErrInsecureAuth},
		{"garbage DER", pemOf("PUBLIC KEY", []byte{0x30, 0x03, 0x02, 0x01, 0x00}), aiomysql.ErrInsecureAuth},
		{"private key block", pemOf("RSA PRIVATE KEY", []byte{0x30, 0x00}), aiomysql.ErrInsecureAuth},
		{"512-bit RSA", pkix(tiny), aiomysql.ErrInsecureAuth},
		{"20001-bit RSA", pkix(huge), aiomysql.ErrInsecureAuth},
		{"empty", nil, aiomysql.ErrProtocol},
	}
	for _, k := range keys {
		t.Run(pluginSHA2+"/"+k.name, func(t *testing.T) {
			runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.AllowPublicKeyRetrieval = true },
				script: func(c *fakeserver.Conn) error {
					got, err := sha2FullAuth(c, nil)
					if err != nil {
						return err
					}
					if _, err := sendKey(c, sha2KeyRequest, got, k.pem); err == nil {
						return errors.New("the client answered a bad key")
					}
					return nil
				},
				want: k.want,
			})
		})
		t.Run(pluginSHA256+"/"+k.name, func(t *testing.T) {
			runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.AllowPublicKeyRetrieval = true },
				script: func(c *fakeserver.Conn) error {
					hr, err := greetAndRead(c, fakeGreeting(pluginSHA256, false), nil)
					if err != nil {
						return err
					}
					if _, err := sendKey(c, sha256KeyRequest, hr.AuthResponse, k.pem); err == nil {
						return errors.New("the client answered a bad key")
					}
					return nil
				},
				want: k.want,
			})
		})
	}
}
