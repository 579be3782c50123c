package auth_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

func TestNew(t *testing.T) {
	names := auth.Names()
	want := []string{"mysql_native_password", "caching_sha2_password", "sha256_password",
		"mysql_clear_password", "mysql_old_password", "client_ed25519", "dialog"}
	if !slices.Equal(names, want) {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	names[0] = "changed"
	if auth.Names()[0] != "mysql_native_password" {
		t.Fatal("Names returns a shared slice")
	}
	for _, name := range want {
		mustNew(t, name)
	}
}

// TestNewIsFresh checks that plugins share no state: a second value of the
// same plugin starts from the beginning.
func TestNewIsFresh(t *testing.T) {
	o := &auth.Options{Password: "pw", Secure: true}
	first := mustNew(t, auth.CachingSHA2Password)
	if _, err := first.Start(testNonce(), o); err != nil {
		t.Fatal(err)
	}
	if _, err := first.Continue([]byte{0x01, 0x03}, o); err != nil {
		t.Fatal(err)
	}
	second := mustNew(t, auth.CachingSHA2Password)
	if _, err := second.Continue([]byte{0x01, 0x04}, o); !errors.Is(err, auth.ErrUnexpectedData) {
		t.Fatalf("a fresh plugin accepted AuthMoreData before Start: %v", err)
	}
	if _, err := second.Start(testNonce(), o); err != nil {
		t.Fatal(err)
	}
	if resp, err := second.Continue([]byte{0x01, 0x04}, o); err != nil || string(resp) != "pw\x00" {
		t.Fatalf("got %q, %v", resp, err)
	}
}

func TestNewUnsupported(t *testing.T) {
	for _, name := range []string{"", "auth_gssapi_client", "parsec", "MYSQL_NATIVE_PASSWORD", strings.Repeat("x", 500)} {
		p, err := auth.New(name)
		var ue *auth.UnsupportedError
		if p != nil || !errors.As(err, &ue) || ue.Plugin != name || !errors.Is(err, auth.ErrUnsupportedPlugin) {
			t.Fatalf("New(%q) = %v, %v; want *UnsupportedError", name, p, err)
		}
		if len(err.Error()) > 200 {
			t.Fatalf("message not bounded: %d bytes", len(err.Error()))
		}
	}
}

// TestErrorsNeverContainThePassword drives every plugin into its errors with
// a recognisable password and checks no message contains it.
func TestErrorsNeverContainThePassword(t *testing.T) {
	const pw = "Tr0ub4dor&3-unique-marker"
	key := newKey(t)
	opts := []*auth.Options{
		{Password: pw},
		{Password: pw, Secure: true},
		{Password: pw, AllowCleartext: true},
		{Password: pw, AllowPublicKeyRetrieval: true},
		{Password: pw, ServerPublicKey: &key.PublicKey},
		{Password: strings.Repeat(pw, 20), ServerPublicKey: &key.PublicKey},
		{Password: pw, AllowCleartext: true, Secure: true, AllowOldPasswords: true},
	}
	// The server does not know the password, so it is in no server data
	// here; dialog errors quote the server's prompt.
	nonces := [][]byte{nil, []byte("short"), testNonce(), ed25519Nonce(), []byte("\x04Password: "), []byte("\x02Login: ")}
	payloads := [][]byte{nil, {0x01}, {0x01, 0x04}, {0x01, 0x03}, moreData([]byte("x")), moreData(ecdsaPEM(t)),
		[]byte("\x02Login: "), []byte("\x04Password: "), {0x01, 0x07}}
	errorsSeen := 0
	for _, name := range auth.Names() {
		for _, o := range opts {
			for _, nonce := range nonces {
				p := mustNew(t, name)
				_, err := p.Start(nonce, o)
				errorsSeen += checkNoPassword(t, err, pw)
				for _, payload := range payloads {
					_, err := p.Continue(payload, o)
					errorsSeen += checkNoPassword(t, err, pw)
				}
			}
		}
	}
	if errorsSeen < 100 {
		t.Fatalf("only %d errors seen: the sweep does not reach the error paths", errorsSeen)
	}
}

func checkNoPassword(t *testing.T, err error, pw string) int {
	t.Helper()
	if err == nil {
		return 0
	}
	if strings.Contains(err.Error(), pw) || strings.Contains(err.Error(), pw[:8]) {
		t.Fatalf("error message contains the password: %v", err)
	}
	return 1
}
