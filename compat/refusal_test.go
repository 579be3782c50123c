package compat_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/go-mysql-org/go-mysql/mysql"
)

// TestWrongPassword checks that the server's refusal reaches the caller as a
// typed error: *aiomysql.Error 1045 (SQLSTATE 28000) inside a
// *aiomysql.ConnectError, in the operational category.
func TestWrongPassword(t *testing.T) {
	tests := []struct {
		name string
		acct account
		tr   transport
		// warm logs in with the right password first, so that
		// caching_sha2_password's fast path is tried and fails.
		warm  bool
		calls []authStep
	}{
		{
			name:  "caching_sha2_password, RSA",
			acct:  account{"wrong_sha2_rsa", "right-1", cachingSHA2},
			tr:    transport{key: true},
			calls: []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
		},
		{
			name:  "caching_sha2_password, TLS",
			acct:  account{"wrong_sha2_tls", "right-2", cachingSHA2},
			tr:    transport{tlsMode: aiomysql.TLSRequired},
			calls: []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepClear}},
		},
		{
			name: "caching_sha2_password, warm cache, RSA",
			acct: account{"wrong_sha2_warm", "right-3", cachingSHA2},
			tr:   transport{key: true},
			warm: true,
			// The scramble misses the cache, so the server asks for the
			// password in full.
			calls: []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
		},
		{
			name:  "sha256_password, TLS",
			acct:  account{"wrong_s256_tls", "right-4", sha256Pw},
			tr:    transport{tlsMode: aiomysql.TLSRequired},
			calls: []authStep{{sha256Pw, stepClear}},
		},
		{
			name:  "sha256_password, RSA",
			acct:  account{"wrong_s256_rsa", "right-5", sha256Pw},
			tr:    transport{key: true},
			calls: []authStep{{sha256Pw, stepRSA}},
		},
		{
			name:  "mysql_native_password",
			acct:  account{"wrong_native", "right-6", nativePw},
			calls: []authStep{{nativePw, stepScramble}},
		},
	}
	accounts := make([]account, len(tests))
	for i, tt := range tests {
		accounts[i] = tt.acct
	}
	ts := startServer(t, newPKI(t), cachingSHA2, accounts...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.warm {
				loginOK(t, ts, ts.config(t, tt.acct, tt.tr), tt.acct.plugin)
			}
			bad := tt.acct
			bad.password = "wrong-" + bad.password
			s, err := loginErr(t, ts, ts.config(t, bad, tt.tr))

			var me *aiomysql.Error
			if !errors.As(err, &me) {
				t.Fatalf("Connect's error %v is not a *aiomysql.Error", err)
			}
			if me.Number != 1045 || me.SQLState != "28000" {
				t.Errorf("got error %d (%s), want 1045 (28000): %v", me.Number, me.SQLState, me)
			}
			if !errors.Is(err, &aiomysql.Error{Number: 1045}) {
				t.Errorf("errors.Is(err, &Error{Number: 1045}) = false")
			}
			if !errors.Is(err, aiomysql.ErrOperational) {
				t.Errorf("errors.Is(err, ErrOperational) = false")
			}
			var se *mysql.MyError
			if !errors.As(s.authErr, &se) || se.Code != mysql.ER_ACCESS_DENIED_ERROR {
				t.Errorf("the server's verdict is %v, want access denied", s.authErr)
			}
			checkCalls(t, ts, s, bad.password, tt.calls...)
		})
	}
}

// TestFullAuthRefusedWithoutKey checks that without TLS, without the server's
// key and without leave to ask for it, the client refuses to send the
// password when the server needs it in full: Connect fails with an error
// matching aiomysql.ErrInsecureAuth, and nothing of the password, in clear or
// encrypted, crosses the wire.
func TestFullAuthRefusedWithoutKey(t *testing.T) {
	tests := []struct {
		name          string
		serverDefault string
		acct          account
		calls         []authStep
		// silent is set when the client must send nothing at all (the
		// server's greeting already asks for the password in full);
		// otherwise wire is what follows the handshake response.
		silent bool
		wire   []authStep
	}{
		{
			name:          "caching_sha2_password, cold cache",
			serverDefault: cachingSHA2,
			acct:          account{"refuse_sha2", "refused-1", cachingSHA2},
			calls:         []authStep{{cachingSHA2, stepScramble}},
			wire:          []authStep{},
		},
		{
			name:          "caching_sha2_password after a switch from native",
			serverDefault: nativePw,
			acct:          account{"refuse_sw_sha2", "refused-2", cachingSHA2},
			calls:         []authStep{{cachingSHA2, stepScramble}},
			wire:          []authStep{{cachingSHA2, stepScramble}},
		},
		{
			name:          "sha256_password proposed in the greeting",
			serverDefault: sha256Pw,
			acct:          account{"refuse_s256", "refused-3", sha256Pw},
			silent:        true,
		},
		{
			name:          "sha256_password after a switch",
			serverDefault: cachingSHA2,
			acct:          account{"refuse_sw_s256", "refused-4", sha256Pw},
			wire:          []authStep{},
		},
	}
	pki := newPKI(t)
	servers := make(map[string]*testServer)
	for _, tt := range tests {
		if servers[tt.serverDefault] == nil {
			servers[tt.serverDefault] = startServer(t, pki, tt.serverDefault)
		}
		if err := servers[tt.serverDefault].users.AddUser(tt.acct.user, tt.acct.password, tt.acct.plugin); err != nil {
			t.Fatalf("adding user %q: %v", tt.acct.user, err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := servers[tt.serverDefault]
			s, err := loginErr(t, ts, ts.config(t, tt.acct, transport{}))
			if !errors.Is(err, aiomysql.ErrInsecureAuth) {
				t.Errorf("errors.Is(%v, ErrInsecureAuth) = false", err)
			}
			var me *aiomysql.Error
			if errors.As(err, &me) {
				t.Errorf("the refusal is a server error %v: the server was asked", me)
			}
			if s.authErr == nil {
				t.Errorf("the server logged the client in")
			}
			checkCalls(t, ts, s, tt.acct.password, tt.calls...)
			if tt.silent {
				checkWireSilent(t, s)
			} else {
				checkWire(t, ts, s, tt.acct.password, tt.wire...)
			}
		})
	}
}
