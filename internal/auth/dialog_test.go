package auth_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// The prompt types of the dialog plugin.
const (
	ordinaryQ     = "\x02"
	lastOrdinaryQ = "\x03"
	passwordQ     = "\x04"
	lastPasswordQ = "\x05"
)

func TestDialog(t *testing.T) {
	ok := &auth.Options{Password: "pam pw", AllowCleartext: true, Secure: true}
	answer := []byte("pam pw\x00")
	tests := []struct {
		name  string
		nonce string
		opts  *auth.Options
		start func(*testing.T, []byte, error)
		steps []exchangeStep
	}{
		{name: "prompt in the switch", nonce: passwordQ + "Password: ", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{{payload: []byte(passwordQ + "Password again: "), check: wantErr(auth.ErrUnansweredPrompt)}}},
		{name: "last password prompt in the switch", nonce: lastPasswordQ + "Password: ", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{{payload: []byte(ordinaryQ + "More? "), check: wantErr(auth.ErrUnexpectedData)}}},
		// With no prompt the client speaks first; a server that asks
		// anyway gets the password again, once.
		{name: "no prompt, then asked", nonce: "", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{
				{payload: []byte(passwordQ + "Password: "), check: wantBytes(answer)},
				{payload: []byte(passwordQ + "Password: "), check: wantErr(auth.ErrUnansweredPrompt)},
			}},
		{name: "no prompt: scramble", nonce: "abcdefghij0123456789\x00", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{{payload: []byte(lastPasswordQ + "Password: "), check: wantBytes(answer)}}},
		{name: "ordinary question in the switch", nonce: ordinaryQ + "Login: ", opts: ok,
			start: wantErr(auth.ErrUnansweredPrompt)},
		// A MySQL server wraps later prompts in AuthMoreData.
		{name: "MySQL-wrapped prompts", nonce: "", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{
				{payload: []byte("\x01" + passwordQ + "Password: "), check: wantBytes(answer)},
				{payload: []byte("\x01" + lastPasswordQ + "OTP: "), check: wantErr(auth.ErrUnansweredPrompt)},
			}},
		{name: "ordinary question", nonce: lastOrdinaryQ + "Name: ", opts: ok, start: wantErr(auth.ErrUnansweredPrompt)},
		{name: "not allowed", nonce: passwordQ + "Password: ",
			opts: &auth.Options{Password: "pam pw", Secure: true}, start: wantErr(auth.ErrCleartextRefused)},
		{name: "not secure", nonce: passwordQ + "Password: ",
			opts: &auth.Options{Password: "pam pw", AllowCleartext: true}, start: wantErr(auth.ErrInsecureChannel)},
		{name: "not secure, no prompt", nonce: "",
			opts: &auth.Options{Password: "pam pw", AllowCleartext: true}, start: wantErr(auth.ErrInsecureChannel)},
		{name: "garbage later", nonce: passwordQ + "Password: ", opts: ok, start: wantBytes(answer),
			steps: []exchangeStep{
				{payload: []byte{}, check: wantErr(auth.ErrUnexpectedData)},
				{payload: []byte{0x07, 'x'}, check: wantErr(auth.ErrUnexpectedData)},
				{payload: []byte{0x01}, check: wantErr(auth.ErrUnexpectedData)},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, auth.Dialog)
			resp, err := p.Start([]byte(tt.nonce), tt.opts)
			tt.start(t, resp, err)
			for _, st := range tt.steps {
				resp, err := p.Continue(st.payload, tt.opts)
				st.check(t, resp, err)
			}
		})
	}
}
