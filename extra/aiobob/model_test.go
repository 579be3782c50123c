package aiobob_test

import (
	"context"
	"io"

	"github.com/stephenafamo/bob"
	"github.com/stephenafamo/bob/dialect/mysql"
	"github.com/stephenafamo/bob/dialect/mysql/dialect"
	"github.com/stephenafamo/bob/dialect/mysql/um"
	"github.com/stephenafamo/bob/expr"
)

// A model of the table bob_tbl written by hand in the shape of
// bobgen-mysql v0.41's output (types, setter, table): a row type, a setter
// whose Apply runs the insert hooks and appends the values, and the table.
// The models bobgen-mysql really generated, for users and posts, are in
// package models (generated_test.go).

// Tbl is one row of bob_tbl.
type Tbl struct {
	ID  int32  `db:"id,pk,autoincr"`
	Val string `db:"val"`
}

// TblSlice is a slice of rows, as bobgen names it.
type TblSlice []*Tbl

// TblSetter sets the columns of an insert or update.
type TblSetter struct {
	ID  *int32  `db:"id,pk,autoincr"`
	Val *string `db:"val"`
}

// SetColumns returns the columns the setter sets.
func (s TblSetter) SetColumns() []string {
	vals := make([]string, 0, 2)
	if s.ID != nil {
		vals = append(vals, "id")
	}
	if s.Val != nil {
		vals = append(vals, "val")
	}
	return vals
}

// Apply adds the setter's values to an insert.
func (s *TblSetter) Apply(q *dialect.InsertQuery) {
	q.AppendHooks(func(ctx context.Context, exec bob.Executor) (context.Context, error) {
		return Tbls.BeforeInsertHooks.RunHooks(ctx, exec, s)
	})
	q.AppendValues(bob.ExpressionFunc(func(ctx context.Context, w io.Writer, d bob.Dialect, start int) ([]any, error) {
		vals := make([]bob.Expression, 2)
		if s.ID != nil {
			vals[0] = mysql.Arg(*s.ID)
		} else {
			vals[0] = mysql.Raw("DEFAULT")
		}
		if s.Val != nil {
			vals[1] = mysql.Arg(*s.Val)
		} else {
			vals[1] = mysql.Raw("DEFAULT")
		}
		return bob.ExpressSlice(ctx, w, d, start, vals, "", ", ", "")
	}))
}

// UpdateMod returns the SET clause of an update.
func (s TblSetter) UpdateMod() bob.Mod[*dialect.UpdateQuery] {
	return um.Set(s.Expressions()...)
}

// Expressions returns col = value for each column set.
func (s TblSetter) Expressions(prefix ...string) []bob.Expression {
	exprs := make([]bob.Expression, 0, 2)
	if s.ID != nil {
		exprs = append(exprs, expr.Join{Sep: " = ", Exprs: []bob.Expression{
			mysql.Quote(append(prefix, "id")...),
			mysql.Arg(*s.ID),
		}})
	}
	if s.Val != nil {
		exprs = append(exprs, expr.Join{Sep: " = ", Exprs: []bob.Expression{
			mysql.Quote(append(prefix, "val")...),
			mysql.Arg(*s.Val),
		}})
	}
	return exprs
}

// Tbls is the table, as bobgen's models.Tbls.
var Tbls = mysql.NewTablex[*Tbl, TblSlice, *TblSetter]("bob_tbl", buildTblColumns("bob_tbl"))

// tblColumns are the table's columns, each an expression.
type tblColumns struct {
	expr.ColumnsExpr
	tableAlias string
	ID         mysql.Expression
	Val        mysql.Expression
}

func buildTblColumns(alias string) tblColumns {
	return tblColumns{
		ColumnsExpr: expr.NewColumnsExpr("id", "val").WithParent("bob_tbl"),
		tableAlias:  alias,
		ID:          mysql.Quote(alias, "id"),
		Val:         mysql.Quote(alias, "val"),
	}
}

// Alias returns the table's alias.
func (c tblColumns) Alias() string { return c.tableAlias }

// AliasedAs returns the columns under another alias.
func (tblColumns) AliasedAs(alias string) tblColumns { return buildTblColumns(alias) }
