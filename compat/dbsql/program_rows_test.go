package dbsql_test

import (
	"sync"
	"testing"
)

// rowsResult is what TestProgramRowsEarlyClose saw.
type rowsResult struct {
	Read       []int
	Next       int // the answer of the query after the early Close
	Concurrent []int
}

// TestProgramRowsEarlyClose closes rows of a large result after three rows,
// then queries again on the single connection of the pool (the driver must
// drain or discard the rest), and runs one prepared statement from eight
// goroutines at once (database/sql prepares it on each connection).
// seq_1_to_20000 is a table of MariaDB's Sequence engine.
func TestProgramRowsEarlyClose(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) rowsResult {
		db := open(t, d, "")
		db.SetMaxOpenConns(1)
		ctx := testContext(t)
		var r rowsResult
		rows, err := db.QueryContext(ctx, "SELECT seq FROM seq_1_to_20000")
		if err != nil {
			t.Fatalf("SELECT of 20000 rows: %v", err)
		}
		for len(r.Read) < 3 && rows.Next() {
			var n int
			if err := rows.Scan(&n); err != nil {
				t.Fatalf("Scan: %v", err)
			}
			r.Read = append(r.Read, n)
		}
		if err := rows.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
		if err := db.QueryRowContext(ctx, "SELECT 42").Scan(&r.Next); err != nil {
			t.Fatalf("the query after the early Close: %v", err)
		}

		db.SetMaxOpenConns(4)
		stmt, err := db.PrepareContext(ctx, "SELECT ? * 2")
		if err != nil {
			t.Fatalf("Prepare: %v", err)
		}
		defer stmt.Close()
		r.Concurrent = make([]int, 8)
		errs := make([]error, 8)
		var wg sync.WaitGroup
		for i := range r.Concurrent {
			wg.Go(func() { errs[i] = stmt.QueryRowContext(ctx, i).Scan(&r.Concurrent[i]) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil || r.Concurrent[i] != 2*i {
				t.Errorf("goroutine %d: %d, %v; want %d", i, r.Concurrent[i], err, 2*i)
			}
		}
		if r.Read[0] != 1 || r.Read[2] != 3 || r.Next != 42 {
			t.Errorf("read %v then %d, want [1 2 3] then 42", r.Read, r.Next)
		}
		return r
	})
}
