package compat_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestSHA256Password logs in as sha256_password users on a server that
// proposes sha256_password, so the password (or the key request) is in the
// handshake response itself. sha256_password has no cache: every login sends
// the password, and a second login looks like the first.
func TestSHA256Password(t *testing.T) {
	tests := []struct {
		name  string
		acct  account
		tr    transport
		calls []authStep
		wire  []authStep // the packets after the handshake response, without TLS
	}{
		{
			name:  "RSA with the configured key",
			acct:  account{"s256_key", "s256-key-pass", sha256Pw},
			tr:    transport{key: true},
			calls: []authStep{{sha256Pw, stepRSA}},
			wire:  []authStep{},
		},
		{
			name:  "RSA with the key retrieved from the server",
			acct:  account{"s256_retrieve", "s256-retrieve-pass", sha256Pw},
			tr:    transport{retrieve: true},
			calls: []authStep{{sha256Pw, stepKeyRequest}, {sha256Pw, stepRSA}},
			wire:  []authStep{{sha256Pw, stepRSA}},
		},
		{
			name:  "TLS required",
			acct:  account{"s256_tls", "s256-tls-pass", sha256Pw},
			tr:    transport{tlsMode: aiomysql.TLSRequired},
			calls: []authStep{{sha256Pw, stepClear}},
		},
		{
			name:  "TLS verify-identity",
			acct:  account{"s256_verify", "s256-verify-pass", sha256Pw},
			tr:    transport{tlsMode: aiomysql.TLSVerifyIdentity},
			calls: []authStep{{sha256Pw, stepClear}},
		},
		{
			name:  "empty password without TLS or key",
			acct:  account{"s256_empty", "", sha256Pw},
			calls: []authStep{{sha256Pw, stepEmpty}},
			wire:  []authStep{},
		},
	}
	accounts := make([]account, len(tests))
	for i, tt := range tests {
		accounts[i] = tt.acct
	}
	ts := startServer(t, newPKI(t), sha256Pw, accounts...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ts.config(t, tt.acct, tt.tr)
			for range 2 {
				s := loginOK(t, ts, cfg, sha256Pw)
				checkCalls(t, ts, s, tt.acct.password, tt.calls...)
				if !s.tls {
					checkWire(t, ts, s, tt.acct.password, tt.wire...)
				}
			}
		})
	}
}
