package aiomysql_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestS3_TLSStripping: a greeting without CLIENT_SSL, as a man in the middle
// who cleared the bit would pass on.
func TestS3_TLSStripping(t *testing.T) {
	noTLS := fakeGreeting(pluginSHA2, false)
	for _, mode := range []aiomysql.TLSMode{aiomysql.TLSRequired, aiomysql.TLSVerifyCA, aiomysql.TLSVerifyIdentity} {
		t.Run(mode.String(), func(t *testing.T) {
			sc, _ := runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.TLSMode = mode },
				script: func(c *fakeserver.Conn) error {
					if err := c.Greet(noTLS); err != nil {
						return err
					}
					return expectClose(c, "a greeting without CLIENT_SSL")
				},
				want: aiomysql.ErrTLSRequired,
			})
			if got := sc.Received(); len(got) != 0 {
				t.Errorf("the client sent %d bytes (%.16x...), want none", len(got), got)
			}
		})
	}

	isDowngraded := func(t *testing.T, conn *aiomysql.Conn) {
		if !conn.TLSDowngraded() || conn.TLS() {
			t.Errorf("TLSDowngraded() = %v, TLS() = %v; want true, false", conn.TLSDowngraded(), conn.TLS())
		}
	}
	preferred := []fakeCase{{
		name:  "connects in clear and reports it",
		setup: func(cfg *aiomysql.Config) { cfg.TLSMode = aiomysql.TLSPreferred },
		script: func(c *fakeserver.Conn) error {
			hr, err := greetAndRead(c, noTLS, nil)
			if err != nil {
				return err
			}
			return accept(c, scrambleProblem(hr))
		},
		check: isDowngraded,
	}, {
		name:   "refuses mysql_clear_password even when opted in",
		setup:  optIn(aiomysql.TLSPreferred),
		script: refuseSwitch(nil, pluginClear, nil),
		want:   aiomysql.ErrInsecureAuth,
	}, {
		name:   "refuses dialog even when opted in",
		setup:  optIn(aiomysql.TLSPreferred),
		script: refuseSwitch(nil, pluginDialog, []byte("\x04Password: ")),
		want:   aiomysql.ErrInsecureAuth,
	}, {
		name:  "disabled is not a downgrade",
		setup: func(cfg *aiomysql.Config) { cfg.TLSMode = aiomysql.TLSDisabled },
		script: func(c *fakeserver.Conn) error {
			hr, err := greetAndRead(c, fakeGreeting(pluginSHA2, true), nil)
			if err != nil {
				return err
			}
			return accept(c, scrambleProblem(hr))
		},
		check: func(t *testing.T, conn *aiomysql.Conn) {
			if conn.TLSDowngraded() || conn.TLS() {
				t.Errorf("TLSDowngraded() = %v, TLS() = %v; want false, false", conn.TLSDowngraded(), conn.TLS())
			}
		},
	}}
	for _, tc := range preferred {
		t.Run("preferred: "+tc.name, func(t *testing.T) { runFake(t, tc) })
	}
}

// scrambleProblem checks a caching_sha2_password fast-path first response.
func scrambleProblem(hr *wire.HandshakeResponse) error {
	if hr.Username != fakeUser || !sha2ScrambleOK(canary, fakeserver.Nonce(), hr.AuthResponse) {
		return fmt.Errorf("first response for user %q with a wrong scramble", hr.Username)
	}
	return nil
}

// TestS3_BytesBeforeTLS: plain text injected after the greeting, ahead of
// the TLS handshake, is refused rather than skipped.
func TestS3_BytesBeforeTLS(t *testing.T) {
	g, err := fakeGreeting(pluginSHA2, true).Encode(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	raw := append(frame(0, g...), frame(1, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00)...)
	sc, _ := runFake(t, fakeCase{
		setup: tlsOnly,
		script: func(c *fakeserver.Conn) error {
			if err := c.WriteRaw(raw); err != nil {
				return err
			}
			return expectClose(c, "a greeting followed by an OK")
		},
		want: aiomysql.ErrProtocol,
	})
	if got := sc.Received(); len(got) != 0 {
		t.Errorf("the client sent %d bytes, want none", len(got))
	}
}

// TestS4_CertificateChecks runs the TLS modes against fake servers with
// certificates the client should and should not accept.
func TestS4_CertificateChecks(t *testing.T) {
	ca := fakeserver.NewCA(t, "test CA")
	caFile := writeTemp(t, "ca.pem", ca.PEM())
	good := fakeserver.ServerTLS(ca.Issue(t, "127.0.0.1"))
	wrongSAN := fakeserver.ServerTLS(ca.Issue(t, "db.elsewhere.test"))
	selfSigned := fakeserver.ServerTLS(fakeserver.SelfSigned(t, "127.0.0.1"))
	oldTLS := good.Clone()
	oldTLS.MinVersion, oldTLS.MaxVersion = tls.VersionTLS10, tls.VersionTLS11

	unknownCA := func(err error) bool {
		var ua x509.UnknownAuthorityError
		var sr x509.SystemRootsError
		return errors.As(err, &ua) || errors.As(err, &sr)
	}
	wrongName := func(err error) bool {
		var he x509.HostnameError
		return errors.As(err, &he)
	}
	anyError := func(err error) bool { return err != nil }
	cases := []struct {
		name   string
		srvTLS *tls.Config
		mode   aiomysql.TLSMode
		sslCA  string
		reject func(error) bool // nil: the connection must succeed
	}{
		{"self-signed, verify-ca with a CA file", selfSigned, aiomysql.TLSVerifyCA, caFile, unknownCA},
		{"self-signed, verify-ca with the system roots", selfSigned, aiomysql.TLSVerifyCA, "", unknownCA},
		{"self-signed, verify-identity", selfSigned, aiomysql.TLSVerifyIdentity, caFile, unknownCA},
		{"self-signed, required: encrypted, not verified", selfSigned, aiomysql.TLSRequired, "", nil},
		{"self-signed, required with a CA file", selfSigned, aiomysql.TLSRequired, caFile, unknownCA},
		{"wrong SAN, verify-identity", wrongSAN, aiomysql.TLSVerifyIdentity, caFile, wrongName},
		{"wrong SAN, verify-ca", wrongSAN, aiomysql.TLSVerifyCA, caFile, nil},
		{"right SAN, verify-identity", good, aiomysql.TLSVerifyIdentity, caFile, nil},
		{"server limited to TLS 1.1", oldTLS, aiomysql.TLSRequired, "", anyError},
		{"server limited to TLS 1.1, preferred", oldTLS, aiomysql.TLSPreferred, "", anyError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var gotResponse atomic.Bool
			_, err := runFake(t, fakeCase{
				setup: func(cfg *aiomysql.Config) { cfg.TLSMode, cfg.SSLCA = tc.mode, tc.sslCA },
				script: func(c *fakeserver.Conn) error {
					hr, err := greetAndRead(c, fakeGreeting(pluginSHA2, true), tc.srvTLS)
					gotResponse.Store(err == nil)
					if err != nil {
						if tc.reject != nil {
							return nil // the client gave up in the TLS handshake
						}
						return err
					}
					st, ok := c.TLSState()
					switch {
					case !ok:
						return accept(c, errors.New("the handshake response came without TLS"))
					case st.Version < tls.VersionTLS12:
						return accept(c, fmt.Errorf("TLS version %x negotiated", st.Version))
					}
					return accept(c, scrambleProblem(hr))
				},
				fails: tc.reject != nil,
			})
			if tc.reject != nil && !tc.reject(err) {
				t.Errorf("Connect error %v is not the certificate error expected", err)
			}
			if tc.reject != nil && gotResponse.Load() {
				t.Error("the client sent its handshake response to a server it rejects")
			}
		})
	}
}
