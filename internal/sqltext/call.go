package sqltext

// IsCall reports whether query is a CALL statement: its first word, past
// whitespace and comments, is the keyword CALL (in any case). A query that
// does not lex is not one.
func IsCall(query string, o Options) bool {
	if o.validate() != nil {
		return false
	}
	w := newWords(query, o)
	return w.isWord(w.next(), "CALL")
}
