package stdlib

import (
	"context"
	"database/sql/driver"

	"github.com/aiomysql-go/aiomysql"
)

// QueryContext runs query in the connection's execution mode
// (Config.DefaultQueryExecMode; interpolateParams=true in a DSN means text).
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	a, err := nativeArgs(args)
	if err != nil {
		return nil, err
	}
	r, err := c.c.Query(ctx, query, a...)
	if err != nil {
		return nil, mapErr(err)
	}
	return newRows(c, r), nil
}

// ExecContext runs query and reports its result. With multiStatements on,
// every statement's result is kept (Result.AllRowsAffected).
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	a, err := nativeArgs(args)
	if err != nil {
		return nil, err
	}
	if !c.opts.multiStatements {
		res, err := c.c.Exec(ctx, query, a...)
		if err != nil {
			return nil, mapErr(err)
		}
		return &Result{results: []aiomysql.Result{res}}, nil
	}
	r, err := c.c.Query(ctx, query, a...)
	if err != nil {
		return nil, mapErr(err)
	}
	return collectResults(r)
}

// collectResults reads every result of a multi-statement reply.
func collectResults(r *aiomysql.Rows) (*Result, error) {
	var out Result
	for {
		for r.Next() {
		}
		if r.Err() != nil {
			break
		}
		out.results = append(out.results, r.Result())
		if !r.NextResultSet() {
			break
		}
	}
	if err := r.Close(); err != nil {
		return &out, err
	}
	return &out, nil
}
