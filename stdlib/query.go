package stdlib

import (
	"context"
	"database/sql/driver"
	"io"
	"strings"

	"github.com/aiomysql-go/aiomysql"
)

// QueryContext runs query in the connection's execution mode
// (Config.DefaultQueryExecMode; interpolateParams=true in a DSN means text).
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	a, err := c.callArgs(args)
	if err != nil {
		return nil, err
	}
	rs := c.takeRows()
	if _, err := c.c.QueryInto(ctx, &rs.native, query, a...); err != nil {
		c.spare = rs
		return nil, c.mapErr(err)
	}
	return rs.started(), nil
}

// ExecContext runs query and reports its result. With multiStatements on,
// every statement's result is kept (Result.AllRowsAffected).
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	a, err := c.callArgs(args)
	if err != nil {
		return nil, err
	}
	if h, ok := readerHandler(query); ok {
		return c.loadReader(ctx, h, query, a)
	}
	if !c.opts.multiStatements {
		res, err := c.c.Exec(ctx, query, a...)
		if err != nil {
			return nil, c.mapErr(err)
		}
		return &Result{results: []aiomysql.Result{res}}, nil
	}
	r, err := c.c.Query(ctx, query, a...)
	if err != nil {
		return nil, c.mapErr(err)
	}
	res, err := collectResults(r)
	return res, c.mapErr(err)
}

// callArgs is nativeArgs with the execution mode first when
// interpolateParams is on (QueryExecModeText: the arguments are written into
// the text, escaped for the session's character set and sql_mode).
func (c *conn) callArgs(args []driver.NamedValue) ([]any, error) {
	a, err := nativeArgs(args)
	if err != nil || !c.opts.interpolate || len(a) == 0 {
		return a, err
	}
	return append([]any{aiomysql.QueryExecModeText}, a...), nil
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

// readerHandler finds LOAD DATA LOCAL INFILE 'Reader::name' whose name is
// registered with RegisterReaderHandler.
func readerHandler(query string) (func() io.Reader, bool) {
	i := strings.Index(query, "'Reader::")
	if i < 0 {
		return nil, false
	}
	name, _, ok := strings.Cut(query[i+len("'Reader::"):], "'")
	if !ok {
		return nil, false
	}
	return registeredReader(name)
}

// loadReader runs a LOAD DATA LOCAL INFILE statement with the data of h.
func (c *conn) loadReader(ctx context.Context, h func() io.Reader, query string, args []any) (driver.Result, error) {
	r := h()
	if cl, ok := r.(io.Closer); ok {
		defer cl.Close()
	}
	res, err := c.c.LoadData(ctx, r, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	return &Result{results: []aiomysql.Result{res}}, nil
}
