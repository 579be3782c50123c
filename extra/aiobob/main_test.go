package aiobob_test

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

var shared mysqltest.Shared

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// testPool returns a pool over the shared server with bob_tbl made
// afresh; it is terminated when the test ends.
func testPool(t *testing.T) *aiomysql.Pool {
	t.Helper()
	ctx := testCtx(t)
	srv := shared.Get(t)
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	p, err := aiomysql.CreatePool(ctx, aiomysql.NewPoolConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Terminate)
	for _, q := range []string{
		"DROP TABLE IF EXISTS bob_tbl",
		"CREATE TABLE bob_tbl (id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255))",
	} {
		if _, err := p.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return p
}

// testSA returns an sa.Conn over a pool made by testPool.
func testSA(t *testing.T) *sa.Conn {
	t.Helper()
	e := sa.NewEngine(testPool(t))
	c, err := e.Acquire(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func ptr[T any](v T) *T { return &v }

// acquired returns a PoolConn of a pool made by testPool, released when
// the test ends.
func acquired(t *testing.T) aiomysql.PoolConn {
	t.Helper()
	c, err := testPool(t).Acquire(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Release)
	return c
}

// connected returns a connection of its own (no pool) to the shared
// server, with bob_tbl made afresh; closed when the test ends.
func connected(t *testing.T) *aiomysql.Conn {
	t.Helper()
	cfg := testPool(t).Config().ConnConfig
	c, err := aiomysql.Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}
