package sqltext

import (
	"errors"
	"strings"
)

// SplitInsert finds the VALUES/VALUE tuple of a single INSERT or REPLACE
// statement, for executemany's rewrite of many argument rows into one
// multi-row statement: prefix + row(args 1) + "," + row(args 2) + … + suffix.
//
// prefix is everything up to the tuple (the keyword VALUES or VALUE and what
// follows it included); row is the "( … )" tuple with its placeholders;
// suffix is what follows the tuple (e.g. " AS new ON DUPLICATE KEY UPDATE b
// = new.b"), without the statement's terminating ';' and without trailing
// whitespace. prefix+row+suffix is the query cut at its terminating ';' (if
// any) with trailing whitespace removed. Each of the three parts is complete
// lexically (no string, comment or executable comment runs across them), so
// each can be interpolated on its own: prefix and suffix with no arguments
// (to turn `%%` into `%`), row once per argument row.
//
// ok is false, and the caller should run the statement once per argument row,
// unless the query is exactly:
//
//	INSERT|REPLACE [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] table
//	    [PARTITION (…)] [(columns)] VALUES|VALUE ( … )
//	    [AS alias [(columns)]] [ON DUPLICATE KEY UPDATE …] [;]
//
// with keywords in any case, comments and newlines anywhere, and only
// whitespace or comments after the ';'. It is also false when the tuple holds
// a subquery (SELECT), which a multi-row statement would evaluate
// differently, or lies in or across an executable comment; when a placeholder
// of o.Style lies outside the tuple (in Named style every `@name` and `:name`
// counts, since the names are not known here); and when the query does not
// lex (an unterminated string or comment, or a bad `%`). INSERT … SET,
// INSERT … SELECT, VALUES ROW(…), several tuples and RETURNING are not
// rewritten.
func SplitInsert(query string, o Options) (prefix, row, suffix string, ok bool) {
	if o.validate() != nil {
		return "", "", "", false
	}
	rowStart, rowEnd, stmtEnd, ok := parseInsert(newWords(query, o))
	if !ok || !placeholdersWithin(query, o, rowStart, rowEnd) {
		return "", "", "", false
	}
	return query[:rowStart], query[rowStart:rowEnd], strings.TrimRight(query[rowEnd:stmtEnd], whitespace), true
}

// parseInsert reads the statement SplitInsert accepts and returns the
// tuple's bounds and the end of the statement (its ';' or the query's end).
func parseInsert(w *words) (rowStart, rowEnd, stmtEnd int, ok bool) {
	it := w.next()
	if !w.isWord(it, "INSERT") && !w.isWord(it, "REPLACE") {
		return 0, 0, 0, false
	}
	it = w.next()
	for w.isWord(it, "LOW_PRIORITY") || w.isWord(it, "DELAYED") || w.isWord(it, "HIGH_PRIORITY") || w.isWord(it, "IGNORE") {
		it = w.next()
	}
	if w.isWord(it, "INTO") {
		it = w.next()
	}
	if !isName(it) { // table, or db.table
		return 0, 0, 0, false
	}
	if it = w.next(); w.isPunct(it, '.') {
		if it = w.next(); !isName(it) {
			return 0, 0, 0, false
		}
		it = w.next()
	}
	if w.isWord(it, "PARTITION") {
		if it = w.next(); !w.isPunct(it, '(') {
			return 0, 0, 0, false
		}
		if _, ok := w.closeGroup(nil); !ok {
			return 0, 0, 0, false
		}
		it = w.next()
	}
	if w.isPunct(it, '(') { // column list
		if _, ok := w.closeGroup(nil); !ok {
			return 0, 0, 0, false
		}
		it = w.next()
	}
	if !w.isWord(it, "VALUES") && !w.isWord(it, "VALUE") {
		return 0, 0, 0, false
	}
	if it = w.next(); !w.isPunct(it, '(') || w.inExec() {
		return 0, 0, 0, false
	}
	rowStart = it.start
	end, ok := w.closeGroup(func(it item) bool { return w.inExec() || w.isWord(it, "SELECT") })
	if !ok {
		return 0, 0, 0, false
	}
	rowEnd = end.end
	if stmtEnd, ok = parseInsertTail(w); !ok {
		return 0, 0, 0, false
	}
	return rowStart, rowEnd, stmtEnd, true
}

// parseInsertTail reads what may follow the tuple: a row alias, ON DUPLICATE
// KEY UPDATE, a ';' with nothing but comments after it. It returns the end
// of the statement.
func parseInsertTail(w *words) (stmtEnd int, ok bool) {
	it := w.next()
	if w.isWord(it, "AS") {
		if it = w.next(); !isName(it) {
			return 0, false
		}
		if it = w.next(); w.isPunct(it, '(') {
			if _, ok := w.closeGroup(nil); !ok {
				return 0, false
			}
			it = w.next()
		}
	}
	if w.isWord(it, "ON") {
		for _, kw := range [...]string{"DUPLICATE", "KEY", "UPDATE"} {
			if it = w.next(); !w.isWord(it, kw) {
				return 0, false
			}
		}
		for it = w.next(); it.kind != itemEnd && !w.isPunct(it, ';'); it = w.next() {
		}
	}
	switch {
	case it.kind == itemEnd:
		return it.start, w.err == nil
	case w.isPunct(it, ';') && !w.inExec():
		return it.start, w.next().kind == itemEnd && w.err == nil
	}
	return 0, false
}

// isName reports whether it can name a table or an alias.
func isName(it item) bool { return it.kind == itemWord || it.kind == itemQuoted }

// placeholdersWithin reports whether query lexes, has no bad `%`, and holds
// positional or named placeholders only within query[start:end], none in a
// conditional comment.
func placeholdersWithin(query string, o Options, start, end int) bool {
	return eachPlaceholder(query, o, nil, func(p placeholder) error {
		if p.kind != phPercent && (p.start < start || p.end > end) {
			return errOutside
		}
		return nil
	}) == nil
}

// errOutside stops placeholdersWithin; it never leaves the package.
var errOutside = errors.New("placeholder outside the tuple")
