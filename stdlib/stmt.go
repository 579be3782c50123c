package stdlib

import (
	"context"
	"database/sql/driver"
	"errors"

	"github.com/aiomysql-go/aiomysql"
)

// stmt is a statement prepared on the server for database/sql.
type stmt struct {
	conn   *conn
	s      *aiomysql.Stmt
	closed bool
}

// Close deallocates the statement (no round trip: COM_STMT_CLOSE rides with
// the next command).
func (s *stmt) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	err := s.s.Close()
	if errors.Is(err, aiomysql.ErrConnReleased) {
		return nil // the pool's reset deallocated it
	}
	return err
}

// NumInput returns the number of placeholders.
func (s *stmt) NumInput() int { return s.s.ParamCount() }

// Exec is ExecContext without a context.
func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), valuesToNamed(args))
}

// Query is QueryContext without a context.
func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), valuesToNamed(args))
}

// ExecContext executes the statement.
func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	a, err := nativeArgs(args)
	if err != nil {
		return nil, err
	}
	res, err := s.s.Exec(ctx, a...)
	if err != nil {
		return nil, s.conn.mapErr(err)
	}
	return &Result{results: []aiomysql.Result{res}}, nil
}

// QueryContext executes the statement and returns its rows.
func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	a, err := nativeArgs(args)
	if err != nil {
		return nil, err
	}
	rs := s.conn.takeRows()
	if _, err := s.s.QueryInto(ctx, &rs.native, a...); err != nil {
		s.conn.spare = rs
		return nil, s.conn.mapErr(err)
	}
	return rs.started(), nil
}

// CheckNamedValue accepts every argument as it is (see conn.CheckNamedValue).
func (s *stmt) CheckNamedValue(*driver.NamedValue) error { return nil }

func valuesToNamed(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, v := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

var (
	_ driver.Stmt              = (*stmt)(nil)
	_ driver.StmtExecContext   = (*stmt)(nil)
	_ driver.StmtQueryContext  = (*stmt)(nil)
	_ driver.NamedValueChecker = (*stmt)(nil)
)
