package aiomysql

import "errors"

// Row is the result of QueryRow: the first row of a query, read on Scan.
type Row struct {
	rows *Rows
	pool PoolConn // the Pool's QueryRow: released by Scan
	use  uint64   // which use of rows (the connection's reused one) is this Row's
	err  error
}

// ErrNoRows is returned by Row.Scan when the query returned no row. It is
// database/sql's sql.ErrNoRows, so code written for database/sql keeps working.
var ErrNoRows = errNoRows

// Scan copies the first row's values into dest and discards the rest of the
// result. It returns ErrNoRows when there is no row.
func (r *Row) Scan(dest ...any) error {
	if r.pool.p != nil {
		// Released after the scan, when nothing touches the connection's
		// reused Rows any more.
		c := r.pool
		r.pool = PoolConn{}
		defer c.Release()
	}
	if r.err != nil {
		return r.err
	}
	rows := r.rows
	if rows.use != r.use {
		return errRowUsed
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

// errRowUsed is returned by Row.Scan after the connection ran another
// QueryRow: a Row's result is read once, before the next query.
var errRowUsed = errors.New("aiomysql: Row.Scan after the connection ran another QueryRow: scan a Row before the next QueryRow")

// errNoRow is returned by Rows.Scan when Next has not positioned it on a row.
var errNoRow = errors.New("aiomysql: Scan called without a row (call Next first, and check it returned true)")
