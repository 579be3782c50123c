package aiomysql_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestCursorKindNames(t *testing.T) {
	tests := []struct {
		kind            aiomysql.CursorKind
		name, aiomysql  string
		dict, streaming bool
	}{
		{aiomysql.CursorBuffered, "buffered", "Cursor", false, false},
		{aiomysql.CursorDict, "dict", "DictCursor", true, false},
		{aiomysql.CursorStreaming, "streaming", "SSCursor", false, true},
		{aiomysql.CursorStreamingDict, "streaming-dict", "SSDictCursor", true, true},
	}
	for _, tt := range tests {
		if tt.kind.String() != tt.name || tt.kind.Dict() != tt.dict || tt.kind.Streaming() != tt.streaming {
			t.Errorf("%v: String/Dict/Streaming = %q/%v/%v", tt.kind, tt.kind.String(), tt.kind.Dict(), tt.kind.Streaming())
		}
		for _, s := range []string{tt.name, tt.aiomysql, strings.ToUpper(tt.aiomysql), strings.ReplaceAll(tt.name, "-", "_")} {
			if got, err := aiomysql.ParseCursorKind(s); err != nil || got != tt.kind {
				t.Errorf("ParseCursorKind(%q) = %v, %v", s, got, err)
			}
		}
		text, _ := tt.kind.MarshalText()
		var back aiomysql.CursorKind
		if err := back.UnmarshalText(text); err != nil || back != tt.kind {
			t.Errorf("UnmarshalText(%q) = %v, %v", text, back, err)
		}
	}
	var ce *aiomysql.ConfigError
	if _, err := aiomysql.ParseCursorKind("Cursor2"); !errors.As(err, &ce) {
		t.Errorf("ParseCursorKind(Cursor2) = %v, want a *ConfigError", err)
	}
	if _, err := aiomysql.CursorKind(-1).MarshalText(); err == nil {
		t.Errorf("MarshalText of an invalid kind succeeded")
	}
}
