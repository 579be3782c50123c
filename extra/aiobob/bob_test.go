package aiobob_test

import (
	"context"
	"testing"

	"github.com/stephenafamo/bob"
	"github.com/stephenafamo/bob/dialect/mysql"
	"github.com/stephenafamo/bob/dialect/mysql/sm"
	"github.com/stephenafamo/bob/dialect/mysql/um"
	"github.com/stephenafamo/scan"

	"github.com/aiomysql-go/aiomysql/extra/aiobob"
)

// executor is what both adapters give: bob's executor with transactions.
type executor interface {
	bob.Executor
	Begin(ctx context.Context) (bob.Transaction, error)
}

// begins adapts a bob.Transactor of a concrete Tx type to executor.
type begins[T bob.Transaction] struct{ bob.Transactor[T] }

func (b begins[T]) Begin(ctx context.Context) (bob.Transaction, error) {
	return b.Transactor.Begin(ctx)
}

// executors are the adapters under test, each over a fresh bob_tbl.
func executors(t *testing.T) map[string]func(t *testing.T) executor {
	return map[string]func(t *testing.T) executor{
		"Pool":     func(t *testing.T) executor { return begins[aiobob.Tx]{aiobob.New(testPool(t))} },
		"PoolConn": func(t *testing.T) executor { return begins[aiobob.Tx]{aiobob.New(acquired(t))} },
		"Conn":     func(t *testing.T) executor { return begins[aiobob.Tx]{aiobob.New(connected(t))} },
		"sa.Conn":  func(t *testing.T) executor { return begins[aiobob.SATx]{aiobob.NewSA(testSA(t))} },
	}
}

func TestModels(t *testing.T) {
	for name, make := range executors(t) {
		t.Run(name, func(t *testing.T) {
			ctx := testCtx(t)
			exec := make(t)
			// Insert ... One: MySQL has no RETURNING, so bob reads the
			// row back by its LAST_INSERT_ID.
			abc, err := Tbls.Insert(&TblSetter{Val: ptr("abc")}).One(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if abc.ID != 1 || abc.Val != "abc" {
				t.Fatalf("inserted %+v, want {1 abc}", abc)
			}
			if _, err := Tbls.Insert(&TblSetter{Val: ptr("xyz")}).Exec(ctx, exec); err != nil {
				t.Fatal(err)
			}
			all, err := Tbls.Query(sm.OrderBy(Tbls.Columns.ID)).All(ctx, exec)
			if err != nil {
				t.Fatal(err)
			}
			if len(all) != 2 || all[1].Val != "xyz" || all[1].ID != 2 {
				t.Fatalf("All %+v", all)
			}
			n, err := Tbls.Update(um.SetCol("val").ToArg("XYZ"), um.Where(Tbls.Columns.ID.EQ(mysql.Arg(2)))).Exec(ctx, exec)
			if err != nil || n != 1 {
				t.Fatalf("update: %d %v", n, err)
			}
			got, err := Tbls.Query(sm.Where(Tbls.Columns.Val.EQ(mysql.Arg("XYZ")))).One(ctx, exec)
			if err != nil || got.ID != 2 {
				t.Fatalf("One: %+v %v", got, err)
			}
			// A transaction through bob's Transactor, rolled back.
			tx, err := exec.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// (Tbls.Delete writes DELETE FROM t AS t, which MySQL 8 takes and
			// MariaDB 10.11 does not: a raw query here.)
			if _, err := bob.Exec(ctx, tx, mysql.RawQuery("DELETE FROM bob_tbl WHERE id = ?", 1)); err != nil {
				t.Fatal(err)
			}
			if n, err := Tbls.Query().Count(ctx, tx); err != nil || n != 1 {
				t.Fatalf("Count in the transaction: %d %v, want 1", n, err)
			}
			if err := tx.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			count, err := Tbls.Query().Count(ctx, exec)
			if err != nil || count != 2 {
				t.Fatalf("Count after the rollback: %d %v, want 2", count, err)
			}
			// A plain builder query through bob.All.
			vals, err := bob.All(ctx, exec, mysql.Select(sm.Columns("val"), sm.From("bob_tbl"), sm.OrderBy("id")), scan.SingleColumnMapper[string])
			if err != nil || len(vals) != 2 || vals[0] != "abc" {
				t.Fatalf("bob.All %q %v", vals, err)
			}
		})
	}
}
