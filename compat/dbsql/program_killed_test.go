package dbsql_test

import (
	"database/sql"
	"slices"
	"testing"
	"time"
)

// TestProgramKilledConnection kills, from another connection, the idle
// pooled connection of a *sql.DB (as a server restart or wait_timeout
// does); the program's next queries run on a new connection without an
// error, since the driver finds the dead connection before using it.
func TestProgramKilledConnection(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []bool {
		db := open(t, d, "")
		db.SetMaxIdleConns(1)
		db.SetMaxOpenConns(1)
		admin := open(t, d, "")
		ctx := testContext(t)
		var before, after int64
		if err := db.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&before); err != nil {
			t.Fatalf("CONNECTION_ID: %v", err)
		}
		exec(t, admin, "KILL CONNECTION "+itoa(int(before)))
		waitGone(t, admin, before)

		var out []bool
		for range 3 {
			err := db.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&after)
			if err != nil {
				t.Errorf("a query after the kill: %v", err)
			}
			out = append(out, err == nil && after != before)
		}
		if !slices.Equal(out, []bool{true, true, true}) {
			t.Errorf("queries after the kill on a new connection: %v, want all true", out)
		}
		return out
	})
}

// waitGone polls the processlist until connection id has left it: then the
// server has closed its socket.
func waitGone(t *testing.T, db *sql.DB, id int64) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	for {
		var n int
		if err := db.QueryRowContext(testContext(t), "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatalf("polling the processlist: %v", err)
		}
		if n == 0 {
			return
		}
		select {
		case <-deadline:
			t.Fatalf("connection %d still in the processlist after 5 s", id)
		case <-tick.C:
		}
	}
}
