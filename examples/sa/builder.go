package main

import (
	"strings"

	"github.com/aiomysql-go/aiomysql"
)

// table is the example's stand-in for SQLAlchemy's Table and for a query
// builder: its queries have squirrel's method shape, ToSql, which is all
// sa.Conn.Execute asks of a builder.
type table struct {
	name    string
	columns []string
}

func newTable(name string, columns ...string) table {
	return table{name: name, columns: columns}
}

// insert is an INSERT of one row, as tbl.insert().values(...).
type insert struct {
	tbl    table
	cols   []string
	values []any
}

// Insert starts an INSERT into the table.
func (t table) Insert() insert { return insert{tbl: t} }

// Values adds a column and its value to the row.
func (q insert) Values(col string, v any) insert {
	q.cols = append(append([]string(nil), q.cols...), col)
	q.values = append(append([]any(nil), q.values...), v)
	return q
}

// ToSql gives the INSERT with ? placeholders and its arguments.
func (q insert) ToSql() (string, []any, error) { //nolint:revive // squirrel's spelling
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(q.cols)), ", ")
	return "INSERT INTO " + aiomysql.QuoteIdentifier(q.tbl.name) + " (" + quoted(q.cols) + ") VALUES (" + marks + ")", q.values, nil
}

// selectAll is a SELECT of every column, as tbl.select().
type selectAll struct{ tbl table }

// Select starts a SELECT of the table's columns.
func (t table) Select() selectAll { return selectAll{tbl: t} }

// ToSql gives the SELECT.
func (q selectAll) ToSql() (string, []any, error) { //nolint:revive // squirrel's spelling
	return "SELECT " + quoted(q.tbl.columns) + " FROM " + aiomysql.QuoteIdentifier(q.tbl.name) + " ORDER BY 1", nil, nil
}

// quoted joins the names, each quoted as an identifier.
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = aiomysql.QuoteIdentifier(n)
	}
	return strings.Join(q, ", ")
}
