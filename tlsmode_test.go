package aiomysql_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestTLSModeNames(t *testing.T) {
	names := map[string]aiomysql.TLSMode{
		"disabled": aiomysql.TLSDisabled, "preferred": aiomysql.TLSPreferred, "required": aiomysql.TLSRequired,
		"verify-ca": aiomysql.TLSVerifyCA, "verify-identity": aiomysql.TLSVerifyIdentity,
	}
	for name, m := range names {
		if m.String() != name {
			t.Errorf("%d.String() = %q, want %q", int(m), m.String(), name)
		}
		text, err := m.MarshalText()
		if err != nil || string(text) != name {
			t.Errorf("MarshalText(%v) = %q, %v", m, text, err)
		}
		var back aiomysql.TLSMode
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Errorf("UnmarshalText(%q) = %v, %v", text, back, err)
		}
	}
	aliases := map[string]aiomysql.TLSMode{
		"DISABLED": aiomysql.TLSDisabled, "false": aiomysql.TLSDisabled, "REQUIRED": aiomysql.TLSRequired,
		"skip-verify": aiomysql.TLSRequired, "VERIFY_CA": aiomysql.TLSVerifyCA, "true": aiomysql.TLSVerifyIdentity,
	}
	for s, want := range aliases {
		var got aiomysql.TLSMode
		if err := got.UnmarshalText([]byte(s)); err != nil || got != want {
			t.Errorf("UnmarshalText(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	var ce *aiomysql.ConfigError
	m := aiomysql.TLSVerifyCA
	if err := m.UnmarshalText([]byte("myRegisteredConfig")); !errors.As(err, &ce) || !strings.Contains(err.Error(), "TLSConfig") || m != aiomysql.TLSVerifyCA {
		t.Errorf("UnmarshalText of a name: %v (mode now %v), want a *ConfigError pointing at TLSConfig and the mode unchanged", err, m)
	}
	if _, err := aiomysql.TLSMode(42).MarshalText(); !errors.As(err, &ce) || ce.Field != "TLSMode" {
		t.Errorf("MarshalText of an invalid mode: %v, want a *ConfigError for TLSMode", err)
	}
	if got := aiomysql.TLSMode(42).String(); got != "TLSMode(42)" {
		t.Errorf("String of an invalid mode = %q", got)
	}
	if !(aiomysql.TLSVerifyCA >= aiomysql.TLSRequired && aiomysql.TLSPreferred < aiomysql.TLSRequired) {
		t.Errorf("modes are not ordered weakest first")
	}
}
