package sqltext

// IsBulkDML reports whether query is a statement that MariaDB's bulk
// execution (COM_STMT_BULK_EXECUTE) runs with the same meaning as one
// execute per row: its first word, past whitespace and comments, is INSERT,
// REPLACE, UPDATE or DELETE, and no SELECT (INSERT ... SELECT, a subquery,
// which the server refuses in bulk or might read once for all rows) or
// RETURNING (a result set, which bulk execution cannot return) appears in
// its code. A query that does not lex is not one.
func IsBulkDML(query string, o Options) bool {
	if o.validate() != nil {
		return false
	}
	w := newWords(query, o)
	first := w.next()
	if !w.isWord(first, "INSERT") && !w.isWord(first, "REPLACE") && !w.isWord(first, "UPDATE") && !w.isWord(first, "DELETE") {
		return false
	}
	for it := w.next(); it.kind != itemEnd; it = w.next() {
		if w.isWord(it, "SELECT") || w.isWord(it, "RETURNING") {
			return false
		}
	}
	return w.err == nil
}
