package compat_test

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/sha1"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/go-mysql-org/go-mysql/mysql"
)

// The plugins' names, as both implementations spell them.
const (
	cachingSHA2 = mysql.AUTH_CACHING_SHA2_PASSWORD
	sha256Pw    = mysql.AUTH_SHA256_PASSWORD
	nativePw    = mysql.AUTH_NATIVE_PASSWORD
)

// transport says how the client protects the password.
type transport struct {
	tlsMode  aiomysql.TLSMode // TLSDisabled (the zero value) for none
	key      bool             // Config.ServerPublicKey is the server's key
	retrieve bool             // Config.AllowPublicKeyRetrieval
}

// stepKind is the kind of one piece of authentication data.
type stepKind int

const (
	stepScramble   stepKind = iota // the plugin's hash of the password and the nonce
	stepEmpty                      // an empty password: no bytes or a single NUL
	stepKeyRequest                 // a request for the server's RSA key
	stepRSA                        // the password, RSA-OAEP encrypted with the server's key
	stepClear                      // the password in clear with a NUL (over TLS only)
)

func (k stepKind) String() string {
	return [...]string{"scramble", "empty", "key request", "RSA-encrypted password", "clear password"}[k]
}

// authStep is one piece of authentication data a client sends: as the
// server's authentication checked it, or as a packet on the wire.
type authStep struct {
	plugin string
	kind   stepKind
}

func (s authStep) String() string { return s.plugin + " " + s.kind.String() }

// testContext bounds a test's client calls.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// config returns the client configuration for a on ts over tr. It sets a
// sql_mode so that the session set-up sends a query after the login.
func (ts *testServer) config(t *testing.T, a account, tr transport) *aiomysql.Config {
	t.Helper()
	cfg := aiomysql.NewConfig()
	cfg.Host, cfg.Port = ts.addr()
	cfg.User, cfg.Password = a.user, a.password
	cfg.ConnectTimeout = 30 * time.Second
	cfg.SQLMode = "TRADITIONAL"
	cfg.TLSMode = tr.tlsMode
	if tr.tlsMode != aiomysql.TLSDisabled {
		cfg.TLSConfig = ts.pki.clientTLS()
	}
	if tr.key {
		key, err := aiomysql.ParseServerPublicKey(ts.pki.rsaPublicPEM)
		if err != nil {
			t.Fatalf("ParseServerPublicKey: %v", err)
		}
		cfg.ServerPublicKey = key
	}
	cfg.AllowPublicKeyRetrieval = tr.retrieve
	return cfg
}

// loginOK logs in with cfg, checks the connection (plugin, TLS, ping, the
// set-up query), closes it and returns what the server saw.
func loginOK(t *testing.T, ts *testServer, cfg *aiomysql.Config, wantPlugin string) session {
	t.Helper()
	ctx := testContext(t)
	conn, err := aiomysql.Connect(ctx, cfg)
	if err != nil {
		s := ts.next(ctx, t)
		t.Fatalf("Connect: %v (the server's verdict: %v)", err, s.authErr)
	}
	if got := conn.AuthPlugin(); got != wantPlugin {
		t.Errorf("AuthPlugin() = %q, want %q", got, wantPlugin)
	}
	wantTLS := cfg.TLSMode != aiomysql.TLSDisabled
	if got := conn.TLS(); got != wantTLS {
		t.Errorf("TLS() = %v, want %v", got, wantTLS)
	}
	if err := conn.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if err := conn.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	s := ts.next(ctx, t)
	if s.authErr != nil {
		t.Fatalf("the client logged in but the server's handshake failed: %v", s.authErr)
	}
	if s.user != cfg.User {
		t.Errorf("the server logged in user %q, want %q", s.user, cfg.User)
	}
	if s.tls != wantTLS {
		t.Errorf("the server saw TLS = %v, want %v", s.tls, wantTLS)
	}
	if !containsQuery(s.queries, "sql_mode") {
		t.Errorf("the server did not get the session set-up query; it got %q", s.queries)
	}
	return s
}

// loginErr tries to log in with cfg, which must fail, and returns what the
// server saw and the client's error.
func loginErr(t *testing.T, ts *testServer, cfg *aiomysql.Config) (session, error) {
	t.Helper()
	ctx := testContext(t)
	conn, err := aiomysql.Connect(ctx, cfg)
	if err == nil {
		_ = conn.Close()
		ts.next(ctx, t)
		t.Fatalf("Connect succeeded with plugin %q, want an error", conn.AuthPlugin())
	}
	var ce *aiomysql.ConnectError
	if !errors.As(err, &ce) {
		t.Errorf("Connect's error %v (%T) is not a *aiomysql.ConnectError", err, err)
	}
	if cfg.Password != "" && strings.Contains(err.Error(), cfg.Password) {
		t.Errorf("the error text contains the password: %v", err)
	}
	return ts.next(ctx, t), err
}

func containsQuery(queries []string, sub string) bool {
	for _, q := range queries {
		if strings.Contains(q, sub) {
			return true
		}
	}
	return false
}

// checkCalls compares the auth data the server checked with want.
func checkCalls(t *testing.T, ts *testServer, s session, password string, want ...authStep) {
	t.Helper()
	if len(s.calls) != len(want) {
		t.Errorf("the server checked %d pieces of auth data %s, want %d %v", len(s.calls), describeCalls(s.calls), len(want), want)
		return
	}
	for i, c := range s.calls {
		if c.plugin != want[i].plugin {
			t.Errorf("auth data %d: plugin %q, want %q", i, c.plugin, want[i].plugin)
			continue
		}
		if err := checkData(want[i], c.data, password, ts.pki.rsaKey); err != nil {
			t.Errorf("auth data %d (%s %s): %v", i, c.plugin, want[i].kind, err)
		}
	}
}

// checkWire checks the bytes the client sent in clear up to the server's
// verdict: the password never appears, and after the handshake response come
// exactly the packets of want.
func checkWire(t *testing.T, ts *testServer, s session, password string, want ...authStep) {
	t.Helper()
	if password != "" && bytes.Contains(s.clientBytes, []byte(password)) {
		t.Errorf("the password crossed the wire in clear")
	}
	if s.tls {
		t.Errorf("checkWire on a TLS connection: the packets cannot be read")
		return
	}
	pkts, ok := packets(s.clientBytes)
	if !ok {
		t.Errorf("the client's %d bytes do not split into whole packets", len(s.clientBytes))
	}
	if len(pkts) == 0 {
		t.Errorf("the client sent no handshake response")
		return
	}
	pkts = pkts[1:]
	if len(pkts) != len(want) {
		t.Errorf("after the handshake response the client sent %d packets, want %d %v", len(pkts), len(want), want)
		return
	}
	for i, p := range pkts {
		if err := checkData(want[i], p, password, ts.pki.rsaKey); err != nil {
			t.Errorf("packet %d after the handshake response (%s %s): %v", i+1, want[i].plugin, want[i].kind, err)
		}
	}
}

// checkWireSilent checks that the client sent nothing at all.
func checkWireSilent(t *testing.T, s session) {
	t.Helper()
	if len(s.clientBytes) != 0 {
		t.Errorf("the client sent %d bytes, want none", len(s.clientBytes))
	}
}

// checkData checks that data is of the kind step says.
func checkData(step authStep, data []byte, password string, key *rsa.PrivateKey) error {
	switch step.kind {
	case stepScramble:
		want := 32
		if step.plugin == nativePw {
			want = 20
		}
		if len(data) != want {
			return fmt.Errorf("%d bytes, want %d", len(data), want)
		}
	case stepEmpty:
		if len(data) > 1 || (len(data) == 1 && data[0] != 0) {
			return fmt.Errorf("% x, want nothing or a NUL", data)
		}
	case stepKeyRequest:
		want := []byte{0x02}
		if step.plugin == sha256Pw {
			want = []byte{0x01}
		}
		if !bytes.Equal(data, want) {
			return fmt.Errorf("% x, want % x", data, want)
		}
	case stepRSA:
		if len(data) != key.Size() {
			return fmt.Errorf("%d bytes, want one %d-byte RSA block", len(data), key.Size())
		}
		plain, err := rsa.DecryptOAEP(sha1.New(), nil, key, data, nil)
		if err != nil {
			return fmt.Errorf("not RSA-OAEP (SHA-1) for the server's key: %v", err)
		}
		if len(plain) != len(password)+1 {
			return fmt.Errorf("decrypts to %d bytes, want the password and a NUL (%d)", len(plain), len(password)+1)
		}
	case stepClear:
		if !bytes.Equal(data, append([]byte(password), 0)) {
			return fmt.Errorf("%d bytes that are not the password and a NUL", len(data))
		}
	}
	return nil
}

func describeCalls(calls []authCall) string {
	parts := make([]string, len(calls))
	for i, c := range calls {
		parts[i] = fmt.Sprintf("%s:%dB", c.plugin, len(c.data))
	}
	return "[" + strings.Join(parts, " ") + "]"
}
