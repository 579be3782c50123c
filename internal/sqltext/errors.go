package sqltext

import (
	"errors"
	"fmt"
)

// Sentinels matched with errors.Is by the typed errors below.
var (
	// ErrUnterminated is matched by every *UnterminatedError.
	ErrUnterminated = errors.New("sqltext: unterminated string, identifier or comment")
	// ErrArgCount is matched by every *ArgCountError.
	ErrArgCount = errors.New("sqltext: wrong number of arguments")
	// ErrEmptyLiteral is wrapped in an *ArgError when the encoder appends
	// nothing for an argument: no SQL literal is empty.
	ErrEmptyLiteral = errors.New("encoder produced an empty literal")
)

// UnterminatedError reports a string, quoted identifier or comment that the
// query does not close. The server would reject such a query; interpolating
// into it could change where the server thinks code resumes.
type UnterminatedError struct {
	// What names the construct: "string", "quoted identifier", "comment"
	// or "executable comment".
	What string
	// Offset is the byte offset in the query where it opens.
	Offset int
}

// Error describes the problem.
func (e *UnterminatedError) Error() string {
	return fmt.Sprintf("sqltext: unterminated %s starting at byte %d", e.What, e.Offset)
}

// Is reports whether target is ErrUnterminated.
func (e *UnterminatedError) Is(target error) bool { return target == ErrUnterminated }

// ArgCountError reports positional arguments that do not match the
// placeholders: too few or too many.
type ArgCountError struct {
	Want int // positional placeholders in the query
	Got  int // positional arguments given
}

// Error describes the problem.
func (e *ArgCountError) Error() string {
	return fmt.Sprintf("sqltext: query has %d positional placeholders but %d arguments were given", e.Want, e.Got)
}

// Is reports whether target is ErrArgCount.
func (e *ArgCountError) Is(target error) bool { return target == ErrArgCount }

// UnknownNameError reports a Pyformat placeholder `%(name)s` whose name has
// no value.
type UnknownNameError struct {
	Name   string // the name in the placeholder
	Offset int    // byte offset of the placeholder in the query
}

// Error describes the problem.
func (e *UnknownNameError) Error() string {
	return fmt.Sprintf("sqltext: no value for placeholder %%(%s)s at byte %d", truncate(e.Name), e.Offset)
}

// PercentError reports, in Format and Pyformat styles, a `%` anywhere in the
// query (code, strings and comments alike, as for Python's %) that is not a
// placeholder of the style or `%%`: for example `%d`, a bare `%` (write `%%`
// for the modulo operator and in '100%%'), `%(name)s` in Format style or
// `%s` in Pyformat style.
type PercentError struct {
	Style  Style // the style in force
	Offset int   // byte offset of the `%` in the query
}

// Error describes the problem.
func (e *PercentError) Error() string {
	want := "%s or %%"
	if e.Style == Pyformat {
		want = "%(name)s or %%"
	}
	return fmt.Sprintf("sqltext: %% at byte %d is not %s in %v style", e.Offset, want, e.Style)
}

// ConditionalCommentError reports a placeholder inside an executable comment
// that a server may skip: one with a version number (/*!50700 … */,
// /*M!100500 … */), which servers older than that version ignore, or
// MariaDB's /*M! … */, which MySQL ignores. A value put there would sit in a
// comment, where an argument holding "*/" could end it and turn the rest of
// the argument into code. Move the placeholder out of the comment.
type ConditionalCommentError struct {
	Offset  int // byte offset of the placeholder in the query
	Comment int // byte offset of the comment's opening /*
}

// Error describes the problem.
func (e *ConditionalCommentError) Error() string {
	return fmt.Sprintf("sqltext: placeholder at byte %d is inside the conditional comment at byte %d, which a server may skip", e.Offset, e.Comment)
}

// StyleError reports an Options.Style that is not one of the defined styles.
type StyleError struct {
	Style Style
}

// Error describes the problem.
func (e *StyleError) Error() string {
	return fmt.Sprintf("sqltext: unknown placeholder style %d", int(e.Style))
}

// ArgError wraps an error from the caller's encoder for one argument.
type ArgError struct {
	Index int    // position of the positional argument, or -1 for a named one
	Name  string // name of the named argument, or ""
	Err   error  // the encoder's error
}

// Error describes the problem.
func (e *ArgError) Error() string {
	if e.Name != "" {
		return fmt.Sprintf("sqltext: argument %q: %v", truncate(e.Name), e.Err)
	}
	return fmt.Sprintf("sqltext: argument %d: %v", e.Index, e.Err)
}

// Unwrap returns the encoder's error.
func (e *ArgError) Unwrap() error { return e.Err }

// truncate shortens query text put into an error message.
func truncate(s string) string {
	const max = 64
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// ErrEnclosedPlaceholder is matched by every *EnclosedPlaceholderError.
var ErrEnclosedPlaceholder = errors.New("sqltext: a value's literal would end the string or comment around its placeholder")

// EnclosedPlaceholderError reports, in Format and Pyformat styles, a
// placeholder inside a string, quoted identifier or comment whose value's
// literal could end it: it holds that string's quote or a backslash, the
// identifier's quote, "*/" in a block comment or a line break in a line
// comment. aiomysql would send such a query (Python's % fills the
// placeholder wherever it is) and the value would become SQL, as in '%s'
// with x' OR 1=1 -- . Move the placeholder out of the quotes: '%s' was
// never needed, a string value arrives quoted.
type EnclosedPlaceholderError struct {
	Offset int    // byte offset of the placeholder in the query
	In     string // "string", "quoted identifier", "comment" or "conditional comment"
	Index  int    // position of the positional argument, or -1 for a named one
	Name   string // name of the named argument, or ""
}

// Error describes the problem.
func (e *EnclosedPlaceholderError) Error() string {
	arg := fmt.Sprintf("argument %d", e.Index)
	if e.Index < 0 {
		arg = fmt.Sprintf("argument %q", truncate(e.Name))
	}
	return fmt.Sprintf("sqltext: %s cannot go in the %s holding its placeholder at byte %d: its literal would end the %s",
		arg, e.In, e.Offset, e.In)
}

// Is reports whether target is ErrEnclosedPlaceholder.
func (e *EnclosedPlaceholderError) Is(target error) bool { return target == ErrEnclosedPlaceholder }
