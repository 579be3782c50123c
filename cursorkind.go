package aiomysql

import (
	"strconv"

	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// CursorKind is one of aiomysql's four cursor classes: rows buffered in
// memory or streamed from the server, as tuples ([]any) or as dicts
// (map[string]any). The zero value is CursorBuffered, aiomysql's default.
type CursorKind int

const (
	// CursorBuffered reads the whole result into memory and gives rows as
	// slices (aiomysql Cursor; DSN cursorclass=buffered or Cursor).
	CursorBuffered CursorKind = iota
	// CursorDict is CursorBuffered with rows as maps keyed by column name
	// (aiomysql DictCursor; DSN cursorclass=dict or DictCursor).
	CursorDict
	// CursorStreaming reads rows from the server as they are fetched and gives
	// them as slices; the connection is busy until the result is read or
	// closed (aiomysql SSCursor; DSN cursorclass=streaming or SSCursor).
	CursorStreaming
	// CursorStreamingDict is CursorStreaming with rows as maps (aiomysql
	// SSDictCursor; DSN cursorclass=streaming-dict or SSDictCursor).
	CursorStreamingDict
)

// String returns the kind's DSN name: "buffered", "dict", "streaming" or
// "streaming-dict".
func (k CursorKind) String() string { return dsn.CursorKind(k).String() }

// Dict reports whether the kind gives rows as maps.
func (k CursorKind) Dict() bool { return k == CursorDict || k == CursorStreamingDict }

// Streaming reports whether the kind streams rows instead of buffering them.
func (k CursorKind) Streaming() bool { return k == CursorStreaming || k == CursorStreamingDict }

// valid reports whether k is one of the named kinds.
func (k CursorKind) valid() bool { return dsn.CursorKind(k).Valid() }

// ParseCursorKind reads a cursor kind: its String name or aiomysql's class
// name (Cursor, DictCursor, SSCursor, SSDictCursor), in any case, with '-'
// or '_' or neither between words. A bad name gives a *ConfigError.
func ParseCursorKind(s string) (CursorKind, error) {
	k, err := dsn.ParseCursorKind(s)
	return CursorKind(k), rootError(err)
}

// MarshalText returns the kind's name, as String.
func (k CursorKind) MarshalText() ([]byte, error) {
	if !k.valid() {
		return nil, &ConfigError{Field: "DefaultCursor", Reason: "invalid cursor kind " + strconv.Itoa(int(k))}
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind as ParseCursorKind does.
func (k *CursorKind) UnmarshalText(text []byte) error {
	v, err := ParseCursorKind(string(text))
	if err != nil {
		return err
	}
	*k = v
	return nil
}
