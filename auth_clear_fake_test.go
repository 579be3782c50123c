package aiomysql_test

import (
	"crypto/tls"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// The plugins that take the password in clear (mysql_clear_password and
// dialog, MariaDB's PAM) run only with AllowCleartextPasswords and over
// TLS; the server cannot talk the client into them (S5).

// switchTo greets with plugin as the default, reads the handshake response
// (over TLS when srvTLS is set) and switches to target with data. It returns
// the client's answer to the switch.
func switchTo(c *fakeserver.Conn, plugin string, srvTLS *tls.Config, target string, data []byte) ([]byte, error) {
	hr, err := greetAndRead(c, fakeGreeting(plugin, srvTLS != nil), srvTLS)
	if err != nil {
		return nil, err
	}
	if hr.AuthPluginName == pluginClear || hr.AuthPluginName == pluginDialog {
		return nil, accept(c, fmt.Errorf("the first response is for %s", hr.AuthPluginName))
	}
	return c.AuthSwitch(target, data)
}

// refuseSwitch is a script that switches to target and expects the client
// to close instead of answering.
func refuseSwitch(srvTLS *tls.Config, target string, data []byte) fakeserver.Handler {
	return func(c *fakeserver.Conn) error {
		if err := c.Greet(fakeGreeting(pluginSHA2, srvTLS != nil)); err != nil {
			return err
		}
		if _, _, err := c.ReadHandshakeResponse(srvTLS); err != nil {
			return err
		}
		return expectSwitchRefused(c, target, data)
	}
}

// acceptSwitch is a script that switches to target and wants the password
// and a NUL in answer.
func acceptSwitch(srvTLS *tls.Config, greeting, target string, data []byte) fakeserver.Handler {
	return func(c *fakeserver.Conn) error {
		answer, err := switchTo(c, greeting, srvTLS, target, data)
		if err != nil {
			return err
		}
		return accept(c, clearPassword(answer))
	}
}

func optIn(mode aiomysql.TLSMode) func(*aiomysql.Config) {
	return func(cfg *aiomysql.Config) {
		cfg.TLSMode = mode
		cfg.AllowCleartextPasswords = true
	}
}

func tlsOnly(cfg *aiomysql.Config) { cfg.TLSMode = aiomysql.TLSRequired }

func authPluginIs(want string) func(*testing.T, *aiomysql.Conn) {
	return func(t *testing.T, conn *aiomysql.Conn) {
		if got := conn.AuthPlugin(); got != want {
			t.Errorf("AuthPlugin() = %q, want %q", got, want)
		}
	}
}

func TestFakeClearPassword(t *testing.T) {
	srvTLS := selfSignedTLS(t)
	cases := []fakeCase{{
		name:   "plain TCP with the opt-in: refused",
		setup:  optIn(aiomysql.TLSDisabled),
		script: refuseSwitch(nil, pluginClear, nil),
		want:   aiomysql.ErrInsecureAuth,
	}, {
		name:   "TLS with the opt-in",
		setup:  optIn(aiomysql.TLSRequired),
		script: acceptSwitch(srvTLS, pluginSHA2, pluginClear, nil),
		check:  authPluginIs(pluginClear),
	}, {
		name:   "TLS, server default mysql_clear_password: not in the first response",
		setup:  optIn(aiomysql.TLSRequired),
		script: acceptSwitch(srvTLS, pluginClear, pluginClear, nil),
		check:  authPluginIs(pluginClear),
	}, {
		name:   "TLS without the opt-in: refused",
		setup:  tlsOnly,
		script: refuseSwitch(srvTLS, pluginClear, nil),
		want:   aiomysql.ErrInsecureAuth,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runFake(t, tc) })
	}
}

func TestFakeDialog(t *testing.T) {
	srvTLS := selfSignedTLS(t)
	prompt := []byte("\x04Password: ")
	cases := []fakeCase{{
		name:   "TLS with the opt-in: the password question gets the password",
		setup:  optIn(aiomysql.TLSRequired),
		script: acceptSwitch(srvTLS, pluginNative, pluginDialog, prompt),
		check:  authPluginIs(pluginDialog),
	}, {
		name:   "TLS, server default dialog: not in the first response",
		setup:  optIn(aiomysql.TLSRequired),
		script: acceptSwitch(srvTLS, pluginDialog, pluginDialog, prompt),
		check:  authPluginIs(pluginDialog),
	}, {
		name:   "plain TCP with the opt-in: refused",
		setup:  optIn(aiomysql.TLSDisabled),
		script: refuseSwitch(nil, pluginDialog, prompt),
		want:   aiomysql.ErrInsecureAuth,
	}, {
		name:   "TLS without the opt-in: refused",
		setup:  tlsOnly,
		script: refuseSwitch(srvTLS, pluginDialog, prompt),
		want:   aiomysql.ErrInsecureAuth,
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runFake(t, tc) })
	}
}

// TestS5_AuthPluginDowngrade: a server (or a man in the middle) switches the
// client to a weaker plugin; the client refuses and sends nothing more.
func TestS5_AuthPluginDowngrade(t *testing.T) {
	nonce := fakeserver.Nonce()
	oldNonce := append(nonce[:8:8], 0)
	cases := []fakeCase{{
		name:   "mysql_clear_password, opted in, no TLS",
		setup:  optIn(aiomysql.TLSDisabled),
		script: refuseSwitch(nil, pluginClear, nil),
	}, {
		name:   "mysql_clear_password, not opted in",
		script: refuseSwitch(nil, pluginClear, nil),
	}, {
		name:   "dialog, not opted in",
		script: refuseSwitch(nil, pluginDialog, []byte("\x04Password: ")),
	}, {
		name:   "mysql_old_password without AllowOldPasswords",
		script: refuseSwitch(nil, pluginOld, oldNonce),
	}, {
		name: "pre-4.1 switch to the old scheme (a lone 0xFE)",
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginNative, false), nil); err != nil {
				return err
			}
			if err := c.WritePacket([]byte{0xFE}); err != nil {
				return err
			}
			return expectClose(c, "a lone 0xFE")
		},
	}, {
		name: "a second auth switch",
		script: func(c *fakeserver.Conn) error {
			if _, err := greetAndRead(c, fakeGreeting(pluginSHA2, false), nil); err != nil {
				return err
			}
			answer, err := c.AuthSwitch(pluginNative, append(nonce, 0))
			if err != nil {
				return err
			}
			if len(answer) != 20 {
				return accept(c, fmt.Errorf("the answer to the first switch has %d bytes, want 20", len(answer)))
			}
			return expectSwitchRefused(c, pluginSHA2, append(nonce, 0))
		},
	}, {
		name:   "a plugin not on Config.AuthPlugins",
		setup:  func(cfg *aiomysql.Config) { cfg.AuthPlugins = []string{pluginSHA2} },
		script: refuseSwitch(nil, pluginNative, append(nonce, 0)),
	}, {
		name:   "an unknown plugin",
		script: refuseSwitch(nil, "auth_gssapi_client", []byte("service@realm\x00")),
	}}
	for _, tc := range cases {
		tc.want = aiomysql.ErrInsecureAuth
		t.Run(tc.name, func(t *testing.T) { runFake(t, tc) })
	}
}

// TestS5_ChangeUserDowngrade: the same refusals when the switch answers a
// COM_CHANGE_USER; the connection is closed afterwards.
func TestS5_ChangeUserDowngrade(t *testing.T) {
	switches := map[string][]byte{
		pluginClear:  nil,
		pluginDialog: []byte("\x04Password: "),
		pluginOld:    append(fakeserver.Nonce()[:8:8], 0),
	}
	for target, data := range switches {
		t.Run(target, func(t *testing.T) {
			srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
				if _, err := greetAndRead(c, fakeGreeting(pluginNative, false), nil); err != nil {
					return err
				}
				if err := accept(c, nil); err != nil {
					return err
				}
				if _, err := c.ExpectCommand(wire.CommandChangeUser); err != nil {
					return err
				}
				return expectSwitchRefused(c, target, data)
			})
			cfg := fakeConfig(t, srv)
			cfg.AllowCleartextPasswords = true // still refused without TLS
			ctx := testCtx(t)
			conn, err := aiomysql.Connect(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := conn.ChangeUser(ctx, "bob", canary, ""); !errors.Is(err, aiomysql.ErrInsecureAuth) {
				t.Errorf("ChangeUser error %v, want ErrInsecureAuth", err)
			}
			if !conn.IsClosed() {
				t.Error("the connection is still open after the refused switch")
			}
			_ = conn.Close()
			assertNoCanary(t, serverSide(t, srv).Received())
		})
	}
}
