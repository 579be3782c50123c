package compat_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestAuthSwitch logs in as users whose plugin is not the one the server
// proposes: the client answers the greeting with the proposed plugin, the
// server asks it to switch (with a new nonce), and the exchange goes on in
// the user's plugin. The handshake response's scramble is not checked by
// go-mysql when it switches, so the recorded auth data starts after the
// switch.
func TestAuthSwitch(t *testing.T) {
	tests := []struct {
		name          string
		serverDefault string
		acct          account
		tr            transport
		calls         []authStep
		wire          []authStep // the packets after the handshake response, without TLS
		// second, when set, is the auth data of a second login (the cache
		// is warm for caching_sha2_password).
		second, secondWire []authStep
	}{
		{
			name:          "native server, caching_sha2_password user, RSA key",
			serverDefault: nativePw,
			acct:          account{"sw_sha2_key", "sw-sha2-pass", cachingSHA2},
			tr:            transport{key: true},
			calls:         []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
			wire:          []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepRSA}},
			second:        []authStep{{cachingSHA2, stepScramble}},
			secondWire:    []authStep{{cachingSHA2, stepScramble}},
		},
		{
			name:          "native server, caching_sha2_password user, retrieved key",
			serverDefault: nativePw,
			acct:          account{"sw_sha2_retrieve", "sw-sha2-retrieve", cachingSHA2},
			tr:            transport{retrieve: true},
			calls:         []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepKeyRequest}},
			wire:          []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepKeyRequest}, {cachingSHA2, stepRSA}},
		},
		{
			name:          "native server, sha256_password user, TLS",
			serverDefault: nativePw,
			acct:          account{"sw_s256_tls", "sw-s256-tls", sha256Pw},
			tr:            transport{tlsMode: aiomysql.TLSRequired},
			calls:         []authStep{{sha256Pw, stepClear}},
		},
		{
			name:          "caching_sha2_password server, sha256_password user, retrieved key",
			serverDefault: cachingSHA2,
			acct:          account{"sw_s256_retrieve", "sw-s256-retrieve", sha256Pw},
			tr:            transport{retrieve: true},
			calls:         []authStep{{sha256Pw, stepKeyRequest}, {sha256Pw, stepRSA}},
			wire:          []authStep{{sha256Pw, stepKeyRequest}, {sha256Pw, stepRSA}},
		},
		{
			name:          "caching_sha2_password server, native user",
			serverDefault: cachingSHA2,
			acct:          account{"sw_native", "sw-native-pass", nativePw},
			calls:         []authStep{{nativePw, stepScramble}},
			wire:          []authStep{{nativePw, stepScramble}},
		},
		{
			name:          "sha256_password server, caching_sha2_password user, TLS",
			serverDefault: sha256Pw,
			acct:          account{"sw_sha2_tls", "sw-sha2-tls", cachingSHA2},
			tr:            transport{tlsMode: aiomysql.TLSRequired},
			calls:         []authStep{{cachingSHA2, stepScramble}, {cachingSHA2, stepClear}},
			second:        []authStep{{cachingSHA2, stepScramble}},
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
			cfg := ts.config(t, tt.acct, tt.tr)
			pw := tt.acct.password

			s := loginOK(t, ts, cfg, tt.acct.plugin)
			checkCalls(t, ts, s, pw, tt.calls...)
			if !s.tls {
				checkWire(t, ts, s, pw, tt.wire...)
			}
			if tt.second == nil {
				return
			}
			s = loginOK(t, ts, cfg, tt.acct.plugin)
			checkCalls(t, ts, s, pw, tt.second...)
			if !s.tls {
				checkWire(t, ts, s, pw, tt.secondWire...)
			}
		})
	}
}
