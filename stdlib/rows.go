package stdlib

import (
	"database/sql/driver"
	"io"
	"math"

	"github.com/aiomysql-go/aiomysql"
)

// rows is a result read for database/sql.
type rows struct {
	conn  *conn
	r     *aiomysql.Rows
	cols  []aiomysql.ColumnType
	names []string
	plan  []valuePlan // how Next reads each column
	u     uint64      // planUnsigned decodes here (a local would escape to the heap)
}

// valuePlan is how Next reads a column into a driver.Value.
type valuePlan uint8

const (
	planDecode   valuePlan = iota // the native value, made go-sql-driver's (driverValue)
	planRaw                       // the bytes as sent, aliased: text, DECIMAL, JSON, blobs
	planUnsigned                  // an unsigned integer, decoded unboxed, then as int64
)

// planFor is the plan for a column: the bytes themselves where the native
// value would be those bytes as a string or []byte, so that a value costs
// no copy (database/sql copies what it keeps).
func planFor(ct *aiomysql.ColumnType) valuePlan {
	switch ct.TypeCode {
	case typeVarChar, typeVarString, typeString, typeTinyBlob, typeMediumBlob, typeLongBlob, typeBlob,
		typeJSON, typeGeometry, typeDecimal, typeNewDecimal, typeEnum, typeSet:
		return planRaw
	case typeTiny, typeShort, typeInt24, typeLong, typeLongLong:
		if ct.Unsigned {
			return planUnsigned
		}
	}
	return planDecode
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
	rs.plan = rs.plan[:0]
	for i := range rs.cols {
		rs.plan = append(rs.plan, planFor(&rs.cols[i]))
	}
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
	// Each value goes straight into dest: no slice per row, and at most
	// the one allocation of boxing it.
	for i := range dest {
		v, err := rs.value(i)
		if err != nil {
			return err
		}
		dest[i] = v
	}
	return nil
}

// value reads column i of the current row as its plan says.
func (rs *rows) value(i int) (driver.Value, error) {
	switch rs.plan[i] {
	case planRaw:
		b, err := rs.r.RawValue(i)
		if b == nil || err != nil {
			return nil, err
		}
		return b, nil
	case planUnsigned:
		if b, err := rs.r.RawValue(i); b == nil || err != nil {
			return nil, err
		}
		if err := rs.r.ScanColumn(i, &rs.u); err != nil {
			return nil, err
		}
		if rs.u <= math.MaxInt64 {
			return int64(rs.u), nil
		}
		return rs.u, nil
	}
	v, err := rs.r.Value(i)
	if err != nil {
		return nil, err
	}
	return rs.driverValue(i, v), nil
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
