package aiomysql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestS7_CharsetChangeWithoutTracking: with session tracking switched off,
// a SET NAMES gbk is not reported, yet interpolation must still be refused.
func TestS7_CharsetChangeWithoutTracking(t *testing.T) {
	ctx := testCtx(t)
	c := rootConn(t)
	for _, q := range []string{
		"SET session_track_system_variables = ''",
		"SET NAMES gbk",
	} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	err := c.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT 'a' AS v UNION SELECT 'b') t WHERE v = ?", aiomysql.QueryExecModeText, "\xbf' OR 1=1 -- ").Scan(&n)
	if !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Fatalf("interpolation after an untracked SET NAMES gbk = %v (n=%d), want ErrUnsafeInterpolation", err, n)
	}
	if got := c.Charset(); got != "gbk" {
		t.Errorf("Charset() = %q, want gbk (asked from the server)", got)
	}
	// Back to utf8mb4, still untracked: interpolation works again.
	if _, err := c.Exec(ctx, "SET NAMES utf8mb4"); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM (SELECT 'a' AS v UNION SELECT 'b') t WHERE v = ?", aiomysql.QueryExecModeText, "a").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after SET NAMES utf8mb4: %d, %v", n, err)
	}
}

// A character set proven by asking the server is forgotten when the session
// is reset: the server is back to the handshake's (here gbk), unreported.
func TestS7_ResetForgetsProvenCharset(t *testing.T) {
	ctx := testCtx(t)
	cfg := plainConfig(t)
	cfg.Charset = "gbk"
	c := connectT(t, cfg)
	for _, q := range []string{"SET session_track_system_variables = ''", "SET NAMES utf8mb4"} {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var v string
	if err := c.QueryRow(ctx, "SELECT ?", aiomysql.QueryExecModeText, "proven utf8mb4").Scan(&v); err != nil {
		t.Fatalf("interpolation in a proven utf8mb4 session: %v", err)
	}
	if err := c.ResetSession(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "SELECT ?", aiomysql.QueryExecModeText, "\xbf' OR 1=1 -- "); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Fatalf("after ResetSession back to gbk: %v, want ErrUnsafeInterpolation", err)
	}
}
