package aiomysql

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/errcode"
)

func TestNewServerError(t *testing.T) {
	tests := []struct {
		name      string
		number    uint16
		state     string
		message   string
		wantState string
	}{
		{"state sent", 1062, "23000", "Duplicate entry '1' for key 'PRIMARY'", "23000"},
		{"state from errcode", 1062, "", "Duplicate entry", "23000"},
		{"access denied without state", errcode.AccessDeniedError, "", "Access denied", "28000"},
		{"host not allowed, sent before the handshake", errcode.HostNotPrivileged, "", "Host 'x' is not allowed", "HY000"},
		{"signal keeps its own state", errcode.SignalException, "45000", "custom", "45000"},
		{"server state wins over errcode", errcode.DupEntry, "42000", "odd", "42000"},
		{"unknown number", 9999, "", "?", "HY000"},
		{"MySQL-only number", errcode.ClientInteractionTimeout, "", "The client was disconnected", "HY000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newServerError(tt.number, tt.state, tt.message)
			want := Error{Number: tt.number, SQLState: tt.wantState, Message: tt.message}
			if *e != want {
				t.Errorf("newServerError(%d, %q, %q) = %+v, want %+v", tt.number, tt.state, tt.message, *e, want)
			}
			if !errors.Is(e, &Error{Number: tt.number}) {
				t.Errorf("%v does not match its own number", e)
			}
		})
	}
}
