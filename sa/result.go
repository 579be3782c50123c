package sa

import (
	"github.com/aiomysql-go/aiomysql"
)

// Result is what Execute returns, as aiomysql.sa's ResultProxy: for a
// statement without rows the counts the server reported (RowCount,
// LastRowID); for one with rows the rows, read from the connection as
// they are fetched (FetchOne, FetchMany, FetchAll, First, Scalar, All).
// A Result is not safe for concurrent use.
//
// The context given to Execute governs the reading of the rows. Once the
// Result's connection was closed or released, or Close was called, every
// fetch returns ErrResourceClosed.
type Result struct {
	conn        *Conn          // nil once detached from its connection (Engine.Execute)
	rows        *aiomysql.Rows // nil when every row was read from the server
	keys        *keys
	buf         []*Row // rows read from the server ahead of the reader
	returnsRows bool
	closed      bool
	err         error // the error that ended the rows, if any
	iterErr     error // the error that ended the last All
	read        int64 // rows read from the server
	rowCount    int64
	lastID      int64
}

// newResult makes the Result of a query's rows.
func newResult(c *Conn, rows *aiomysql.Rows) (*Result, error) {
	names := rows.Columns()
	if len(names) == 0 {
		// No rows: the counts are known now.
		if err := rows.Close(); err != nil {
			return nil, err
		}
		return resultOf(c, rows.Result()), nil
	}
	return &Result{conn: c, rows: rows, keys: newKeys(names, rows.ColumnTypes()), returnsRows: true, rowCount: -1}, nil
}

// resultOf makes the Result of a statement without rows.
func resultOf(c *Conn, r aiomysql.Result) *Result {
	n, _ := r.RowsAffected()
	id, _ := r.LastInsertID()
	return &Result{conn: c, rowCount: n, lastID: id}
}

// Keys returns the names of the result's columns, as aiomysql.sa's
// ResultProxy.keys(); nil for a statement without rows.
func (r *Result) Keys() []string {
	if r.keys == nil {
		return nil
	}
	return append([]string(nil), r.keys.names...)
}

// RowCount returns the number of rows the statement changed (for an
// executemany, of all its runs), as aiomysql.sa's ResultProxy.rowcount.
// For a statement with rows it is the number of rows, known once they
// were all read from the server (fetched to the end, or read ahead when
// another statement ran on the connection), and -1 before.
func (r *Result) RowCount() int64 { return r.rowCount }

// LastRowID returns the AUTO_INCREMENT value of the first row the
// statement inserted (as LAST_INSERT_ID() gives it), or 0, as
// aiomysql.sa's ResultProxy.lastrowid.
func (r *Result) LastRowID() int64 { return r.lastID }

// ReturnsRows reports whether the statement returned rows (a result set,
// even an empty one), as aiomysql.sa's ResultProxy.returns_rows.
func (r *Result) ReturnsRows() bool { return r.returnsRows }

// Closed reports whether the result is closed: by Close, by its
// connection's Close or release, or, for a statement without rows, from
// the start (as aiomysql.sa's ResultProxy.closed).
func (r *Result) Closed() bool { return r.closed || !r.returnsRows || r.conn.isReleased() }

// Close discards the rows not yet read and closes the result, as
// aiomysql.sa's ResultProxy.close; fetching from it then gives
// ErrResourceClosed. It is idempotent.
func (r *Result) Close() error {
	if r.closed {
		return nil
	}
	r.discard()
	return nil
}

// discard closes the result and its rows (in bounded time: see
// aiomysql.Rows.Close).
func (r *Result) discard() {
	r.closed = true
	r.buf = nil
	r.stop()
}

// stop closes the rows, when still open, and lets the connection go.
func (r *Result) stop() {
	if r.rows == nil {
		return
	}
	if err := r.rows.Close(); err != nil && r.err == nil {
		r.err = err
	}
	r.rows = nil
	if r.rowCount < 0 && r.err == nil {
		r.rowCount = r.read
	}
	if r.conn != nil && r.conn.open == r {
		r.conn.open = nil
	}
}

// detach reads the rows left on the server into memory, so that the
// connection is free; it returns the error that ended them.
func (r *Result) detach() error {
	for r.rows != nil {
		row, err := r.readRow()
		if err != nil {
			return err
		}
		if row == nil {
			break
		}
		r.buf = append(r.buf, row)
	}
	return r.err
}

// readRow reads the next row from the server: nil at the end.
func (r *Result) readRow() (*Row, error) {
	if r.rows == nil {
		return nil, r.err
	}
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil && r.err == nil {
			r.err = err
		}
		r.stop()
		return nil, r.err
	}
	vals, err := r.rows.Values()
	if err != nil {
		r.err = err
		r.stop()
		return nil, err
	}
	r.read++
	return &Row{keys: r.keys, vals: vals}, nil
}

// usable returns ErrResourceClosed when the result cannot be read.
func (r *Result) usable() error {
	switch {
	case r.closed:
		return errorf(ErrResourceClosed, "this result is closed")
	case r.conn.isReleased():
		return errorf(ErrResourceClosed, "this result's connection was closed or released")
	case !r.returnsRows:
		return errorf(ErrResourceClosed, "this result has no rows: the statement returned none")
	}
	return nil
}

// next returns the next row, nil at the end.
func (r *Result) next() (*Row, error) {
	if err := r.usable(); err != nil {
		return nil, err
	}
	if len(r.buf) > 0 {
		row := r.buf[0]
		r.buf[0] = nil
		r.buf = r.buf[1:]
		return row, nil
	}
	return r.readRow()
}
