package aiomysql

import "strconv"

// QueryExecMode says how Query, QueryRow and Exec send a statement that has
// arguments, as pgx's QueryExecMode does. Set the default in
// Config.DefaultQueryExecMode, or pass a mode as the first argument of one
// call:
//
//	rows, err := conn.Query(ctx, "SELECT * FROM t WHERE id = ?", aiomysql.QueryExecModeText, 42)
//
// A statement without arguments always goes as one text query (COM_QUERY):
// there is nothing to bind, and it costs one round trip in every mode.
type QueryExecMode int

// The execution modes. See the package documentation's "Execution modes"
// section for what each costs and why the default is the default.
const (
	// QueryExecModeDefault is the zero value: Config.DefaultQueryExecMode in
	// a call, QueryExecModeCacheStatement in a Config.
	QueryExecModeDefault QueryExecMode = iota
	// QueryExecModeCacheStatement prepares the statement once per
	// connection, keeps it in the connection's statement cache, and
	// executes it with its arguments in the binary protocol.
	QueryExecModeCacheStatement
	// QueryExecModePrepareExecute prepares the statement, executes it and
	// closes it, every call: for statements run once.
	QueryExecModePrepareExecute
	// QueryExecModeDirect is MariaDB's one-round-trip prepare and execute:
	// COM_STMT_PREPARE and a COM_STMT_EXECUTE of statement id 0xFFFFFFFF
	// written back to back; the statement is closed afterwards. It is one
	// round trip when the statement the connection prepared last is closed
	// (always, from one direct call to the next), else two (see "Execution
	// modes" for why). On a server without it (MySQL) it runs as
	// QueryExecModePrepareExecute.
	QueryExecModeDirect
	// QueryExecModeText writes the arguments into the text as escaped
	// literals and sends one COM_QUERY (client-side interpolation, as
	// aiomysql and go-sql-driver/mysql's interpolateParams do).
	QueryExecModeText
)

// String returns the mode's name, as tracers and logs show it.
func (m QueryExecMode) String() string {
	switch m {
	case QueryExecModeDefault:
		return "default"
	case QueryExecModeCacheStatement:
		return "cache_statement"
	case QueryExecModePrepareExecute:
		return "prepare_execute"
	case QueryExecModeDirect:
		return "direct"
	case QueryExecModeText:
		return "text"
	}
	return "QueryExecMode(" + strconv.Itoa(int(m)) + ")"
}

// FetchSize, as a leading argument of a prepared statement's Query (Stmt.Query,
// or Conn.Query in a prepared mode), reads the result through a server-side
// cursor, FetchSize rows per COM_STMT_FETCH, so that a result of any size
// streams with bounded memory on both sides. 0 (or less) means no cursor.
type FetchSize int

// callOptions are the options a call's leading arguments carry.
type callOptions struct {
	mode      QueryExecMode // QueryExecModeDefault when none was given
	fetchSize int           // 0: no server-side cursor
}

// splitOptions takes the options from the front of args: any number of
// QueryExecMode and FetchSize values, in any order; the rest are the
// statement's arguments.
func splitOptions(args []any) (callOptions, []any) {
	var o callOptions
	for len(args) > 0 {
		switch v := args[0].(type) {
		case QueryExecMode:
			o.mode = v
		case FetchSize:
			o.fetchSize = int(v)
		default:
			return o, args
		}
		args = args[1:]
	}
	return o, args
}
