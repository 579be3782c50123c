package stdlib

import (
	"database/sql/driver"
	"io"
	"math"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// rows is a result read for database/sql.
type rows struct {
	conn   *conn
	r      *aiomysql.Rows // &native while open, nil once closed
	native aiomysql.Rows
	cols   []aiomysql.ColumnType
	names  []string
	plan   []valuePlan // how Next reads each column
	// The typed plans decode here (a local would escape to the heap).
	u uint64
	i int64
	f float64
	t time.Time
}

// valuePlan is how Next reads a column into a driver.Value.
type valuePlan uint8

const (
	planDecode   valuePlan = iota // the native value, made go-sql-driver's (driverValue)
	planRaw                       // the bytes as sent, aliased: text, DECIMAL, JSON, blobs
	planUnsigned                  // an unsigned integer, decoded unboxed, then as int64
	planSigned                    // a signed integer, decoded unboxed, boxed once as int64
	planDouble                    // a DOUBLE, decoded unboxed, boxed once
	planTime                      // a DATE, DATETIME or TIMESTAMP with parseTime, boxed once
)

// planFor is the plan for a column: the bytes themselves where the native
// value would be those bytes as a string or []byte, so that a value costs
// no copy (database/sql copies what it keeps).
func planFor(ct *aiomysql.ColumnType, parseTime bool) valuePlan {
	switch ct.TypeCode {
	case typeVarChar, typeVarString, typeString, typeTinyBlob, typeMediumBlob, typeLongBlob, typeBlob,
		typeJSON, typeGeometry, typeDecimal, typeNewDecimal, typeEnum, typeSet:
		return planRaw
	case typeTiny, typeShort, typeInt24, typeLong, typeLongLong:
		if ct.Unsigned {
			return planUnsigned
		}
		return planSigned
	case typeDouble:
		return planDouble
	case typeDate, typeNewDate, typeDateTime, typeTimestamp:
		if parseTime {
			return planTime
		}
	}
	return planDecode
}

// takeRows returns the rows the connection last closed, or new ones:
// database/sql calls nothing on a driver.Rows after its Close, so a query
// through a connection reuses one rows, its native Rows (see
// aiomysql.Conn.QueryInto), column types and plan.
func (c *conn) takeRows() *rows {
	rs := c.spare
	if rs == nil {
		rs = &rows{conn: c}
	}
	c.spare = nil
	return rs
}

// started describes rs's result, which its native Rows has begun reading.
func (rs *rows) started() *rows {
	rs.r = &rs.native
	rs.describe()
	return rs
}

// describe reads the current result set's columns.
func (rs *rows) describe() {
	clear(rs.cols) // no strings of the last result kept alive
	rs.cols = rs.r.AppendColumnTypes(rs.cols[:0])
	rs.names = rs.r.Columns()
	rs.plan = rs.plan[:0]
	for i := range rs.cols {
		rs.plan = append(rs.plan, planFor(&rs.cols[i], rs.conn.opts.parseTime))
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

// Close discards what is left, in bounded time (see aiomysql.Rows.Close),
// and leaves rs to the connection's next query.
func (rs *rows) Close() error {
	if rs.r == nil {
		return nil
	}
	err := rs.r.Close()
	rs.r = nil
	rs.conn.spare = rs
	return err
}

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
	case planSigned, planDouble, planTime:
		if b, err := rs.r.RawValue(i); b == nil || err != nil {
			return nil, err
		}
		if v, ok := rs.typed(i); ok {
			return v, nil
		}
		// What the typed read refused (a zero date, say) is decoded as
		// the natural value, whose error (or value) then stands.
	}
	v, err := rs.r.Value(i)
	if err != nil {
		return nil, err
	}
	return rs.driverValue(i, v), nil
}

// typed reads column i, of a typed plan, into its unboxed field and boxes
// it once; false when the column does not scan that way.
func (rs *rows) typed(i int) (driver.Value, bool) {
	switch rs.plan[i] {
	case planSigned:
		if rs.r.ScanColumn(i, &rs.i) == nil {
			return rs.i, true
		}
	case planDouble:
		if rs.r.ScanColumn(i, &rs.f) == nil {
			return rs.f, true
		}
	case planTime:
		if rs.r.ScanColumn(i, &rs.t) == nil {
			return rs.t, true
		}
	}
	return nil, false
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
