package sqltext

import "strconv"

// Style selects which placeholders a query uses. The caller always says which
// style it means: nothing is guessed from the query text, so a `%` or an `@x`
// in a query is only a placeholder when the chosen style says so.
type Style int

const (
	// Question is go-sql-driver/mysql's style: each `?` in code is a
	// positional placeholder.
	Question Style = iota
	// Format is aiomysql's (PyMySQL's) format style, Python's % over the
	// whole text: each `%s` is a positional placeholder and `%%` stands for
	// one `%`, in code, strings, identifiers and comments alike. Any other
	// `%` is an error.
	Format
	// Pyformat is aiomysql's pyformat style, Python's % with a mapping:
	// `%(name)s` is a named placeholder (a name may repeat) and `%%` stands
	// for one `%`, anywhere in the text. Any other `%` is an error.
	Pyformat
	// Named takes `@name` and `:name` in code as named placeholders, but only
	// for names the caller knows; every other `@x` (user variables), `@@x`
	// (system variables), `:=` and `::` is left alone.
	Named
)

// String returns the style's name.
func (s Style) String() string {
	switch s {
	case Question:
		return "Question"
	case Format:
		return "Format"
	case Pyformat:
		return "Pyformat"
	case Named:
		return "Named"
	}
	return "Style(" + strconv.Itoa(int(s)) + ")"
}

// Options says how to read a query: the placeholder style and the two
// sql_mode flags that change how the server lexes text. The zero value is the
// server's default lexing with Question placeholders.
type Options struct {
	// Style is the placeholder style. Default Question.
	Style Style
	// NoBackslashEscapes is the NO_BACKSLASH_ESCAPES sql_mode: a backslash
	// in a '…' or "…" string is an ordinary character. Default false
	// (backslash escapes the next byte).
	NoBackslashEscapes bool
	// ANSIQuotes is the ANSI_QUOTES sql_mode: "…" is a quoted identifier,
	// not a string. Default false ("…" is a string).
	ANSIQuotes bool
}

func (o Options) validate() error {
	if o.Style < Question || o.Style > Named {
		return &StyleError{Style: o.Style}
	}
	return nil
}
