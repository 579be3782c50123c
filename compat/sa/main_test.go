package sa_test

import (
	"context"
	"os"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
	"github.com/aiomysql-go/aiomysql/sa"
)

// shared is the private MariaDB this package's tests share.
var shared mysqltest.Shared

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// testConn returns a Conn of a new engine over the shared server, with
// the table tbl(id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255)) made
// afresh under the name given; both go when the test ends.
func testConn(t *testing.T, table string) *sa.Conn {
	t.Helper()
	ctx := testCtx(t)
	srv := shared.Get(t)
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	e, err := sa.CreateEngine(ctx, aiomysql.NewPoolConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Terminate)
	c, err := e.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	for _, q := range []string{
		"DROP TABLE IF EXISTS " + table,
		"CREATE TABLE " + table + " (id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255))",
	} {
		if _, err := c.Execute(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// check inserts with ins, selects with sel (which must return the row of
// 'abc' with columns named idCol and valCol) and checks what came back.
func check(t *testing.T, c *sa.Conn, ins, sel any, idCol, valCol string) {
	t.Helper()
	ctx := testCtx(t)
	res, err := c.Execute(ctx, ins)
	if err != nil {
		t.Fatalf("%T: %v", ins, err)
	}
	if res.RowCount() != 2 || res.LastRowID() != 1 {
		t.Fatalf("insert: RowCount %d LastRowID %d, want 2 and 1", res.RowCount(), res.LastRowID())
	}
	res, err = c.Execute(ctx, sel)
	if err != nil {
		t.Fatalf("%T: %v", sel, err)
	}
	rows, err := res.FetchAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Fatalf("select gave %d rows, want 1", len(rows))
	}
	id, err := rows[0].Get(idCol)
	if err != nil {
		t.Fatal(err)
	}
	val, err := rows[0].Get(valCol)
	if err != nil {
		t.Fatal(err)
	}
	if id != int64(1) || val != "abc" {
		t.Fatalf("row (%v, %v), want (1, abc)", id, val)
	}
}
