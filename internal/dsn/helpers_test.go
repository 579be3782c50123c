package dsn_test

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// configDiff lists the fields in which a and b differ, comparing Location by
// name and Logger by presence (a DSN only says echo=true). The password is
// never shown, only whether it differs.
func configDiff(a, b *dsn.Settings) []string {
	if a == nil || b == nil {
		if a == b {
			return nil
		}
		return []string{"one Config is nil"}
	}
	ma, mb := comparableCopy(a), comparableCopy(b)
	var diffs []string
	for _, name := range slices.Sorted(maps.Keys(ma)) {
		fa, fb := ma[name], mb[name]
		if reflect.DeepEqual(fa, fb) {
			continue
		}
		if name == "Password" {
			diffs = append(diffs, "Password differs")
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s: %#v != %#v", name, fa, fb))
	}
	return diffs
}

// comparableCopy gives c's fields by name, with Location by name, Logger by
// presence and Autocommit by value.
func comparableCopy(c *dsn.Settings) map[string]any {
	cp := *c
	out := map[string]any{}
	rv := reflect.ValueOf(cp)
	for i := 0; i < rv.NumField(); i++ {
		out[rv.Type().Field(i).Name] = rv.Field(i).Interface()
	}
	out["Location"] = "UTC"
	if c.Location != nil {
		out["Location"] = c.Location.String()
	}
	out["Logger"] = c.Logger != nil
	out["Autocommit"] = "unset"
	if c.Autocommit != nil {
		out["Autocommit"] = fmt.Sprint(*c.Autocommit)
	}
	return out
}

// requireSameConfig fails the test when got and want differ.
func requireSameConfig(t *testing.T, label string, got, want *dsn.Settings) {
	t.Helper()
	if d := configDiff(got, want); len(d) > 0 {
		t.Fatalf("%s: configs differ:\n  %s", label, strings.Join(d, "\n  "))
	}
}

// config returns New() changed by set.
func config(set func(c *dsn.Settings)) *dsn.Settings {
	c := dsn.New()
	if set != nil {
		set(c)
	}
	return c
}

// checkRoundTrip checks that a parsed Config formats to a DSN that parses
// back to an equal Config and formats to the same DSN.
func checkRoundTrip(t *testing.T, cfg *dsn.Settings) {
	t.Helper()
	text := cfg.FormatDSN()
	again, err := dsn.Parse(text)
	if err != nil {
		t.Fatalf("FormatDSN gave a DSN Parse refuses: %v", err)
	}
	requireSameConfig(t, "Parse(FormatDSN(c)) vs c", again, cfg)
	if dsn2 := again.FormatDSN(); dsn2 != text {
		t.Fatalf("FormatDSN not stable:\n  first:  %s\n  second: %s", text, dsn2)
	}
}
