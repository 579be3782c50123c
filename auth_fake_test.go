package aiomysql_test

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
)

// The caching_sha2_password AuthMoreData statuses, and the bytes that ask
// for the server's RSA key.
const (
	sha2FastOK       byte = 0x03
	sha2Full         byte = 0x04
	sha2KeyRequest   byte = 0x02
	sha256KeyRequest byte = 0x01
)

// sha2FullAuth greets with caching_sha2_password as the default (offering TLS
// when srvTLS is set), checks the fast-path scramble and asks for the full
// password, which the returned packet carries.
func sha2FullAuth(c *fakeserver.Conn, srvTLS *tls.Config) ([]byte, error) {
	hr, err := greetAndRead(c, fakeGreeting(pluginSHA2, srvTLS != nil), srvTLS)
	if err != nil {
		return nil, err
	}
	if hr.AuthPluginName != pluginSHA2 || !sha2ScrambleOK(canary, fakeserver.Nonce(), hr.AuthResponse) {
		return nil, accept(c, fmt.Errorf("first response: plugin %q, a wrong scramble", hr.AuthPluginName))
	}
	if err := c.AuthMoreData([]byte{sha2Full}); err != nil {
		return nil, err
	}
	return c.ReadPacket()
}

// sendKey answers a key request with pemKey and returns the client's answer.
func sendKey(c *fakeserver.Conn, request byte, got, pemKey []byte) ([]byte, error) {
	if !bytes.Equal(got, []byte{request}) {
		return nil, accept(c, fmt.Errorf("the client sent %d bytes, want the key request %x", len(got), request))
	}
	if err := c.AuthMoreData(pemKey); err != nil {
		return nil, err
	}
	return c.ReadPacket()
}

func TestFakeCachingSHA2FastPath(t *testing.T) {
	script := func(c *fakeserver.Conn) error {
		hr, err := greetAndRead(c, fakeGreeting(pluginSHA2, false), nil)
		if err != nil {
			return err
		}
		if !sha2ScrambleOK(canary, fakeserver.Nonce(), hr.AuthResponse) {
			// What MySQL answers to a wrong password: not a test failure.
			return c.WriteErr(1045, "28000", "Access denied for user 'alice'@'localhost' (using password: YES)")
		}
		if err := c.AuthMoreData([]byte{sha2FastOK}); err != nil {
			return err
		}
		return accept(c, nil)
	}
	runFake(t, fakeCase{script: script, check: func(t *testing.T, conn *aiomysql.Conn) {
		if p := conn.AuthPlugin(); p != pluginSHA2 {
			t.Errorf("AuthPlugin() = %q", p)
		}
	}})
	// The server's check can fail: a wrong password gets the server's 1045.
	runFake(t, fakeCase{script: script, setup: func(cfg *aiomysql.Config) { cfg.Password = canary + "x" },
		want: &aiomysql.Error{Number: 1045}})
}

func TestFakeCachingSHA2FullAuthTLS(t *testing.T) {
	srvTLS := selfSignedTLS(t)
	runFake(t, fakeCase{
		setup: func(cfg *aiomysql.Config) { cfg.TLSMode = aiomysql.TLSRequired },
		script: func(c *fakeserver.Conn) error {
			answer, err := sha2FullAuth(c, srvTLS)
			if err != nil {
				return err
			}
			if _, ok := c.TLSState(); !ok {
				return accept(c, errors.New("the full password came without TLS"))
			}
			return accept(c, clearPassword(answer))
		},
		check: func(t *testing.T, conn *aiomysql.Conn) {
			if !conn.TLS() {
				t.Error("TLS() = false")
			}
		},
	})
}

func TestFakeCachingSHA2KeyRetrieval(t *testing.T) {
	key := fakeserver.NewRSAKey(t)
	runFake(t, fakeCase{
		setup: func(cfg *aiomysql.Config) { cfg.AllowPublicKeyRetrieval = true },
		script: func(c *fakeserver.Conn) error {
			got, err := sha2FullAuth(c, nil)
			if err != nil {
				return err
			}
			answer, err := sendKey(c, sha2KeyRequest, got, fakeserver.PublicKeyPEM(t, key))
			if err != nil {
				return err
			}
			return accept(c, encryptedPassword(key, fakeserver.Nonce(), answer))
		},
	})
}

func TestFakeSHA256Password(t *testing.T) {
	key, other := fakeserver.NewRSAKey(t), fakeserver.NewRSAKey(t)
	srvTLS := selfSignedTLS(t)
	switchNonce := []byte("abcdefghij0123456789")
	first := func(c *fakeserver.Conn, srvTLS *tls.Config) ([]byte, error) {
		hr, err := greetAndRead(c, fakeGreeting(pluginSHA256, srvTLS != nil), srvTLS)
		if err != nil {
			return nil, err
		}
		if hr.AuthPluginName != pluginSHA256 {
			return nil, accept(c, fmt.Errorf("first response for plugin %q", hr.AuthPluginName))
		}
		return hr.AuthResponse, nil
	}
	withKey := func(cfg *aiomysql.Config) { cfg.ServerPublicKey = &key.PublicKey }
	cases := []fakeCase{{
		name:  "TLS: in clear inside TLS",
		setup: func(cfg *aiomysql.Config) { cfg.TLSMode = aiomysql.TLSRequired },
		script: func(c *fakeserver.Conn) error {
			answer, err := first(c, srvTLS)
			if err != nil {
				return err
			}
			return accept(c, clearPassword(answer))
		},
	}, {
		name:  "configured key",
		setup: withKey,
		script: func(c *fakeserver.Conn) error {
			answer, err := first(c, nil)
			if err != nil {
				return err
			}
			return accept(c, encryptedPassword(key, fakeserver.Nonce(), answer))
		},
	}, {
		name:  "key retrieval",
		setup: func(cfg *aiomysql.Config) { cfg.AllowPublicKeyRetrieval = true },
		script: func(c *fakeserver.Conn) error {
			got, err := first(c, nil)
			if err != nil {
				return err
			}
			answer, err := sendKey(c, sha256KeyRequest, got, fakeserver.PublicKeyPEM(t, other))
			if err != nil {
				return err
			}
			return accept(c, encryptedPassword(other, fakeserver.Nonce(), answer))
		},
	}, {
		name:  "auth switch with its own nonce, configured key",
		setup: withKey,
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginNative, false), nil); err != nil {
				return err
			}
			answer, err := c.AuthSwitch(pluginSHA256, append(bytes.Clone(switchNonce), 0))
			if err != nil {
				return err
			}
			return accept(c, encryptedPassword(key, switchNonce, answer))
		},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runFake(t, tc) })
	}
}
