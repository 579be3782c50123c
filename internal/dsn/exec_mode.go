package dsn

import (
	"strconv"
	"strings"
)

// QueryExecMode is aiomysql.QueryExecMode's value, the DSN's
// defaultQueryExecMode: how a statement with arguments is sent.
type QueryExecMode int

// The modes, with the numbers aiomysql.QueryExecMode gives them.
const (
	ExecModeDefault        QueryExecMode = iota // the default (cache_statement)
	ExecModeCacheStatement                      // a cached prepared statement
	ExecModePrepareExecute                      // prepare, execute, close
	ExecModeDirect                              // MariaDB's one-round-trip prepare and execute
	ExecModeText                                // client-side interpolation
)

// DefaultStatementCacheCapacity is the number of prepared statements a
// connection keeps (see aiomysql.Config.StatementCacheCapacity for why).
const DefaultStatementCacheCapacity = 64

// DefaultLongDataThreshold is the parameter size, in bytes, above which a
// prepared statement's value is sent with COM_STMT_SEND_LONG_DATA (see
// aiomysql.Config.LongDataThreshold for why): 1 MiB.
const DefaultLongDataThreshold = 1 << 20

// String returns the mode's DSN name: "default", "cache_statement",
// "prepare_execute", "direct" or "text"; "QueryExecMode(n)" for another
// number.
func (m QueryExecMode) String() string {
	switch m {
	case ExecModeDefault:
		return "default"
	case ExecModeCacheStatement:
		return "cache_statement"
	case ExecModePrepareExecute:
		return "prepare_execute"
	case ExecModeDirect:
		return "direct"
	case ExecModeText:
		return "text"
	}
	return "QueryExecMode(" + strconv.Itoa(int(m)) + ")"
}

// Valid reports whether m is one of the named modes.
func (m QueryExecMode) Valid() bool { return m >= ExecModeDefault && m <= ExecModeText }

// ParseQueryExecMode reads a mode by its String name, in any case, with '-'
// or '_' or neither between words. A bad name gives a *FieldError for
// DefaultQueryExecMode.
func ParseQueryExecMode(s string) (QueryExecMode, error) {
	switch strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) {
	case "default", "":
		return ExecModeDefault, nil
	case "cachestatement":
		return ExecModeCacheStatement, nil
	case "prepareexecute":
		return ExecModePrepareExecute, nil
	case "direct":
		return ExecModeDirect, nil
	case "text":
		return ExecModeText, nil
	}
	return ExecModeDefault, &FieldError{Field: "DefaultQueryExecMode", Reason: "unknown execution mode " + QuoteShort(s) +
		" (want cache_statement, prepare_execute, direct or text)"}
}
