package main

import (
	"fmt"
	"go/token"
	"strings"
)

// goName turns an error macro into the name of its Go constant: the ER_
// prefix goes, each remaining word is capitalised (DUP_ENTRY → DupEntry),
// and the initialisms isInitialism knows stay in capitals, alone or plural
// (BAD_DB_ERROR → BadDBError, TOO_MANY_DBS → TooManyDBs). WARN_ names keep
// their first word: WARN_DATA_TRUNCATED → WarnDataTruncated.
func goName(macro string) (string, error) {
	rest := strings.TrimPrefix(macro, "ER_")
	var b strings.Builder
	for word := range strings.SplitSeq(rest, "_") {
		switch {
		case word == "":
			return "", fmt.Errorf("%s: empty word", macro)
		case isInitialism(word):
			b.WriteString(word)
		case len(word) > 2 && word[len(word)-1] == 'S' && isInitialism(word[:len(word)-1]):
			b.WriteString(word[:len(word)-1])
			b.WriteByte('s')
		default:
			b.WriteString(word[:1])
			b.WriteString(strings.ToLower(word[1:]))
		}
	}
	name := b.String()
	if !token.IsIdentifier(name) || !token.IsExported(name) {
		return "", fmt.Errorf("%s: %q is not an exported Go identifier", macro, name)
	}
	return name, nil
}

// isInitialism reports whether word is one of the initialisms that keep
// their capitals in Go names. The list is short on purpose: only the ones a
// reader knows at sight.
func isInitialism(word string) bool {
	switch word {
	case "DB", "DDL", "EOF", "FK", "GIS", "GTID", "ID", "IO", "JSON", "PK",
		"SF", "SP", "SQL", "SSL", "TTL", "UDF", "XA":
		return true
	}
	return false
}
