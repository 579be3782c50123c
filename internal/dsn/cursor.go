package dsn

import (
	"strconv"
	"strings"
)

// CursorKind is aiomysql.CursorKind's value, the DSN's cursorclass: which
// of aiomysql's four cursor classes Conn.Cursor makes by default.
type CursorKind int

// The kinds, with the numbers aiomysql.CursorKind gives them.
const (
	CursorBuffered      CursorKind = iota // aiomysql Cursor
	CursorDict                            // aiomysql DictCursor
	CursorStreaming                       // aiomysql SSCursor
	CursorStreamingDict                   // aiomysql SSDictCursor
)

// String returns the kind's DSN name: "buffered", "dict", "streaming" or
// "streaming-dict"; "CursorKind(n)" for another number.
func (k CursorKind) String() string {
	switch k {
	case CursorBuffered:
		return "buffered"
	case CursorDict:
		return "dict"
	case CursorStreaming:
		return "streaming"
	case CursorStreamingDict:
		return "streaming-dict"
	}
	return "CursorKind(" + strconv.Itoa(int(k)) + ")"
}

// Valid reports whether k is one of the named kinds.
func (k CursorKind) Valid() bool { return k >= CursorBuffered && k <= CursorStreamingDict }

// ParseCursorKind reads a cursor kind: its String name or aiomysql's class
// name (Cursor, DictCursor, SSCursor, SSDictCursor), in any case, with '-'
// or '_' or neither between words. A bad name gives a *FieldError for
// DefaultCursor.
func ParseCursorKind(s string) (CursorKind, error) {
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) {
	case "buffered", "cursor":
		return CursorBuffered, nil
	case "dict", "dictcursor":
		return CursorDict, nil
	case "streaming", "sscursor":
		return CursorStreaming, nil
	case "streamingdict", "ssdictcursor":
		return CursorStreamingDict, nil
	}
	return CursorBuffered, &FieldError{Field: "DefaultCursor", Reason: "unknown cursor kind " + QuoteShort(s) +
		" (want buffered, dict, streaming or streaming-dict)"}
}
