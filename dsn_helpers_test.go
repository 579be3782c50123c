package aiomysql_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// requireSameConfig fails the test when got and want differ in what a DSN
// says: their FormatDSN texts, which hold every field but Dialer, TLSConfig,
// ServerPublicKey and Tracer (internal/dsn's tests compare field by field).
// Only the redacted forms are printed.
func requireSameConfig(t *testing.T, label string, got, want *aiomysql.Config) {
	t.Helper()
	if got.FormatDSN() != want.FormatDSN() {
		t.Fatalf("%s: configs differ:\n  got  %s\n  want %s", label, got, want)
	}
}

// config returns NewConfig() changed by set.
func config(set func(c *aiomysql.Config)) *aiomysql.Config {
	c := aiomysql.NewConfig()
	if set != nil {
		set(c)
	}
	return c
}

// checkRoundTrip checks that a parsed Config formats to a DSN that parses
// back to an equal Config.
func checkRoundTrip(t *testing.T, cfg *aiomysql.Config) {
	t.Helper()
	again, err := aiomysql.ParseDSN(cfg.FormatDSN())
	if err != nil {
		t.Fatalf("FormatDSN gave a DSN ParseDSN refuses: %v\n  config: %s", err, cfg)
	}
	requireSameConfig(t, "ParseDSN(FormatDSN(c)) vs c", again, cfg)
}
