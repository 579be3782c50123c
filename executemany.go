package aiomysql

import (
	"context"
	"fmt"
	"strings"

	"github.com/aiomysql-go/aiomysql/internal/sqltext"
)

// ExecuteMany runs query once for each element of argsList, as aiomysql's
// executemany. An INSERT or REPLACE with a VALUES tuple (with or without ON
// DUPLICATE KEY UPDATE and a row alias) is rewritten into multi-row
// statements, each as large as max_allowed_packet allows, so 10,000 rows take
// a handful of round trips instead of 10,000. Other statements run one by
// one. Each element of argsList is a []any (for %s) or a NamedArgs (for
// %(name)s). It returns the total of affected rows.
func (cur *Cursor[R]) ExecuteMany(ctx context.Context, query string, argsList []any) (int64, error) {
	if err := cur.reset(); err != nil {
		return 0, err
	}
	if len(argsList) == 0 {
		return 0, nil
	}
	style := sqltext.Format
	if isNamed(argsList[0]) {
		style = sqltext.Pyformat
	}
	o := cur.conn.sqlOptions(style)
	if prefix, row, suffix, ok := sqltext.SplitInsert(query, o); ok {
		return cur.executeMulti(ctx, query, prefix, row, suffix, style, argsList)
	}
	var total int64
	for _, args := range argsList {
		n, err := cur.Execute(ctx, query, argArgs(args)...)
		if err != nil {
			return total, err
		}
		total += n
	}
	cur.rowcount = total
	return total, nil
}

// argArgs turns one element of ExecuteMany's list into Execute's arguments.
func argArgs(args any) []any {
	switch a := args.(type) {
	case []any:
		return a
	case nil:
		return nil
	}
	return []any{args}
}

// executeMulti sends the rows as multi-row statements under the packet limit.
func (cur *Cursor[R]) executeMulti(ctx context.Context, query, prefix, row, suffix string, style sqltext.Style, argsList []any) (int64, error) {
	limit := cur.conn.pc.MaxPacket() - 1 // the command byte
	var (
		total int64
		stmt  strings.Builder
		rows  int
	)
	flush := func() error {
		if rows == 0 {
			return nil
		}
		stmt.WriteString(suffix)
		res, err := cur.conn.exec(ctx, stmt.String(), style, nil)
		if err != nil {
			return err
		}
		total += int64(res.affected)
		cur.lastID = int64(res.insertID)
		cur.warnings += res.Warnings()
		stmt.Reset()
		rows = 0
		return nil
	}
	for i, args := range argsList {
		values, err := cur.conn.interpolate(row, style, argArgs(args))
		if err != nil {
			return total, fmt.Errorf("aiomysql: executemany row %d: %w", i, err)
		}
		if rows > 0 && stmt.Len()+1+len(values)+len(suffix) > limit {
			if err := flush(); err != nil {
				return total, err
			}
		}
		if rows == 0 {
			stmt.WriteString(prefix)
		} else {
			stmt.WriteByte(',')
		}
		stmt.WriteString(values)
		rows++
	}
	if err := flush(); err != nil {
		return total, err
	}
	cur.executed = query
	cur.rowcount = total
	return total, nil
}
