package aiomysql

import (
	"context"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// executeBulk runs ExecuteMany's query with COM_STMT_BULK_EXECUTE when the
// connection may (see Conn.ExecMany for when): its %s or %(name)s
// placeholders become ?, and every element of argsList must give a value
// for each. done is false, and nothing was sent, when the call is not for
// bulk execution; the caller then rewrites or loops as before.
//
// The results are the rewrite's: RowCount the sum of the affected rows
// (the server counts an ON DUPLICATE KEY UPDATE's rows as a multi-row
// INSERT does, 1 inserted, 2 updated, 0 unchanged), LastRowID the last
// command's insert id, which is its first row's. Where the rows fit one
// command and one multi-row statement, the usual case, that is the first
// row's id on both paths; a batch split under max_allowed_packet splits
// at other rows on each path (binary values are not the size of their
// literals), so the last command's first row differs.
func (cur *Cursor[R]) executeBulk(ctx context.Context, query string, argsList []any) (n int64, done bool, err error) {
	c := cur.conn
	style := manyStyle(argsList)
	if c.bulkOff || !c.pc.CanBulkExecute() || !sqltext.IsBulkDML(query, c.sqlOptions(style)) {
		return 0, false, nil
	}
	text, names := c.serverPlaceholders(query)
	if text == query || (names != nil) != (style == sqltext.Pyformat) {
		return 0, false, nil // no placeholders to bind, or not as the rows give them
	}
	rows := make([][]any, len(argsList))
	nargs := 0
	for i, args := range argsList {
		if names == nil {
			rows[i] = argArgs(args)
		} else if rows[i] = namedRow(names, args); rows[i] == nil {
			return 0, false, nil // the rewrite names what is missing
		}
		nargs += len(rows[i])
	}
	// Traced as one query, once it is sure to be sent.
	var trace *queryTrace
	br, ok, refused, err := c.bulkExec(ctx, text, rows, func() {
		trace = c.startTrace(ctx, query, nargs, QueryExecModeCacheStatement)
	})
	if !ok && err == nil {
		trace.end(c, refused, 0) // the rewrite's statements are traced themselves
		return 0, false, nil
	}
	trace.end(c, err, int64(br.Affected))
	cur.rowcount = int64(br.Affected)
	cur.lastID = int64(br.Last.LastInsertID)
	cur.warnings += int(br.Warnings)
	if err != nil {
		return cur.rowcount, true, err
	}
	cur.executed = query
	return cur.rowcount, true, nil
}

// namedRow is the values of one element of ExecuteMany's list for the
// named placeholders names, or nil when it gives none or lacks one.
func namedRow(names []string, args any) []any {
	lookup := namesOf(args)
	if lookup == nil {
		return nil
	}
	vals := make([]any, len(names))
	for i, n := range names {
		v, ok := lookup(n)
		if !ok {
			return nil
		}
		vals[i] = v
	}
	return vals
}
