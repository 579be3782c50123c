package aiobob

import (
	"context"
	"database/sql"

	"github.com/stephenafamo/bob"
	"github.com/stephenafamo/scan"

	"github.com/aiomysql-go/aiomysql/sa"
)

// SA is a bob.Executor and bob.Transactor over an sa.Conn: bob's queries
// go through sa.Conn.Execute. Like the Conn, it is not safe for
// concurrent use.
type SA struct {
	c *sa.Conn
}

// SATx is a transaction begun by SA.Begin, a bob.Transaction over an
// sa.Tx.
type SATx struct {
	SA
	tx *sa.Tx
}

var (
	_ bob.Executor         = SA{}
	_ bob.Transactor[SATx] = SA{}
	_ bob.Transaction      = SATx{}
)

// NewSA returns an executor that runs bob's queries on c.
func NewSA(c *sa.Conn) SA { return SA{c: c} }

// QueryContext runs a query for bob and returns its rows.
func (s SA) QueryContext(ctx context.Context, query string, args ...any) (scan.Rows, error) {
	res, err := s.c.Execute(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return &saRows{res: res}, nil
}

// ExecContext runs a statement for bob.
func (s SA) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := s.c.Execute(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	_ = res.Close() // rows, if any, are not wanted
	return saResult{res}, nil
}

// Begin starts a transaction on the Conn: a root one (sa.Conn.Begin), or a
// nested one on a savepoint (sa.Conn.BeginNested) when one is active.
func (s SA) Begin(ctx context.Context) (SATx, error) {
	begin := s.c.Begin
	if s.c.InTransaction() {
		begin = s.c.BeginNested
	}
	tx, err := begin(ctx)
	if err != nil {
		return SATx{}, err
	}
	return SATx{SA: s, tx: tx}, nil
}

// Commit commits the transaction (sa.Tx.Commit).
func (t SATx) Commit(ctx context.Context) error { return t.tx.Commit(ctx) }

// Rollback rolls the transaction back (sa.Tx.Rollback).
func (t SATx) Rollback(ctx context.Context) error { return t.tx.Rollback(ctx) }

// saRows is an sa.Result as scan.Rows.
type saRows struct {
	res *sa.Result
	row *sa.Row
	err error
}

// Next fetches the next row; false at the end or on an error (Err).
func (r *saRows) Next() bool {
	if r.err != nil {
		return false
	}
	r.row, r.err = r.res.FetchOne()
	return r.row != nil
}

// Scan stores the current row into dest (sa.Row.Scan).
func (r *saRows) Scan(dest ...any) error {
	if r.row == nil {
		return sql.ErrNoRows
	}
	return r.row.Scan(dest...)
}

// Columns returns the column names.
func (r *saRows) Columns() ([]string, error) { return r.res.Keys(), nil }

// Close closes the result.
func (r *saRows) Close() error { return r.res.Close() }

// Err returns the error that ended Next, if any.
func (r *saRows) Err() error { return r.err }

// saResult is an sa.Result as sql.Result.
type saResult struct{ res *sa.Result }

// LastInsertId returns the result's LastRowID.
func (r saResult) LastInsertId() (int64, error) { return r.res.LastRowID(), nil }

// RowsAffected returns the result's RowCount.
func (r saResult) RowsAffected() (int64, error) { return r.res.RowCount(), nil }
