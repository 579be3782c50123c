package aiomysql_test

import (
	"testing"
	"time"
)

// hugeQuery streams 10 million rows of about 110 bytes: over a gigabyte,
// which no Close can afford to read to its end.
const hugeQuery = "SELECT seq, REPEAT('x', 100) FROM seq_1_to_10000000"

// abandonLimit is how long closing an abandoned huge result may take.
const abandonLimit = 200 * time.Millisecond

// TestC10_AbandonHugeResult: closing a huge result after a few rows is
// quick, and leaves the connection either closed or in step.
func TestC10_AbandonHugeResult(t *testing.T) {
	t.Run("Rows.Close", func(t *testing.T) {
		c := connectT(t, plainConfig(t))
		rows, err := c.Query(testCtx(t), hugeQuery)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			if !rows.Next() {
				t.Fatalf("row %d: %v", i+1, rows.Err())
			}
		}
		start := time.Now()
		err = rows.Close()
		if d := time.Since(start); d > abandonLimit {
			t.Errorf("Rows.Close after 10 of 10M rows took %v, want ≤%v", d, abandonLimit)
		}
		t.Logf("Close = %v; connection closed: %v", err, c.IsClosed())
		assertCleanOrClosed(t, c)
	})
	t.Run("break out of All", func(t *testing.T) {
		c := connectT(t, plainConfig(t))
		rows, err := c.Query(testCtx(t), hugeQuery)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		var start time.Time
		for _, err := range rows.All() {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 10 {
				start = time.Now()
				break
			}
		}
		if d := time.Since(start); d > abandonLimit {
			t.Errorf("breaking out of All after 10 of 10M rows took %v, want ≤%v", d, abandonLimit)
		}
		if n != 10 {
			t.Fatalf("the loop saw %d rows", n)
		}
		t.Logf("Err = %v; connection closed: %v", rows.Err(), c.IsClosed())
		assertCleanOrClosed(t, c)
	})
	t.Run("SSCursor.Close", func(t *testing.T) {
		c := connectT(t, plainConfig(t))
		cur := c.SSCursor()
		if _, err := cur.Execute(testCtx(t), hugeQuery); err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			row, err := cur.FetchOne(testCtx(t))
			if err != nil || row == nil {
				t.Fatalf("FetchOne %d = %v, %v", i+1, row, err)
			}
		}
		start := time.Now()
		err := cur.Close()
		if d := time.Since(start); d > abandonLimit {
			t.Errorf("SSCursor.Close after 10 of 10M rows took %v, want ≤%v", d, abandonLimit)
		}
		t.Logf("Close = %v; connection closed: %v", err, c.IsClosed())
		assertCleanOrClosed(t, c)
	})
}
