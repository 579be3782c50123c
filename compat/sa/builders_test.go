package sa_test

import (
	"testing"

	sq "github.com/Masterminds/squirrel"
	"github.com/doug-martin/goqu/v9"
	_ "github.com/doug-martin/goqu/v9/dialect/mysql" // goqu's MySQL dialect
	"github.com/go-jet/jet/v2/mysql"
	"github.com/huandu/go-sqlbuilder"
	bobmysql "github.com/stephenafamo/bob/dialect/mysql"
	"github.com/stephenafamo/bob/dialect/mysql/im"
	"github.com/stephenafamo/bob/dialect/mysql/sm"
)

func TestSquirrel(t *testing.T) {
	c := testConn(t, "sq_tbl")
	check(t, c,
		sq.Insert("sq_tbl").Columns("val").Values("abc").Values("xyz"),
		sq.Select("id", "val").From("sq_tbl").Where(sq.Eq{"val": "abc"}),
		"id", "val")
}

func TestGoqu(t *testing.T) {
	c := testConn(t, "goqu_tbl")
	d := goqu.Dialect("mysql")
	check(t, c,
		d.Insert("goqu_tbl").Rows(goqu.Record{"val": "abc"}, goqu.Record{"val": "xyz"}).Prepared(true),
		d.From("goqu_tbl").Select("id", "val").Where(goqu.C("val").Eq("abc")).Prepared(true),
		"id", "val")
	// goqu's default, its arguments interpolated into the SQL, runs too.
	res, err := c.Execute(testCtx(t), d.From("goqu_tbl").Select(goqu.COUNT("*")).Where(goqu.C("val").Eq("xyz")))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := res.Scalar(); v != int64(1) || err != nil {
		t.Fatalf("interpolated goqu: %v %v, want 1", v, err)
	}
}

// jetTbl is the table as go-jet's generator writes it.
type jetTbl struct {
	mysql.Table
	ID  mysql.ColumnInteger
	Val mysql.ColumnString
}

func newJetTbl() *jetTbl {
	id, val := mysql.IntegerColumn("id"), mysql.StringColumn("val")
	return &jetTbl{Table: mysql.NewTable("", "jet_tbl", "", id, val), ID: id, Val: val}
}

func TestGoJet(t *testing.T) {
	c := testConn(t, "jet_tbl")
	tbl := newJetTbl()
	// go-jet names each selected column table.column.
	check(t, c,
		tbl.INSERT(tbl.Val).VALUES("abc").VALUES("xyz"),
		mysql.SELECT(tbl.ID, tbl.Val).FROM(tbl).WHERE(tbl.Val.EQ(mysql.String("abc"))),
		"jet_tbl.id", "jet_tbl.val")
}

func TestGoSQLBuilder(t *testing.T) {
	c := testConn(t, "sqlb_tbl")
	ins := sqlbuilder.MySQL.NewInsertBuilder()
	ins.InsertInto("sqlb_tbl").Cols("val").Values("abc").Values("xyz")
	sel := sqlbuilder.MySQL.NewSelectBuilder()
	sel.Select("id", "val").From("sqlb_tbl").Where(sel.Equal("val", "abc"))
	check(t, c, ins, sel, "id", "val")
}

func TestBob(t *testing.T) {
	c := testConn(t, "bob_tbl")
	check(t, c,
		bobmysql.Insert(im.Into("bob_tbl", "val"), im.Values(bobmysql.Arg("abc")), im.Values(bobmysql.Arg("xyz"))),
		bobmysql.Select(sm.Columns("id", "val"), sm.From("bob_tbl"), sm.Where(bobmysql.Quote("val").EQ(bobmysql.Arg("abc")))),
		"id", "val")
}
