package auth_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

func TestClearPassword(t *testing.T) {
	tests := []struct {
		name     string
		opts     *auth.Options
		want     string
		err      error
		insecure bool
	}{
		{name: "allowed and secure", opts: &auth.Options{Password: "pw", AllowCleartext: true, Secure: true}, want: "pw\x00"},
		{name: "empty password", opts: &auth.Options{AllowCleartext: true, Secure: true}, want: "\x00"},
		{name: "not allowed", opts: &auth.Options{Password: "pw", Secure: true}, err: auth.ErrCleartextRefused},
		{name: "allowed, not secure", opts: &auth.Options{Password: "pw", AllowCleartext: true},
			err: auth.ErrCleartextRefused, insecure: true},
		{name: "neither", opts: &auth.Options{Password: "pw"}, err: auth.ErrCleartextRefused},
		{name: "nil options", opts: nil, err: auth.ErrCleartextRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, auth.ClearPassword)
			resp, err := p.Start(testNonce(), tt.opts)
			if tt.err != nil {
				if !errors.Is(err, tt.err) || resp != nil {
					t.Fatalf("got %q, %v; want nothing and %v", resp, err, tt.err)
				}
				if errors.Is(err, auth.ErrInsecureChannel) != tt.insecure {
					t.Fatalf("%v: matches ErrInsecureChannel = %v, want %v", err, !tt.insecure, tt.insecure)
				}
				return
			}
			if err != nil || string(resp) != tt.want {
				t.Fatalf("got %q, %v; want %q", resp, err, tt.want)
			}
			if _, err := p.Continue([]byte{0x01, 0x04}, tt.opts); !errors.Is(err, auth.ErrUnexpectedData) {
				t.Fatalf("Continue: %v, want ErrUnexpectedData", err)
			}
		})
	}
}
