package wire_test

import (
	"bufio"
	"encoding/hex"
	"errors"
	"os"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/internal/wire"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// captures reads testdata/captures.txt: real packets by name.
func captures(t testing.TB) map[string][]byte {
	t.Helper()
	f, err := os.Open("testdata/captures.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := make(map[string][]byte)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name, hx, ok := strings.Cut(line, " ")
		if !ok {
			t.Fatalf("bad capture line %q", line)
		}
		b, err := hex.DecodeString(hx)
		if err != nil {
			t.Fatalf("capture %s: %v", name, err)
		}
		m[name] = b
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// capture returns one real packet by name.
func capture(t testing.TB, name string) []byte {
	t.Helper()
	b, ok := captures(t)[name]
	if !ok {
		t.Fatalf("no capture %q", name)
	}
	return b
}

// capturesWithPrefix returns the captures whose names start with prefix.
func capturesWithPrefix(t testing.TB, prefix string) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte)
	for k, v := range captures(t) {
		if strings.HasPrefix(k, prefix) {
			out[k] = v
		}
	}
	if len(out) == 0 {
		t.Fatalf("no captures named %s*", prefix)
	}
	return out
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// wantMalformed fails unless err is a *wire.MalformedError.
func wantMalformed(t testing.TB, err error, context string) {
	t.Helper()
	var m *wire.MalformedError
	if !errors.As(err, &m) {
		t.Fatalf("%s: got error %v (%T), want *wire.MalformedError", context, err, err)
	}
	if m.Packet == "" || m.Reason == "" {
		t.Fatalf("%s: MalformedError without packet or reason: %+v", context, m)
	}
}

// mariaDBClientCaps are the flags the throwaway client negotiated with
// MariaDB (CLIENT_MYSQL clear, so extended flags apply).
const mariaDBClientCaps = wire.ClientLongFlag | wire.ClientConnectWithDB | wire.ClientProtocol41 |
	wire.ClientTransactions | wire.ClientSecureConnection | wire.ClientMultiStatements |
	wire.ClientMultiResults | wire.ClientPSMultiResults | wire.ClientPluginAuth | wire.ClientConnectAttrs |
	wire.ClientPluginAuthLenEncClientData | wire.ClientSessionTrack | wire.ClientDeprecateEOF |
	wire.MariaDBClientProgress | wire.MariaDBClientExtendedMetadata
