package stdlib

import (
	"database/sql/driver"
	"io"

	"github.com/aiomysql-go/aiomysql"
)

// rows is a result read for database/sql.
type rows struct {
	conn  *conn
	r     *aiomysql.Rows
	cols  []aiomysql.ColumnType
	names []string
}

func newRows(c *conn, r *aiomysql.Rows) *rows {
	rs := &rows{conn: c, r: r}
	rs.describe()
	return rs
}

// describe reads the current result set's columns.
func (rs *rows) describe() {
	rs.cols = rs.r.ColumnTypes()
	rs.names = rs.r.Columns()
	if rs.conn.opts.columnsWithAlias {
		names := make([]string, len(rs.cols))
		for i, ct := range rs.cols {
			names[i] = ct.Name
			if ct.Table != "" {
				names[i] = ct.Table + "." + ct.Name
			}
		}
		rs.names = names
	}
}

// Columns returns the column names (table.column with columnsWithAlias).
func (rs *rows) Columns() []string { return rs.names }

// Close discards what is left, in bounded time (see aiomysql.Rows.Close).
func (rs *rows) Close() error { return rs.r.Close() }

// Next reads the next row into dest.
func (rs *rows) Next(dest []driver.Value) error {
	if !rs.r.Next() {
		if err := rs.r.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	for i := range dest {
		v, err := rs.r.Value(i) // straight into dest: no slice per row
		if err != nil {
			return err
		}
		dest[i] = rs.driverValue(i, v)
	}
	return nil
}

// HasNextResultSet reports whether another result follows.
func (rs *rows) HasNextResultSet() bool { return rs.r.HasNextResultSet() }

// NextResultSet moves to the next result; io.EOF when there is none.
func (rs *rows) NextResultSet() error {
	if !rs.r.NextResultSet() {
		if err := rs.r.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	rs.describe()
	return nil
}

var (
	_ driver.Rows                           = (*rows)(nil)
	_ driver.RowsNextResultSet              = (*rows)(nil)
	_ driver.RowsColumnTypeDatabaseTypeName = (*rows)(nil)
	_ driver.RowsColumnTypeLength           = (*rows)(nil)
	_ driver.RowsColumnTypeNullable         = (*rows)(nil)
	_ driver.RowsColumnTypePrecisionScale   = (*rows)(nil)
	_ driver.RowsColumnTypeScanType         = (*rows)(nil)
)
