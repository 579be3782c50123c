package auth_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// fuzzPassword is recognisable in the plugins' output.
const fuzzPassword = "fuzz-Pa55word"

// checkTyped fails unless err is nil or matches one of the package's errors.
func checkTyped(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, target := range []error{
		auth.ErrUnsupportedPlugin, auth.ErrCleartextRefused, auth.ErrOldPasswordRefused,
		auth.ErrPublicKeyNeeded, auth.ErrBadPublicKey, auth.ErrPasswordTooLong,
		auth.ErrUnexpectedData, auth.ErrUnansweredPrompt,
	} {
		if errors.Is(err, target) {
			return
		}
	}
	t.Fatalf("untyped error: %v", err)
}

// fuzzPlugin runs one plugin on an arbitrary nonce and three arbitrary
// packets, with options chosen by the bits of flags. Nothing may panic, every
// error must be typed, and the password may appear in an answer only on a
// secure channel.
func fuzzPlugin(f *testing.F, name string) {
	key := newKey(f)
	f.Fuzz(func(t *testing.T, nonce []byte, flags byte, p1, p2, p3 []byte) {
		o := &auth.Options{
			Password:                fuzzPassword,
			Secure:                  flags&1 != 0,
			AllowPublicKeyRetrieval: flags&2 != 0,
			AllowCleartext:          flags&4 != 0,
			AllowOldPasswords:       flags&8 != 0,
		}
		if flags&16 != 0 {
			o.ServerPublicKey = &key.PublicKey
		}
		if flags&32 != 0 {
			o.Password = ""
		}
		p := mustNew(t, name)
		check := func(resp []byte, err error) {
			t.Helper()
			checkTyped(t, err)
			if err != nil && resp != nil {
				t.Fatalf("an answer (%x) with an error (%v)", resp, err)
			}
			if !o.Secure && o.Password != "" && bytes.Contains(resp, []byte(o.Password)) {
				t.Fatalf("the password in clear on an insecure channel: %q", resp)
			}
		}
		check(p.Start(nonce, o))
		for _, payload := range [][]byte{p1, p2, p3} {
			check(p.Continue(payload, o))
		}
	})
}

func FuzzNativePassword(f *testing.F)      { fuzzPlugin(f, auth.NativePassword) }
func FuzzCachingSHA2Password(f *testing.F) { fuzzPlugin(f, auth.CachingSHA2Password) }
func FuzzSHA256Password(f *testing.F)      { fuzzPlugin(f, auth.SHA256Password) }
func FuzzClearPassword(f *testing.F)       { fuzzPlugin(f, auth.ClearPassword) }
func FuzzOldPassword(f *testing.F)         { fuzzPlugin(f, auth.OldPassword) }
func FuzzEd25519(f *testing.F)             { fuzzPlugin(f, auth.Ed25519) }
func FuzzDialog(f *testing.F)              { fuzzPlugin(f, auth.Dialog) }

// FuzzParsePublicKey parses arbitrary bytes; a key it accepts is then used
// to encrypt a password, which must work or fail with a typed error.
func FuzzParsePublicKey(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := auth.ParsePublicKey(data)
		if err != nil {
			if key != nil || !errors.Is(err, auth.ErrBadPublicKey) {
				t.Fatalf("got %v, %v; want nil and ErrBadPublicKey", key, err)
			}
			return
		}
		if key == nil {
			t.Fatal("no key and no error")
		}
		p := mustNew(t, auth.SHA256Password)
		resp, err := p.Start(testNonce(), &auth.Options{Password: fuzzPassword, ServerPublicKey: key})
		checkTyped(t, err)
		if err == nil && len(resp) != key.Size() {
			t.Fatalf("ciphertext of %d bytes for a %d-byte key", len(resp), key.Size())
		}
	})
}
