package dsn_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

func TestParseTLSMode(t *testing.T) {
	modes := []dsn.TLSMode{dsn.TLSDisabled, dsn.TLSPreferred, dsn.TLSRequired, dsn.TLSVerifyCA, dsn.TLSVerifyIdentity}
	for _, m := range modes {
		if got, err := dsn.ParseTLSMode(m.String()); err != nil || got != m || !m.Valid() {
			t.Errorf("ParseTLSMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	aliases := map[string]dsn.TLSMode{
		"DISABLED": dsn.TLSDisabled, "false": dsn.TLSDisabled, "0": dsn.TLSDisabled,
		"Preferred": dsn.TLSPreferred, "REQUIRED": dsn.TLSRequired, "skip-verify": dsn.TLSRequired,
		"VERIFY_CA": dsn.TLSVerifyCA, "verify_identity": dsn.TLSVerifyIdentity,
		"true": dsn.TLSVerifyIdentity, "1": dsn.TLSVerifyIdentity,
	}
	for s, want := range aliases {
		if got, err := dsn.ParseTLSMode(s); err != nil || got != want {
			t.Errorf("ParseTLSMode(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	var fe *dsn.FieldError
	if _, err := dsn.ParseTLSMode("myRegisteredConfig"); !errors.As(err, &fe) || fe.Field != "TLSMode" || !strings.Contains(err.Error(), "TLSConfig") {
		t.Errorf("ParseTLSMode of a name: %v, want a *FieldError pointing at TLSConfig", err)
	}
	for m, name := range map[dsn.TLSMode]string{-1: "TLSMode(-1)", 5: "TLSMode(5)"} {
		if m.Valid() || m.String() != name {
			t.Errorf("mode %d: Valid %v, String %q", int(m), m.Valid(), m.String())
		}
	}
}

func TestParseCursorKind(t *testing.T) {
	names := map[string]dsn.CursorKind{
		"buffered": dsn.CursorBuffered, "Cursor": dsn.CursorBuffered, "dict": dsn.CursorDict, "DictCursor": dsn.CursorDict,
		"streaming": dsn.CursorStreaming, "SSCursor": dsn.CursorStreaming, "streaming-dict": dsn.CursorStreamingDict,
		"streaming_dict": dsn.CursorStreamingDict, "SSDictCursor": dsn.CursorStreamingDict,
	}
	for s, want := range names {
		got, err := dsn.ParseCursorKind(s)
		if err != nil || got != want {
			t.Errorf("ParseCursorKind(%q) = %v, %v; want %v", s, got, err, want)
		}
		if back, err := dsn.ParseCursorKind(got.String()); err != nil || back != got {
			t.Errorf("ParseCursorKind(%q.String()) = %v, %v", s, back, err)
		}
	}
	var fe *dsn.FieldError
	if _, err := dsn.ParseCursorKind("fancy"); !errors.As(err, &fe) || fe.Field != "DefaultCursor" {
		t.Errorf("ParseCursorKind(fancy) = %v, want a *FieldError for DefaultCursor", err)
	}
	if k := dsn.CursorKind(4); k.Valid() || k.String() != "CursorKind(4)" {
		t.Errorf("kind 4: Valid %v, String %q", k.Valid(), k.String())
	}
}
