package aiobob

import (
	"context"
	"database/sql"
	"errors"

	"github.com/stephenafamo/bob"
	"github.com/stephenafamo/scan"

	"github.com/aiomysql-go/aiomysql"
)

// Querier is what New runs bob's queries on: *aiomysql.Conn,
// aiomysql.PoolConn, *aiomysql.Pool and *aiomysql.Tx all are.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (*aiomysql.Rows, error)
	Exec(ctx context.Context, query string, args ...any) (aiomysql.Result, error)
}

// beginner is a Querier that starts transactions (all but *aiomysql.Tx).
type beginner interface {
	BeginTx(ctx context.Context, opts aiomysql.TxOptions) (*aiomysql.Tx, error)
}

// Executor is a bob.Executor and bob.Transactor over an aiomysql
// connection, pool or transaction. It is as safe for concurrent use as
// what it wraps (a Pool is, a Conn is not).
type Executor struct {
	q Querier
}

// Tx is a transaction begun by Executor.Begin, a bob.Transaction.
type Tx struct {
	Executor
	tx *aiomysql.Tx
}

var (
	_ Querier            = (*aiomysql.Conn)(nil)
	_ Querier            = aiomysql.PoolConn{}
	_ Querier            = (*aiomysql.Pool)(nil)
	_ Querier            = (*aiomysql.Tx)(nil)
	_ bob.Executor       = Executor{}
	_ bob.Transactor[Tx] = Executor{}
	_ bob.Transaction    = Tx{}
)

// ErrNoBegin is returned by Begin on an Executor whose Querier cannot
// start a transaction (an *aiomysql.Tx: use savepoints in SQL).
var ErrNoBegin = errors.New("aiobob: this executor cannot begin a transaction")

// New returns an Executor that runs bob's queries on q.
func New(q Querier) Executor { return Executor{q: q} }

// QueryContext runs a query for bob and returns its rows.
func (e Executor) QueryContext(ctx context.Context, query string, args ...any) (scan.Rows, error) {
	rows, err := e.q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return driverRows{rows}, nil
}

// ExecContext runs a statement for bob; aiomysql.Result is an sql.Result.
func (e Executor) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := e.q.Exec(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// Begin starts a transaction with default options (see
// aiomysql.Conn.BeginTx).
func (e Executor) Begin(ctx context.Context) (Tx, error) {
	b, ok := e.q.(beginner)
	if !ok {
		return Tx{}, ErrNoBegin
	}
	tx, err := b.BeginTx(ctx, aiomysql.TxOptions{})
	if err != nil {
		return Tx{}, err
	}
	return Tx{Executor: Executor{q: tx}, tx: tx}, nil
}

// Commit commits the transaction.
func (t Tx) Commit(ctx context.Context) error { return t.tx.Commit(ctx) }

// Rollback rolls the transaction back.
func (t Tx) Rollback(ctx context.Context) error { return t.tx.Rollback(ctx) }

// driverRows is an *aiomysql.Rows as scan.Rows.
type driverRows struct{ *aiomysql.Rows }

// Columns returns the column names, with the error scan.Rows has.
func (r driverRows) Columns() ([]string, error) { return r.Rows.Columns(), nil }
