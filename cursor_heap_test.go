package aiomysql_test

import (
	"context"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// TestCursorTenMillionRowsBoundedHeap: a 10-million-row result read through
// a server-side cursor (FetchSize 1000) keeps the Go heap bounded: the peak
// of live heap objects, sampled every 100,000 rows through runtime/metrics,
// stays under 64 MiB, while the rows read add up to far more than that.
func TestCursorTenMillionRowsBoundedHeap(t *testing.T) {
	const total = 10_000_000
	c := rootConn(t)
	// The server materializes 10M rows before the first fetch, and the
	// race detector slows the reading: more than the usual test budget.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	fetches := sessionCounterCtx(ctx, t, c, "Com_stmt_fetch")
	runtime.GC()
	base := heap()
	start := time.Now()
	rows, err := c.Query(ctx, "SELECT seq, REPEAT('x', 40) FROM seq_1_to_10000000", aiomysql.FetchSize(1000))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	opened := time.Since(start)
	var peak uint64
	var n, sum int64
	var bytes int64
	var id int64
	var pad []byte
	for rows.Next() {
		if err := rows.Scan(&id, &pad); err != nil {
			t.Fatal(err)
		}
		n++
		sum += id
		bytes += int64(len(pad)) + 8
		if n%100_000 == 0 {
			peak = max(peak, heap())
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != total || sum != total*(total+1)/2 {
		t.Fatalf("%d rows, sum %d", n, sum)
	}
	elapsed := time.Since(start)
	if f := sessionCounterCtx(ctx, t, c, "Com_stmt_fetch") - fetches; f < total/1000 {
		t.Fatalf("%d fetches: the rows did not come through the cursor", f)
	}
	t.Logf("%d rows (%d MiB of values) in %v (cursor opened in %v); heap objects before %.1f MiB, peak %.1f MiB",
		n, bytes>>20, elapsed.Round(time.Millisecond), opened.Round(time.Millisecond), float64(base)/(1<<20), float64(peak)/(1<<20))
	if peak >= 64<<20 {
		t.Fatalf("peak heap %.1f MiB, want < 64 MiB", float64(peak)/(1<<20))
	}
}
