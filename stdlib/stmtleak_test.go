package stdlib_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/mysqltest"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// TestP4_PreparedStatementLeakDatabaseSQL: with max_prepared_stmt_count=64,
// 10,000 distinct statements through database/sql (prepared with
// db.Prepare and closed, and run with arguments through db.Query, which
// uses the connections' statement caches) never meet ER 1461, and no
// statement is left on the server once the DB is closed. It sets a global,
// so it has a private server.
func TestP4_PreparedStatementLeakDatabaseSQL(t *testing.T) {
	ctx := testCtx(t)
	srv, err := mysqltest.Start(ctx, &mysqltest.Options{IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop() })
	if err := srv.Exec(ctx, "SET GLOBAL max_prepared_stmt_count=64"); err != nil {
		t.Fatal(err)
	}
	db := stdlib.OpenDB(serverConfig(t, srv))
	db.SetMaxOpenConns(4)
	for i := range 10000 {
		q := "SELECT ? + " + strconv.Itoa(i)
		var n int
		if i%2 == 0 {
			st, err := db.PrepareContext(ctx, q)
			if err != nil {
				t.Fatalf("prepare %d: %v (ER %d is the leak)", i, err, errcode.MaxPreparedStmtCountReached)
			}
			err = st.QueryRowContext(ctx, 1).Scan(&n)
			st.Close()
			if err != nil {
				t.Fatalf("execute %d: %v", i, err)
			}
		} else if err := db.QueryRowContext(ctx, q, 1).Scan(&n); err != nil {
			t.Fatalf("query %d: %v", i, err)
		}
		if n != i+1 {
			t.Fatalf("statement %d gave %d", i, n)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if v := waitPreparedCount(ctx, t, srv, "0"); v != "0" {
		t.Errorf("Prepared_stmt_count = %s after db.Close, want 0", v)
	}
}

// waitPreparedCount waits (the server deallocates a closed session's
// statements after the client has gone) until Prepared_stmt_count is want,
// or 10 s pass, and returns the last value seen.
func waitPreparedCount(ctx context.Context, t *testing.T, srv *mysqltest.Server, want string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows, err := srv.Query(ctx, "SHOW GLOBAL STATUS LIKE 'Prepared_stmt_count'")
		if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
			t.Fatalf("Prepared_stmt_count: %v %v", rows, err)
		}
		if rows[0][1] == want || time.Now().After(deadline) {
			return rows[0][1]
		}
	}
}
