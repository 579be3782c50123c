package dbsql_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"testing"
	"time"
)

// cancelResult is what TestProgramCancel saw.
type cancelResult struct {
	Canceled   bool // the query's error is context.Canceled
	PoolUsable bool // the *sql.DB still runs queries afterwards
}

// TestProgramCancel cancels the context of a running SELECT SLEEP(5): the
// query returns context.Canceled within about a second, not after five, and
// the *sql.DB goes on working. The cancel happens once the server shows the
// query running (polled in its processlist), so the query is in flight.
func TestProgramCancel(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) cancelResult {
		db := open(t, d, "")
		ctx, cancel := context.WithCancel(testContext(t))
		var wg sync.WaitGroup
		defer wg.Wait()
		defer cancel()

		start := time.Now()
		done := make(chan error, 1)
		wg.Go(func() {
			var v int
			done <- db.QueryRowContext(ctx, "SELECT SLEEP(5) /* program_cancel */").Scan(&v)
		})
		waitRunning(t, db, "%SLEEP(5) /* program_cancel */%", done)
		cancel()
		err := <-done
		elapsed := time.Since(start)

		var r cancelResult
		r.Canceled = errors.Is(err, context.Canceled)
		if !r.Canceled {
			t.Errorf("the cancelled query returned %v, want context.Canceled", err)
		}
		if elapsed > 2*time.Second {
			t.Errorf("the cancelled query returned after %v, want about 1 s at most", elapsed)
		}
		var one int
		qerr := db.QueryRowContext(testContext(t), "SELECT 1").Scan(&one)
		r.PoolUsable = qerr == nil && one == 1
		if !r.PoolUsable {
			t.Errorf("after the cancel, SELECT 1 gave %d, %v", one, qerr)
		}
		return r
	})
}

// waitRunning polls the server's processlist until a query like pattern
// runs, failing the test if done (the query's result) arrives first or the
// query does not show within 5 s.
func waitRunning(t *testing.T, db *sql.DB, pattern string, done <-chan error) {
	t.Helper()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	// In any case: the processlist shows the text the server was sent, which
	// a proxy may have rewritten (vtgate: lower-case keywords).
	const q = "SELECT COUNT(*) FROM information_schema.processlist WHERE LOWER(info) LIKE LOWER(?) AND LOWER(info) NOT LIKE '%processlist%'"
	for {
		var n int
		if err := db.QueryRowContext(testContext(t), q, pattern).Scan(&n); err != nil {
			t.Fatalf("polling the processlist: %v", err)
		}
		if n > 0 {
			return
		}
		select {
		case err := <-done:
			t.Fatalf("the query ended before it was cancelled: %v", err)
		case <-deadline:
			t.Fatal("the query did not show in the processlist within 5 s")
		case <-tick.C:
		}
	}
}
