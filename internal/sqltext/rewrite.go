package sqltext

import (
	"errors"
	"fmt"
)

// ErrNotBindable is matched by every *NotBindableError.
var ErrNotBindable = errors.New("sqltext: the query cannot be prepared with its placeholders")

// NotBindableError reports a query that Rewrite cannot turn into a
// server-side prepared statement: a Format or Pyformat placeholder inside a
// string, quoted identifier or comment (the server binds parameters only
// where a value can stand in code), or a `?` in the code of a query of
// another style (the server would take it for a parameter).
type NotBindableError struct {
	Offset int    // byte offset in the query
	Reason string // what is there
}

// Error describes the problem.
func (e *NotBindableError) Error() string {
	return fmt.Sprintf("sqltext: cannot prepare the query: %s at byte %d", e.Reason, e.Offset)
}

// Is reports whether target is ErrNotBindable.
func (e *NotBindableError) Is(target error) bool { return target == ErrNotBindable }

// Rewrite returns query with each placeholder of o.Style turned into the
// server's own `?`, for COM_STMT_PREPARE, and the names of the named
// placeholders in the order they appear (a name may repeat; nil for the
// positional styles). `%%` becomes `%` in Format and Pyformat styles. In
// Named style the candidates lookup knows are placeholders, as for
// Interpolate (a nil lookup takes every candidate).
//
// Question style needs no rewriting: the query comes back as it is.
//
// A Format or Pyformat placeholder inside a string, quoted identifier or
// comment, and a `?` in the code of a query of another style, are a
// *NotBindableError. Lexing errors are as for Interpolate.
func Rewrite(query string, o Options, lookup func(name string) (any, bool)) (string, []string, error) {
	if err := o.validate(); err != nil {
		return "", nil, err
	}
	if o.Style == Question {
		return query, nil, nil
	}
	if err := noQuestionMarks(query, o); err != nil {
		return "", nil, err
	}
	var names []string
	out := make([]byte, 0, len(query))
	copied := 0
	err := eachPlaceholder(query, o, lookupFunc(lookup), func(p placeholder) error {
		out = append(out, query[copied:p.start]...)
		copied = p.end
		switch {
		case p.kind == phPercent:
			out = append(out, '%')
			return nil
		case p.enclosed.in != "":
			return &NotBindableError{Offset: p.start, Reason: "a placeholder inside a " + p.enclosed.in}
		case p.kind == phNamed:
			names = append(names, p.name)
		}
		if p.afterExec {
			out = append(out, ' ')
		}
		out = append(out, '?')
		return nil
	})
	if err != nil {
		return "", nil, err
	}
	return string(append(out, query[copied:]...)), names, nil
}

// noQuestionMarks refuses a `?` in the code of a query whose style is not
// Question: once prepared, the server would read it as a parameter.
func noQuestionMarks(query string, o Options) error {
	q := o
	q.Style = Question
	return eachPlaceholder(query, q, noNames, func(p placeholder) error {
		return &NotBindableError{Offset: p.start, Reason: "a ? in the code of a " + o.Style.String() + " style query"}
	})
}
