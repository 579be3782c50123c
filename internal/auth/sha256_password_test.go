package auth_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

func TestSHA256Password(t *testing.T) {
	const pw = "sha256 pw"
	serverKey, userKey := newKey(t), newKey(t)
	serverPEM := pkixPEM(t, &serverKey.PublicKey)

	runKeyExchange(t, auth.SHA256Password, []keyExchangeCase{
		{name: "secure: clear text", opts: &auth.Options{Password: pw, Secure: true},
			start: wantBytes([]byte(pw + "\x00")),
			steps: []exchangeStep{{payload: moreData(serverPEM), check: wantErr(auth.ErrUnexpectedData)}}},
		{name: "secure wins over a configured key",
			opts:  &auth.Options{Password: pw, Secure: true, ServerPublicKey: &userKey.PublicKey},
			start: wantBytes([]byte(pw + "\x00"))},
		{name: "configured key", opts: &auth.Options{Password: pw, ServerPublicKey: &userKey.PublicKey},
			start: wantEncrypted(userKey, pw),
			steps: []exchangeStep{{payload: moreData(serverPEM), check: wantErr(auth.ErrUnexpectedData)}}},
		{name: "retrieval", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{
				{payload: moreData(serverPEM), check: wantEncrypted(serverKey, pw)},
				{payload: moreData(serverPEM), check: wantErr(auth.ErrUnexpectedData)},
			}},
		{name: "configured key wins over retrieval",
			opts:  &auth.Options{Password: pw, ServerPublicKey: &userKey.PublicKey, AllowPublicKeyRetrieval: true},
			start: wantEncrypted(userKey, pw)},
		{name: "configured key wins over a key the server sends",
			opts:  &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{{payload: moreData(serverPEM), check: wantEncrypted(userKey, pw),
				opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true, ServerPublicKey: &userKey.PublicKey}}}},
		{name: "no key, no retrieval: refused", opts: &auth.Options{Password: pw},
			start: wantErr(auth.ErrPublicKeyNeeded),
			steps: []exchangeStep{{payload: moreData(serverPEM), check: wantErr(auth.ErrUnexpectedData)}}},
		{name: "empty password on a plain channel", opts: &auth.Options{},
			start: wantBytes([]byte{0})},
		{name: "ECDSA key from the server", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{{payload: moreData(ecdsaPEM(t)), check: wantErr(auth.ErrBadPublicKey)}}},
		{name: "garbage key from the server", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{{payload: moreData([]byte("garbage")), check: wantErr(auth.ErrBadPublicKey)}}},
		{name: "malformed AuthMoreData", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{{payload: []byte{0x01}, check: wantErr(auth.ErrUnexpectedData)}}},
		{name: "key without AuthMoreData", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			start: wantBytes([]byte{0x01}),
			steps: []exchangeStep{{payload: serverPEM, check: wantErr(auth.ErrUnexpectedData)}}},
	})
}

func TestSHA256PasswordShortNonce(t *testing.T) {
	resp, err := mustNew(t, auth.SHA256Password).Start([]byte("short"), &auth.Options{Password: "pw", Secure: true})
	if !errors.Is(err, auth.ErrUnexpectedData) || resp != nil {
		t.Fatalf("got %x, %v; want ErrUnexpectedData", resp, err)
	}
}

func TestSHA256PasswordNilOptions(t *testing.T) {
	resp, err := mustNew(t, auth.SHA256Password).Start(testNonce(), nil)
	if err != nil || !bytes.Equal(resp, []byte{0}) {
		t.Fatalf("got %x, %v; want a single NUL", resp, err)
	}
}
