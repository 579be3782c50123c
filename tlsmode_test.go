package aiomysql_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestTLSModeNames(t *testing.T) {
	modes := []aiomysql.TLSMode{aiomysql.TLSDisabled, aiomysql.TLSPreferred, aiomysql.TLSRequired, aiomysql.TLSVerifyCA, aiomysql.TLSVerifyIdentity}
	for _, m := range modes {
		got, err := aiomysql.ParseTLSMode(m.String())
		if err != nil || got != m {
			t.Errorf("ParseTLSMode(%q) = %v, %v", m.String(), got, err)
		}
		text, err := m.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText(%v): %v", m, err)
		}
		var back aiomysql.TLSMode
		if err := back.UnmarshalText(text); err != nil || back != m {
			t.Errorf("UnmarshalText(%q) = %v, %v", text, back, err)
		}
	}
	aliases := map[string]aiomysql.TLSMode{
		"DISABLED": aiomysql.TLSDisabled, "false": aiomysql.TLSDisabled, "0": aiomysql.TLSDisabled,
		"Preferred": aiomysql.TLSPreferred, "REQUIRED": aiomysql.TLSRequired, "skip-verify": aiomysql.TLSRequired,
		"VERIFY_CA": aiomysql.TLSVerifyCA, "verify_identity": aiomysql.TLSVerifyIdentity,
		"true": aiomysql.TLSVerifyIdentity, "1": aiomysql.TLSVerifyIdentity,
	}
	for s, want := range aliases {
		if got, err := aiomysql.ParseTLSMode(s); err != nil || got != want {
			t.Errorf("ParseTLSMode(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	var ce *aiomysql.ConfigError
	if _, err := aiomysql.ParseTLSMode("myRegisteredConfig"); !errors.As(err, &ce) || !strings.Contains(err.Error(), "TLSConfig") {
		t.Errorf("ParseTLSMode of a name: %v, want a *ConfigError pointing at TLSConfig", err)
	}
	if _, err := aiomysql.TLSMode(42).MarshalText(); err == nil {
		t.Errorf("MarshalText of an invalid mode succeeded")
	}
	if got := aiomysql.TLSMode(42).String(); got != "TLSMode(42)" {
		t.Errorf("String of an invalid mode = %q", got)
	}
	if !(aiomysql.TLSVerifyCA >= aiomysql.TLSRequired && aiomysql.TLSPreferred < aiomysql.TLSRequired) {
		t.Errorf("modes are not ordered weakest first")
	}
}
