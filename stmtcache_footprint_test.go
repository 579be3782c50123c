package aiomysql_test

import (
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestStatementCacheFootprint measures what a prepared statement costs the
// server (the session's Memory_used, MariaDB) for statements of the usual
// shape, and checks the default statement cache capacity against it: the
// default cache must cost a connection at most 4 MiB, and 255 connections
// with full caches must stay within max_prepared_stmt_count's default
// (16,382). The figures are logged; Config.StatementCacheCapacity's
// documentation quotes them.
func TestStatementCacheFootprint(t *testing.T) {
	const n = 300
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.StatementCacheCapacity = n })
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS footprint",
		`CREATE TABLE footprint (id INT PRIMARY KEY, name VARCHAR(64), created DATETIME(6), amount DECIMAL(12,2), note TEXT)`)
	used := func() int { return sessionCounter(t, c, "Memory_used") }
	before := used()
	for i := range n {
		q := fmt.Sprintf("SELECT id, name, created, amount, note FROM footprint WHERE id = ? AND amount > %d ORDER BY created LIMIT 10", i)
		rows, err := c.Query(ctx, q, i)
		if err != nil {
			t.Fatal(err)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	after := used()
	if got := sessionCounter(t, c, "Com_stmt_prepare"); got < n {
		t.Fatalf("%d statements prepared, want at least %d", got, n)
	}
	per := float64(after-before) / n
	// The default capacity, as a connection with the default Config keeps
	// it: what the server holds after more distinct statements than that.
	d := rootConn(t)
	held := globalCounter(t, d, "Prepared_stmt_count")
	for i := range 200 {
		if err := d.QueryRow(ctx, fmt.Sprintf("SELECT ? + %d", i), 1).Scan(new(int)); err != nil {
			t.Fatal(err)
		}
	}
	capacity := globalCounter(t, d, "Prepared_stmt_count") - held
	if capacity <= 0 || capacity >= 200 {
		t.Fatalf("the default cache holds %d statements after 200", capacity)
	}
	perConn := per * float64(capacity)
	t.Logf("%d cached statements: Memory_used %d → %d bytes, %.1f KiB a statement; the default cache (%d) ≈ %.2f MiB a connection",
		n, before, after, per/1024, capacity, perConn/(1<<20))
	if per <= 0 {
		t.Fatalf("no memory measured for %d statements (Memory_used %d → %d)", n, before, after)
	}
	if perConn > 4<<20 {
		t.Errorf("the default cache costs %.2f MiB a connection, over 4 MiB", perConn/(1<<20))
	}
	if capacity*255 > 16382 {
		t.Errorf("255 connections with full caches hold %d statements, over 16,382", capacity*255)
	}
}
