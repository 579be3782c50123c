package compat_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestCachingSHA2Password logs in twice as a caching_sha2_password user whose
// password the server has not cached yet: the first login takes the full
// path (the password sent over TLS or RSA-encrypted), which fills the cache;
// the second takes the fast path (the scramble alone).
func TestCachingSHA2Password(t *testing.T) {
	tests := []struct {
		name string
		acct account
		tr   transport
		// full is the auth data of the first login, as the server checked it;
		// fullWire the client's packets after the handshake response, when
		// not over TLS.
		full, fullWire []authStep
	}{
		{
			name:     "RSA with the configured key",
			acct:     account{"sha2_key", "key-pass-1", cachingSHA2},
			tr:       transport{key: true},
			full:     []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
			fullWire: []authStep{{cachingSHA2, stepRSA}},
		},
		{
			name: "RSA with the key retrieved from the server",
			acct: account{"sha2_retrieve", "retrieve-pass-2", cachingSHA2},
			tr:   transport{retrieve: true},
			// go-mysql reads the encrypted password inside the key request's
			// step; the wire shows it.
			full:     []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepKeyRequest}},
			fullWire: []authStep{{cachingSHA2, stepKeyRequest}, {cachingSHA2, stepRSA}},
		},
		{
			name: "RSA with both a configured key and retrieval allowed",
			acct: account{"sha2_both", "both-pass-3", cachingSHA2},
			tr:   transport{key: true, retrieve: true},
			// The configured key wins: no request.
			full:     []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
			fullWire: []authStep{{cachingSHA2, stepRSA}},
		},
		{
			name: "TLS required",
			acct: account{"sha2_tls", "tls-pass-4", cachingSHA2},
			tr:   transport{tlsMode: aiomysql.TLSRequired},
			full: []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepClear}},
		},
		{
			name: "TLS verify-identity",
			acct: account{"sha2_verify", "verify-pass-5", cachingSHA2},
			tr:   transport{tlsMode: aiomysql.TLSVerifyIdentity},
			full: []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepClear}},
		},
		{
			name:     "empty password",
			acct:     account{"sha2_empty", "", cachingSHA2},
			full:     []authStep{{cachingSHA2, stepEmpty}},
			fullWire: []authStep{},
		},
	}
	accounts := make([]account, len(tests))
	for i, tt := range tests {
		accounts[i] = tt.acct
	}
	ts := startServer(t, newPKI(t), cachingSHA2, accounts...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ts.config(t, tt.acct, tt.tr)
			pw := tt.acct.password

			s := loginOK(t, ts, cfg, cachingSHA2)
			checkCalls(t, ts, s, pw, tt.full...)
			if !s.tls {
				checkWire(t, ts, s, pw, tt.fullWire...)
			}

			// The cache is warm: the scramble alone logs in (an empty
			// password is never cached and is accepted the same way again).
			fast := []authStep{{cachingSHA2, stepScramble}}
			if pw == "" {
				fast = tt.full
			}
			s = loginOK(t, ts, cfg, cachingSHA2)
			checkCalls(t, ts, s, pw, fast...)
			if !s.tls {
				checkWire(t, ts, s, pw)
			}
		})
	}
}

// TestCachingSHA2FastPathNeedsNoKey warms the server's cache over TLS, then
// logs in without TLS, key or key retrieval: the fast path sends no password
// and succeeds. Once the cache is emptied the server asks for the full
// password, which the client must refuse to send.
func TestCachingSHA2FastPathNeedsNoKey(t *testing.T) {
	acct := account{"sha2_warm", "warm-pass-6", cachingSHA2}
	ts := startServer(t, newPKI(t), cachingSHA2, acct)

	s := loginOK(t, ts, ts.config(t, acct, transport{tlsMode: aiomysql.TLSRequired}), cachingSHA2)
	checkCalls(t, ts, s, acct.password, authStep{cachingSHA2, stepScramble}, authStep{cachingSHA2, stepClear})

	plain := ts.config(t, acct, transport{})
	s = loginOK(t, ts, plain, cachingSHA2)
	checkCalls(t, ts, s, acct.password, authStep{cachingSHA2, stepScramble})
	checkWire(t, ts, s, acct.password)

	ts.invalidateCache(acct.user)
	s, err := loginErr(t, ts, plain)
	if !errors.Is(err, aiomysql.ErrInsecureAuth) {
		t.Errorf("after the cache was emptied: errors.Is(%v, ErrInsecureAuth) = false", err)
	}
	checkCalls(t, ts, s, acct.password, authStep{cachingSHA2, stepScramble})
	checkWire(t, ts, s, acct.password)
	if s.authErr == nil {
		t.Errorf("the server logged the client in")
	}
}
