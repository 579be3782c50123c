package aiomysql_test

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// fakeUser is the account of the auth and TLS tests on the fake server. Its
// password is canary (config_redact_test.go), which must never show on the
// wire in clear, nor in an error.
const fakeUser = "alice"

// Plugin names as the server spells them.
const (
	pluginSHA2   = "caching_sha2_password"
	pluginSHA256 = "sha256_password"
	pluginNative = "mysql_native_password"
	pluginClear  = "mysql_clear_password"
	pluginOld    = "mysql_old_password"
	pluginDialog = "dialog"
)

// fakeGreeting is a MySQL 8 greeting with plugin as the default, offering
// TLS when withTLS.
func fakeGreeting(plugin string, withTLS bool) wire.Handshake {
	g := fakeserver.MySQL8Greeting()
	g.AuthPluginName = plugin
	if withTLS {
		g.Capabilities |= wire.ClientSSL
	}
	return g
}

// fakeCase is one connection attempt against a scripted fake server.
type fakeCase struct {
	name   string
	setup  func(cfg *aiomysql.Config) // changes the Config of fakeConfig; may be nil
	script fakeserver.Handler
	// want is the sentinel the error of Connect must match; nil means
	// Connect must succeed, unless fails is set.
	want  error
	fails bool // Connect must fail (runFake's caller checks the error)
	// check, if set, looks at the connection after a successful Connect.
	check func(t *testing.T, conn *aiomysql.Conn)
}

// fakeConfig is a Config for srv: user alice, password canary, TLS disabled.
func fakeConfig(t *testing.T, srv *fakeserver.Server) *aiomysql.Config {
	t.Helper()
	host, port, err := net.SplitHostPort(srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	cfg := aiomysql.NewConfig()
	cfg.Host = host
	cfg.Port, _ = strconv.Atoi(port)
	cfg.User, cfg.Password = fakeUser, canary
	cfg.TLSMode = aiomysql.TLSDisabled
	// The scripts answer COM_QUERY: arguments go in the text.
	cfg.DefaultQueryExecMode = aiomysql.QueryExecModeText
	return cfg
}

// runFake runs tc: it starts a server with tc.script, connects, checks the
// outcome, closes, waits for the script to end and checks that the password
// never went on the wire in clear. It returns the server's side of the
// connection and Connect's error.
func runFake(t *testing.T, tc fakeCase) (*fakeserver.Conn, error) {
	t.Helper()
	srv := fakeserver.Start(t, tc.script)
	cfg := fakeConfig(t, srv)
	if tc.setup != nil {
		tc.setup(cfg)
	}
	ctx := testCtx(t)
	conn, err := aiomysql.Connect(ctx, cfg)
	fails := tc.fails || tc.want != nil
	switch {
	case !fails && err != nil:
		t.Errorf("Connect: %v", err)
	case fails && err == nil:
		t.Errorf("Connect succeeded, want an error")
	case tc.want != nil && !errors.Is(err, tc.want):
		t.Errorf("Connect error %v does not match %v", err, tc.want)
	}
	if err != nil {
		var ce *aiomysql.ConnectError
		if !errors.As(err, &ce) {
			t.Errorf("Connect error %T is not a *ConnectError", err)
		}
	}
	if conn != nil {
		if tc.check != nil {
			tc.check(t, conn)
		}
		if err := conn.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	sc := serverSide(t, srv)
	assertNoCanary(t, sc.Received())
	return sc, err
}

// serverSide waits for the script of the server's only connection to end
// and returns that connection.
func serverSide(t *testing.T, srv *fakeserver.Server) *fakeserver.Conn {
	t.Helper()
	ctx := testCtx(t)
	select {
	case sc := <-srv.Accepted():
		select {
		case <-sc.Done():
		case <-ctx.Done():
			t.Fatal("the fake server's script did not end")
		}
		if n := len(srv.Conns()); n != 1 {
			t.Fatalf("the client made %d connections, want 1", n)
		}
		return sc
	case <-ctx.Done():
		t.Fatal("the client never connected")
	}
	return nil
}

// assertNoCanary fails when the password is in b.
func assertNoCanary(t *testing.T, b []byte) {
	t.Helper()
	if i := bytes.Index(b, []byte(canary)); i >= 0 {
		t.Errorf("the password is on the wire in clear at byte %d", i)
	}
}

// expectClose is the end of a script that expects the client to give up:
// it fails when the client sends anything more.
func expectClose(c *fakeserver.Conn, after string) error {
	if pkt, err := c.ReadPacket(); err == nil {
		return fmt.Errorf("after %s the client sent %d bytes (%.8x...), want it to close", after, len(pkt), pkt)
	}
	return nil
}

// expectSwitchRefused sends an auth switch and fails when the client answers.
func expectSwitchRefused(c *fakeserver.Conn, plugin string, data []byte) error {
	if resp, err := c.AuthSwitch(plugin, data); err == nil {
		return fmt.Errorf("the client answered the switch to %s with %d bytes, want it to close", plugin, len(resp))
	}
	return nil
}

// greetAndRead greets with g and reads the handshake response, upgrading
// to TLS with srvTLS when the client asks (nil: no TLS).
func greetAndRead(c *fakeserver.Conn, g wire.Handshake, srvTLS *tls.Config) (*wire.HandshakeResponse, error) {
	if err := c.Greet(g); err != nil {
		return nil, err
	}
	hr, _, err := c.ReadHandshakeResponse(srvTLS)
	return hr, err
}

// selfSignedTLS is the server side of TLS for scripts that do not test
// certificates: a self-signed certificate for 127.0.0.1, which TLSRequired
// accepts without verifying.
func selfSignedTLS(t *testing.T) *tls.Config {
	return fakeserver.ServerTLS(fakeserver.SelfSigned(t, "127.0.0.1"))
}

// sha2ScrambleOK checks a caching_sha2_password fast-path answer as a
// MySQL server does, knowing only SHA256(SHA256(password)):
// SHA256(answer XOR SHA256(stage2 + nonce)) must equal stage2.
func sha2ScrambleOK(password string, nonce, answer []byte) bool {
	stage1 := sha256.Sum256([]byte(password))
	stage2 := sha256.Sum256(stage1[:])
	if len(answer) != sha256.Size {
		return false
	}
	h := sha256.New()
	h.Write(stage2[:])
	h.Write(nonce[:20])
	mask := h.Sum(nil)
	got := make([]byte, sha256.Size)
	for i := range got {
		got[i] = answer[i] ^ mask[i]
	}
	return sha256.Sum256(got) == stage2
}

// writeTemp writes data to a new file in t's temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// passwordNUL is the clear-text form of the password on the wire.
func passwordNUL() []byte { return append([]byte(canary), 0) }

// accept ends a login: OK when problem is nil, else ERR 1045 and problem,
// which fails the test.
func accept(c *fakeserver.Conn, problem error) error {
	if problem != nil {
		_ = c.WriteErr(1045, "28000", "Access denied for user 'alice'@'localhost' (using password: YES)")
		return problem
	}
	return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
}

// clearPassword checks an answer that must be the password and a NUL.
func clearPassword(answer []byte) error {
	if !bytes.Equal(answer, passwordNUL()) {
		return fmt.Errorf("the client answered %d bytes, want the password and a NUL", len(answer))
	}
	return nil
}

// encryptedPassword checks an answer that must be the password encrypted
// with key over nonce.
func encryptedPassword(key *rsa.PrivateKey, nonce, answer []byte) error {
	pw, err := fakeserver.DecryptPassword(key, nonce, answer)
	if err != nil {
		return fmt.Errorf("decrypting the %d-byte answer with the expected key: %w", len(answer), err)
	}
	if pw != canary {
		return fmt.Errorf("the decrypted password has %d bytes and is not the configured one", len(pw))
	}
	return nil
}

// serveQueries answers a logged-in client's commands: QUIT ends, PING gets
// OK, and each COM_QUERY's text goes to query, which writes the reply. Any
// other command is an error. A failed read ends it: with nil when quiet,
// else with the read's error.
func serveQueries(c *fakeserver.Conn, quiet bool, query func(text string) error) error {
	for {
		pkt, err := c.ReadCommand()
		if err != nil {
			if quiet {
				return nil
			}
			return err
		}
		switch wire.Command(pkt[0]) {
		case wire.CommandQuit:
			return nil
		case wire.CommandPing:
			if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
				return err
			}
			continue
		case wire.CommandQuery:
		default:
			return fmt.Errorf("unexpected command 0x%02x", pkt[0])
		}
		if err := query(string(pkt[1:])); err != nil {
			return err
		}
	}
}
