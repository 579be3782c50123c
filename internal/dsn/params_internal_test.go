package dsn

import (
	"strings"
	"testing"
	"time"
)

// TestDSNParamTable checks that FormatDSN's order is alphabetical by
// normalized name and that no two spellings collide.
func TestDSNParamTable(t *testing.T) {
	seen := map[string]string{}
	prev := ""
	for _, p := range dsnParams() {
		n := normalizeParam(p.name)
		if n <= prev {
			t.Errorf("parameter %s is out of order after %s", p.name, prev)
		}
		prev = n
		for _, name := range append([]string{p.name}, p.aliases...) {
			k := normalizeParam(name)
			if other, dup := seen[k]; dup {
				t.Errorf("%s and %s are the same parameter name", name, other)
			}
			seen[k] = name
		}
		if p.parse == nil || p.format == nil {
			t.Errorf("parameter %s lacks a parse or format function", p.name)
		}
	}
}

func TestSQLQuoting(t *testing.T) {
	values := []string{"", "'", "''", "'x'", "\"x\"", "'a'b'", "it's", "'it''s'", "\"", "'x\"", "x'", "'''"}
	for _, v := range values {
		if got := unquoteSQL(quoteSQLIfNeeded(v)); got != v {
			t.Errorf("unquoteSQL(quoteSQLIfNeeded(%q)) = %q", v, got)
		}
	}
	if got := unquoteSQL("'it''s'"); got != "it's" {
		t.Errorf("unquoteSQL('it''s') = %q", got)
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]time.Duration{"10": 10 * time.Second, "0.25": 250 * time.Millisecond, "0": 0, "1m30s": 90 * time.Second, "250ms": 250 * time.Millisecond}
	for s, want := range good {
		if got, err := parseDuration(s); err != nil || got != want {
			t.Errorf("parseDuration(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "-1s", "1.2.3", ".", "ten", "1e9999", "99999999999999999999"} {
		if _, err := parseDuration(s); err == nil {
			t.Errorf("parseDuration(%q) succeeded", s)
		}
	}
}

// TestFindSeparatorLinear checks that DSNs made of many '/', '@' and '('
// parse in time proportional to their length.
func TestFindSeparatorLinear(t *testing.T) {
	for _, unit := range []string{")/@a(", "@a(/", "a@/", "/("} {
		dsn := strings.Repeat(unit, 200_000)
		start := time.Now()
		_, _ = Parse(dsn)
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Parse of %d bytes of %q took %v", len(dsn), unit, d)
		}
	}
}
