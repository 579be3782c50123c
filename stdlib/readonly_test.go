package stdlib_test

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/mysqltest"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// TestRejectReadOnly: with rejectReadOnly a statement a read-only server
// refuses (1290) drops the connection, so after a failover database/sql
// finds a writable server on a fresh one; without it the connection is
// kept. read_only is global, so the test has a private server.
func TestRejectReadOnly(t *testing.T) {
	ctx := testCtx(t)
	srv, err := mysqltest.Start(ctx, &mysqltest.Options{IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	if err := srv.Exec(ctx, "CREATE TABLE test.ro (id INT)"); err != nil {
		t.Fatal(err)
	}
	for _, reject := range []bool{false, true} {
		dsn := srv.DSN(srv.Native) + "?tls=false"
		if reject {
			dsn += "&rejectReadOnly=true"
		}
		db, err := sql.Open(stdlib.DriverName, dsn)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		var id1, id2 int64
		if err := db.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id1); err != nil {
			t.Fatal(err)
		}
		if err := srv.Exec(ctx, "SET GLOBAL read_only = 1"); err != nil {
			t.Fatal(err)
		}
		_, err = db.ExecContext(ctx, "INSERT INTO test.ro VALUES (1)")
		var me *stdlib.Error
		if !errors.As(err, &me) || me.Number != 1290 {
			t.Errorf("reject=%v: INSERT on a read-only server = %v, want error 1290", reject, err)
		}
		if err := srv.Exec(ctx, "SET GLOBAL read_only = 0"); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id2); err != nil {
			t.Fatal(err)
		}
		if (id1 != id2) != reject {
			t.Errorf("reject=%v: connection %d then %d; want a new connection only with rejectReadOnly", reject, id1, id2)
		}
		db.Close()
	}
}
