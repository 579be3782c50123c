package stdlib

import (
	"database/sql/driver"

	"github.com/aiomysql-go/aiomysql"
)

// Result is the driver's result of an Exec: the statement's, or with
// multiStatements=true each statement's. database/sql wraps it, so reach it
// through sql.Conn.Raw, as with go-sql-driver/mysql:
//
//	err := sqlConn.Raw(func(dc any) error {
//		res, err := dc.(driver.ExecerContext).ExecContext(ctx, "UPDATE a SET x=1; UPDATE b SET y=2", nil)
//		if err != nil {
//			return err
//		}
//		counts := res.(*stdlib.Result).AllRowsAffected()
//		...
//	})
type Result struct {
	results []aiomysql.Result
}

func (r *Result) last() aiomysql.Result {
	if len(r.results) == 0 {
		return aiomysql.Result{}
	}
	return r.results[len(r.results)-1]
}

// LastInsertId returns the last statement's insert id, as go-sql-driver does.
func (r *Result) LastInsertId() (int64, error) { return r.last().LastInsertID() } //nolint:revive // database/sql's spelling

// RowsAffected returns the last statement's affected rows, as go-sql-driver does.
func (r *Result) RowsAffected() (int64, error) { return r.last().RowsAffected() }

// AllRowsAffected returns every statement's affected rows, in order.
func (r *Result) AllRowsAffected() []int64 {
	out := make([]int64, len(r.results))
	for i, x := range r.results {
		out[i], _ = x.RowsAffected()
	}
	return out
}

// AllLastInsertIds returns every statement's insert id, in order.
func (r *Result) AllLastInsertIds() []int64 { //nolint:revive // go-sql-driver's spelling
	out := make([]int64, len(r.results))
	for i, x := range r.results {
		out[i], _ = x.LastInsertID()
	}
	return out
}

// Results returns the native results, one per statement.
func (r *Result) Results() []aiomysql.Result { return append([]aiomysql.Result(nil), r.results...) }

var _ driver.Result = (*Result)(nil)
