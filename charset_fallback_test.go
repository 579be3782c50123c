package aiomysql_test

import (
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestCharsetFallback: with charset=a,b (go-sql-driver's list), a server
// that does not know a gets SET NAMES b, and the connection then works in b.
// MariaDB knows every character set this client does, so the refusal comes
// from a fake server.
func TestCharsetFallback(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		return serveQueries(c, true, func(q string) error {
			mu.Lock()
			got = append(got, q)
			mu.Unlock()
			if q == "SET NAMES utf8mb4" {
				return c.WriteErr(errcode.UnknownCharacterSet, "42000", "Unknown character set: 'utf8mb4'")
			}
			return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
		})
	}))
	cfg := fakeConfig(t, srv)
	cfg.Charset = "utf8mb4"
	cfg.CharsetFallbacks = []string{"latin1"}
	conn := connectT(t, cfg)
	if cs := conn.Charset(); cs != "latin1" {
		t.Errorf("Charset() = %q, want latin1", cs)
	}
	if err := conn.Ping(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != "SET NAMES utf8mb4" || got[1] != "SET NAMES latin1" {
		t.Errorf("queries %q, want SET NAMES utf8mb4 then latin1", got)
	}
}

// TestCharsetFallbackRealServer: on MariaDB the first name of the list
// takes; a reset session gets it back.
func TestCharsetFallbackRealServer(t *testing.T) {
	ctx := testCtx(t)
	cfg, err := aiomysql.ParseDSN(testServer(t).DSN(testServer(t).Root) + "?charset=latin1,utf8mb4")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Charset != "latin1" || len(cfg.CharsetFallbacks) != 1 || cfg.CharsetFallbacks[0] != "utf8mb4" {
		t.Fatalf("parsed %q and %q", cfg.Charset, cfg.CharsetFallbacks)
	}
	c := connectT(t, cfg)
	check := func(step string) {
		t.Helper()
		var cs string
		if err := c.QueryRow(ctx, "SELECT @@character_set_client").Scan(&cs); err != nil || cs != "latin1" {
			t.Fatalf("%s: character_set_client %q, %v; want latin1", step, cs, err)
		}
	}
	check("connected")
	if err := c.ResetSession(ctx); err != nil {
		t.Fatal(err)
	}
	check("after a reset")

	cfg.CharsetFallbacks = []string{"klingon"}
	if _, err := aiomysql.Connect(ctx, cfg); err == nil {
		t.Fatal("an unknown fallback character set was accepted")
	}
}
