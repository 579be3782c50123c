package sa_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
	"github.com/aiomysql-go/aiomysql/sa"
)

// shared is the private MariaDB this test binary's tests share, started on
// first use.
var shared mysqltest.Shared

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}

// testCtx is a context for one test, ended when it ends.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// poolConfig is a PoolConfig for the shared server's root user.
func poolConfig(t *testing.T) *aiomysql.PoolConfig {
	t.Helper()
	srv := shared.Get(t)
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	return aiomysql.NewPoolConfig(cfg)
}

// testEngine makes an Engine with configure applied to its PoolConfig,
// terminated when the test ends.
func testEngine(t *testing.T, configure func(*aiomysql.PoolConfig)) *sa.Engine {
	t.Helper()
	pc := poolConfig(t)
	if configure != nil {
		configure(pc)
	}
	e, err := sa.CreateEngine(testCtx(t), pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Terminate)
	return e
}

// acquire acquires a Conn of e, closed when the test ends.
func acquire(t *testing.T, e *sa.Engine) *sa.Conn {
	t.Helper()
	c, err := e.Acquire(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// testTable creates the table tbl(id INT PRIMARY KEY AUTO_INCREMENT,
// val VARCHAR(255)) under a name of this test's, InnoDB, dropped when the
// test ends, and returns its name.
func testTable(t *testing.T, e *sa.Engine) string {
	t.Helper()
	name := "sa_" + strings.NewReplacer("/", "_", "-", "_").Replace(strings.ToLower(t.Name()))
	if len(name) > 64 {
		name = name[:64]
	}
	ctx := testCtx(t)
	mustExec(t, e, "DROP TABLE IF EXISTS "+name)
	mustExec(t, e, "CREATE TABLE "+name+" (id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255)) ENGINE=InnoDB")
	t.Cleanup(func() {
		if _, err := e.Execute(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS "+name); err != nil {
			t.Error(err)
		}
	})
	return name
}

// mustExec runs q on e and fails the test on an error.
func mustExec(t *testing.T, e *sa.Engine, q any, args ...any) *sa.Result {
	t.Helper()
	res, err := e.Execute(testCtx(t), q, args...)
	if err != nil {
		t.Fatalf("%v: %v", q, err)
	}
	return res
}

// mustRun runs q on c and fails the test on an error.
func mustRun(t *testing.T, c *sa.Conn, q any, args ...any) *sa.Result {
	t.Helper()
	res, err := c.Execute(testCtx(t), q, args...)
	if err != nil {
		t.Fatalf("%v: %v", q, err)
	}
	return res
}

// vals returns the val column of tbl, in id order, read through e.
func vals(t *testing.T, e *sa.Engine, tbl string) []string {
	t.Helper()
	rows, err := mustExec(t, e, "SELECT val FROM "+tbl+" ORDER BY id").FetchAll()
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		var s string
		if err := r.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
