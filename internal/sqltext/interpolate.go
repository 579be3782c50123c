package sqltext

// Interpolate appends query to dst with each placeholder of o.Style replaced
// by appendArg(dst, value), and returns the extended slice.
//
// Question and Format styles take positional args, one per placeholder in
// order; their count must match exactly (*ArgCountError otherwise, with both
// counts). Pyformat and Named styles take their values from named and no
// positional args. A Pyformat name named does not know is an
// *UnknownNameError; a Named candidate named does not know is left as it is
// (a user variable, say).
//
// Question and Named placeholders are recognised only in code: never in
// strings, quoted identifiers or comments. The content of an executable
// comment `/*! … */` is code and its placeholders count; a placeholder in
// one the server may skip (`/*!50700 … */` with a version, MariaDB's `/*M!
// … */`) is a *ConditionalCommentError.
//
// Format and Pyformat styles are Python's % over the whole text, as
// aiomysql applies it: `%%` becomes `%` and placeholders are filled in
// strings, quoted identifiers and comments too, except that a value whose
// literal could end the string, identifier or comment around its
// placeholder is an *EnclosedPlaceholderError (see the package
// documentation).
//
// Text other than placeholders is copied unchanged. appendArg must produce
// a complete SQL literal (a quoted and
// escaped string, a number, NULL) so that no argument can change where code,
// strings and comments lie; its errors, and ErrEmptyLiteral when it appends
// nothing, come back wrapped in an *ArgError.
//
// A value that would start right after an executable comment's opening
// marker (as in `/*!?*/`) gets a space before it, so that the server does not
// read a number as the comment's version.
//
// A query with no placeholders is copied in one append: nothing is
// allocated beyond dst's growth. On error the returned slice is dst as given.
//
// Callers that follow aiomysql send a query run with nil args unchanged,
// without calling Interpolate, so that a `%` in it needs no doubling; with
// Format or Pyformat and no args, Interpolate is Python's `query % ()`.
func Interpolate(dst []byte, query string, o Options, args []any, named func(name string) (any, bool),
	appendArg func(dst []byte, v any) ([]byte, error)) ([]byte, error) {
	if err := o.validate(); err != nil {
		return dst, err
	}
	orig := dst
	lookup := lookupFunc(named)
	if lookup == nil {
		lookup = noNames
	}
	copied, count := 0, 0 // query[:copied] is in dst; positional placeholders seen
	err := eachPlaceholder(query, o, lookup, func(p placeholder) error {
		if p.kind == phPositional {
			if count++; count > len(args) {
				return nil // keep counting for the error
			}
		}
		dst = append(dst, query[copied:p.start]...)
		copied = p.end
		if p.afterExec {
			dst = append(dst, ' ') // or /*!?*/ with 5 would read as version 5
		}
		var err error
		dst, err = appendPlaceholder(dst, p, count-1, args, named, appendArg)
		return err
	})
	if err != nil {
		return orig, err
	}
	if positional := o.Style == Question || o.Style == Format; !positional && len(args) > 0 || positional && count != len(args) {
		return orig, &ArgCountError{Want: count, Got: len(args)}
	}
	return append(dst, query[copied:]...), nil
}

// appendPlaceholder appends the value placeholder p stands for; index is the
// positional argument's index.
func appendPlaceholder(dst []byte, p placeholder, index int, args []any, named func(string) (any, bool),
	appendArg func([]byte, any) ([]byte, error)) ([]byte, error) {
	var err error
	switch p.kind {
	case phPercent:
		return append(dst, '%'), nil
	case phPositional:
		n := len(dst)
		if dst, err = appendValue(dst, args[index], appendArg); err != nil {
			return dst, &ArgError{Index: index, Err: err}
		}
		if !p.enclosed.holds(dst[n:]) {
			return dst, &EnclosedPlaceholderError{Offset: p.start, In: p.enclosed.in, Index: index}
		}
		return dst, nil
	}
	v, ok := p.value, p.hasValue
	if !ok && named != nil {
		v, ok = named(p.name)
	}
	if !ok {
		return dst, &UnknownNameError{Name: p.name, Offset: p.start}
	}
	n := len(dst)
	if dst, err = appendValue(dst, v, appendArg); err != nil {
		return dst, &ArgError{Index: -1, Name: p.name, Err: err}
	}
	if !p.enclosed.holds(dst[n:]) {
		return dst, &EnclosedPlaceholderError{Offset: p.start, In: p.enclosed.in, Index: -1, Name: p.name}
	}
	return dst, nil
}

// appendValue calls appendArg and refuses an empty literal, which could join
// the text around the placeholder into something else (`-?- x` into a
// comment).
func appendValue(dst []byte, v any, appendArg func([]byte, any) ([]byte, error)) ([]byte, error) {
	n := len(dst)
	dst, err := appendArg(dst, v)
	if err == nil && len(dst) == n {
		err = ErrEmptyLiteral
	}
	return dst, err
}

// Count returns the number of positional placeholders in query: `?` in
// Question style, `%s` in Format style, and 0 in Pyformat and Named styles,
// which take no positional arguments. It checks the query as Interpolate
// would: an unterminated string or comment, a `%` the style does not allow,
// or a placeholder in a conditional comment is an error.
func Count(query string, o Options) (int, error) {
	if err := o.validate(); err != nil {
		return 0, err
	}
	count := 0
	err := eachPlaceholder(query, o, noNames, func(p placeholder) error {
		if p.kind == phPositional {
			count++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return count, nil
}

// noNames is the lookup of a caller that gave no names.
func noNames(string) (any, bool) { return nil, false }
