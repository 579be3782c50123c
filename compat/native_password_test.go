package compat_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestNativePassword logs in as mysql_native_password users on a server that
// proposes mysql_native_password: one scramble, no key, with or without TLS.
func TestNativePassword(t *testing.T) {
	tests := []struct {
		name  string
		acct  account
		tr    transport
		calls []authStep
	}{
		{
			name:  "no TLS",
			acct:  account{"native_plain", "native-pass", nativePw},
			calls: []authStep{{nativePw, stepScramble}},
		},
		{
			name:  "TLS required",
			acct:  account{"native_tls", "native-tls-pass", nativePw},
			tr:    transport{tlsMode: aiomysql.TLSRequired},
			calls: []authStep{{nativePw, stepScramble}},
		},
		{
			name:  "empty password",
			acct:  account{"native_empty", "", nativePw},
			calls: []authStep{{nativePw, stepEmpty}},
		},
	}
	accounts := make([]account, len(tests))
	for i, tt := range tests {
		accounts[i] = tt.acct
	}
	ts := startServer(t, newPKI(t), nativePw, accounts...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := loginOK(t, ts, ts.config(t, tt.acct, tt.tr), nativePw)
			checkCalls(t, ts, s, tt.acct.password, tt.calls...)
			if !s.tls {
				checkWire(t, ts, s, tt.acct.password)
			}
		})
	}
}
