package aiomysql_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// testPool makes a pool over the shared server's root user with configure
// applied to its PoolConfig; the pool is terminated when the test ends.
func testPool(t *testing.T, configure func(*aiomysql.PoolConfig)) *aiomysql.Pool {
	t.Helper()
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	pc := aiomysql.NewPoolConfig(cfg)
	configure(pc)
	p, err := aiomysql.CreatePool(testCtx(t), pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Terminate)
	return p
}

// TestPoolSelect42 is the seed's pool example: acquire, cursor, SELECT 42,
// release, close, wait closed.
func TestPoolSelect42(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(*aiomysql.PoolConfig) {})
	if p.Size() != 1 || p.FreeSize() != 1 {
		t.Fatalf("after CreatePool: size %d free %d, want 1 and 1 (MinSize)", p.Size(), p.FreeSize())
	}
	conn, err := p.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := conn.Cursor()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cur.Execute(ctx, "SELECT 42"); err != nil {
		t.Fatal(err)
	}
	row, err := cur.FetchOne(ctx)
	if err != nil || row[0] != int64(42) {
		t.Fatalf("row %v, err %v", row, err)
	}
	conn.Release()
	conn.Release() // idempotent
	if _, err := cur.Execute(ctx, "SELECT 1"); err != aiomysql.ErrConnReleased {
		t.Fatalf("cursor after release: %v, want ErrConnReleased", err)
	}
	if _, err := conn.Exec(ctx, "SELECT 1"); err != aiomysql.ErrConnReleased {
		t.Fatalf("Exec after release: %v, want ErrConnReleased", err)
	}
	var n int
	if err := p.QueryRow(ctx, "SELECT 7").Scan(&n); err != nil || n != 7 {
		t.Fatalf("pool QueryRow: %d, %v", n, err)
	}
	st := p.Stat()
	if st.AcquireCount != 2 || st.TotalConns != 1 || st.IdleConns != 1 || st.NewConnsCount != 1 {
		t.Fatalf("stat %+v", st)
	}
	p.Close()
	if err := p.WaitClosed(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Acquire(ctx); err != aiomysql.ErrPoolClosed {
		t.Fatalf("acquire after close: %v", err)
	}
}

// TestPoolAcquireReleaseAllocs: an uncontended acquire and release
// allocate nothing.
func TestPoolAcquireReleaseAllocs(t *testing.T) {
	ctx := testCtx(t)
	p := testPool(t, func(*aiomysql.PoolConfig) {})
	n := testing.AllocsPerRun(200, func() {
		c, err := p.Acquire(ctx)
		if err != nil {
			panic(err)
		}
		c.Release()
	})
	if n != 0 {
		t.Fatalf("acquire+release: %v allocations, want 0", n)
	}
}
