package auth_test

import (
	"bytes"
	"crypto/rsa"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/auth"
)

// verifySHA2Fast checks a fast-path answer the way a MySQL server does from
// its cache entry SHA256(SHA256(pw)): the answer XOR SHA256(entry + nonce)
// must hash to the entry.
func verifySHA2Fast(answer, nonce []byte, password string) bool {
	s1 := sha256.Sum256([]byte(password))
	entry := sha256.Sum256(s1[:])
	h := sha256.New()
	h.Write(entry[:])
	h.Write(nonce[:20])
	candidate := h.Sum(nil)
	if len(answer) != len(candidate) {
		return false
	}
	for i := range candidate {
		candidate[i] ^= answer[i]
	}
	sum := sha256.Sum256(candidate)
	return sum == entry
}

func TestCachingSHA2FastPath(t *testing.T) {
	for _, pw := range []string{"secret", "pässwörd", strings.Repeat("long", 100)} {
		p := mustNew(t, auth.CachingSHA2Password)
		o := &auth.Options{Password: pw}
		resp, err := p.Start(testNonce(), o)
		if err != nil {
			t.Fatal(err)
		}
		if !verifySHA2Fast(resp, testNonce(), pw) {
			t.Fatalf("password %d bytes: the server would reject %x", len(pw), resp)
		}
		if verifySHA2Fast(resp, []byte("another-nonce-20byte"), pw) {
			t.Fatal("the answer does not depend on the nonce")
		}
		resp, err = p.Continue([]byte{0x01, 0x03}, o)
		if err != nil || resp != nil {
			t.Fatalf("fast auth OK: got %x, %v; want nothing to send", resp, err)
		}
		if _, err := p.Continue([]byte{0x01, 0x04}, o); !errors.Is(err, auth.ErrUnexpectedData) {
			t.Fatalf("0x04 after 0x03: %v, want ErrUnexpectedData", err)
		}
	}
}

func TestCachingSHA2EmptyPassword(t *testing.T) {
	resp, err := mustNew(t, auth.CachingSHA2Password).Start(testNonce(), &auth.Options{})
	if err != nil || !bytes.Equal(resp, []byte{0}) {
		t.Fatalf("Start = %x, %v; want a single NUL", resp, err)
	}
}

// exchangeStep is one server packet and what the client must answer.
type exchangeStep struct {
	payload []byte
	opts    *auth.Options // nil: the case's options
	check   func(t *testing.T, resp []byte, err error)
}

// keyExchangeCase is a full-authentication scenario for caching_sha2_password
// or sha256_password.
type keyExchangeCase struct {
	name  string
	opts  *auth.Options
	start func(t *testing.T, resp []byte, err error) // nil: no error
	steps []exchangeStep
}

func runKeyExchange(t *testing.T, plugin string, cases []keyExchangeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := mustNew(t, plugin)
			resp, err := p.Start(testNonce(), tc.opts)
			if tc.start != nil {
				tc.start(t, resp, err)
			} else if err != nil {
				t.Fatalf("Start: %v", err)
			}
			for i, st := range tc.steps {
				o := tc.opts
				if st.opts != nil {
					o = st.opts
				}
				resp, err := p.Continue(st.payload, o)
				t.Logf("step %d: %d bytes, %v", i, len(resp), err)
				st.check(t, resp, err)
			}
		})
	}
}

func wantBytes(want []byte) func(*testing.T, []byte, error) {
	return func(t *testing.T, resp []byte, err error) {
		t.Helper()
		if err != nil || !bytes.Equal(resp, want) {
			t.Fatalf("got %q, %v; want %q", resp, err, want)
		}
	}
}

func wantErr(target error) func(*testing.T, []byte, error) {
	return func(t *testing.T, resp []byte, err error) {
		t.Helper()
		if !errors.Is(err, target) || resp != nil {
			t.Fatalf("got %x, %v; want nothing and %v", resp, err, target)
		}
	}
}

func wantEncrypted(priv *rsa.PrivateKey, password string) func(*testing.T, []byte, error) {
	return func(t *testing.T, resp []byte, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		checkEncrypted(t, priv, resp, password, testNonce())
	}
}

func TestCachingSHA2FullAuth(t *testing.T) {
	const pw = "s3cret pw"
	serverKey, userKey := newKey(t), newKey(t)
	serverPEM := pkixPEM(t, &serverKey.PublicKey)
	full := []byte{0x01, 0x04}
	tooLong := strings.Repeat("p", serverKey.Size()-42) // + NUL: one byte too many
	longest := tooLong[1:]

	runKeyExchange(t, auth.CachingSHA2Password, []keyExchangeCase{
		{name: "secure: clear text", opts: &auth.Options{Password: pw, Secure: true},
			steps: []exchangeStep{{payload: full, check: wantBytes([]byte(pw + "\x00"))}}},
		{name: "secure wins over a configured key",
			opts:  &auth.Options{Password: pw, Secure: true, ServerPublicKey: &userKey.PublicKey},
			steps: []exchangeStep{{payload: full, check: wantBytes([]byte(pw + "\x00"))}}},
		{name: "configured key", opts: &auth.Options{Password: pw, ServerPublicKey: &userKey.PublicKey},
			steps: []exchangeStep{
				{payload: full, check: wantEncrypted(userKey, pw)},
				{payload: moreData(serverPEM), check: wantErr(auth.ErrUnexpectedData)},
			}},
		{name: "retrieval", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: moreData(serverPEM), check: wantEncrypted(serverKey, pw)},
				{payload: full, check: wantErr(auth.ErrUnexpectedData)},
			}},
		{name: "retrieval of a PKCS1 key", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: moreData(pkcs1PEM(&serverKey.PublicKey)), check: wantEncrypted(serverKey, pw)},
			}},
		{name: "configured key wins over retrieval",
			opts:  &auth.Options{Password: pw, ServerPublicKey: &userKey.PublicKey, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{{payload: full, check: wantEncrypted(userKey, pw)}}},
		{name: "configured key wins over a key the server sends",
			opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: moreData(serverPEM), check: wantEncrypted(userKey, pw),
					opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true, ServerPublicKey: &userKey.PublicKey}},
			}},
		{name: "no key, no retrieval: refused", opts: &auth.Options{Password: pw},
			steps: []exchangeStep{{payload: full, check: wantErr(auth.ErrPublicKeyNeeded)}}},
		{name: "ECDSA key from the server", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: moreData(ecdsaPEM(t)), check: wantErr(auth.ErrBadPublicKey)},
			}},
		{name: "garbage key from the server", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: moreData([]byte("-----BEGIN PUBLIC KEY-----\nnot base64!\n-----END PUBLIC KEY-----\n")),
					check: wantErr(auth.ErrBadPublicKey)},
			}},
		{name: "key without AuthMoreData", opts: &auth.Options{Password: pw, AllowPublicKeyRetrieval: true},
			steps: []exchangeStep{
				{payload: full, check: wantBytes([]byte{0x02})},
				{payload: serverPEM, check: wantErr(auth.ErrUnexpectedData)},
			}},
		{name: "longest password the key takes", opts: &auth.Options{Password: longest, ServerPublicKey: &serverKey.PublicKey},
			steps: []exchangeStep{{payload: full, check: wantEncrypted(serverKey, longest)}}},
		{name: "password too long for the key", opts: &auth.Options{Password: tooLong, ServerPublicKey: &serverKey.PublicKey},
			steps: []exchangeStep{{payload: full, check: wantErr(auth.ErrPasswordTooLong)}}},
	})
}

func TestCachingSHA2MalformedMoreData(t *testing.T) {
	for _, payload := range [][]byte{
		{}, {0x01}, {0x01, 0x05}, {0x01, 0x00}, {0x02, 0x03}, {0x01, 0x03, 0x00}, {0x01, 0x04, 0x04},
		moreData([]byte("-----BEGIN PUBLIC KEY-----")),
	} {
		p := mustNew(t, auth.CachingSHA2Password)
		o := &auth.Options{Password: "pw", Secure: true}
		if _, err := p.Start(testNonce(), o); err != nil {
			t.Fatal(err)
		}
		if resp, err := p.Continue(payload, o); !errors.Is(err, auth.ErrUnexpectedData) || resp != nil {
			t.Errorf("Continue(%x) = %x, %v; want ErrUnexpectedData", payload, resp, err)
		}
	}
}

func TestCachingSHA2ShortNonce(t *testing.T) {
	_, err := mustNew(t, auth.CachingSHA2Password).Start(testNonce()[:10], &auth.Options{Password: "pw"})
	if !errors.Is(err, auth.ErrUnexpectedData) {
		t.Fatalf("got %v, want ErrUnexpectedData", err)
	}
}

func TestCachingSHA2ContinueBeforeStart(t *testing.T) {
	p := mustNew(t, auth.CachingSHA2Password)
	if _, err := p.Continue([]byte{0x01, 0x04}, &auth.Options{Password: "pw", Secure: true}); !errors.Is(err, auth.ErrUnexpectedData) {
		t.Fatalf("got %v, want ErrUnexpectedData", err)
	}
}
