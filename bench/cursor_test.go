package bench_test

import (
	"context"
	"database/sql"
	"runtime"
	"runtime/metrics"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
)

// cursorFetchSize is CursorFetch's rows per COM_STMT_FETCH.
const cursorFetchSize = 1000

// heapSampler keeps the peak of the Go heap's live objects, sampled every
// heapEvery rows.
type heapSampler struct {
	sample []metrics.Sample
	peak   uint64
}

const heapEvery = 10_000

func newHeapSampler() *heapSampler {
	return &heapSampler{sample: []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}}
}

// each is drain's per-row hook.
func (h *heapSampler) each(n int) {
	if n%heapEvery == 0 {
		metrics.Read(h.sample)
		h.peak = max(h.peak, h.sample[0].Value.Uint64())
	}
}

// BenchmarkCursorFetch: all of mixed (1M rows, not performance.md's 10M,
// to keep make bench short) read with typed Scan. impl=native/cursor reads
// through a server-side cursor, FetchSize 1000 rows a COM_STMT_FETCH; the
// other variants stream the result as text, the comparison
// performance.md sets for the cursor's speed (gsd has no cursor). It
// reports rows/s and peak-heap-MiB, the peak of the Go heap's live
// objects sampled every 10,000 rows (the heap is collected before each op).
func BenchmarkCursorFetch(b *testing.B) {
	tg := server(b)
	createMixed(b, tg.connect(b, nil))
	const variant = "/rows=1M"
	b.Run("impl=native/cursor"+variant, func(b *testing.B) {
		c := tg.connect(b, nil)
		st, err := c.Prepare(testCtx(b), mixedQuery)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = st.Close() })
		benchCursor(b, func(ctx context.Context) (rowsLike, error) {
			return st.Query(ctx, aiomysql.FetchSize(cursorFetchSize), mixedRows)
		})
	})
	b.Run("impl=native/stream"+variant, func(b *testing.B) {
		c := tg.connect(b, nil)
		benchCursor(b, func(ctx context.Context) (rowsLike, error) {
			return c.Query(ctx, mixedQuery, aiomysql.QueryExecModeText, mixedRows)
		})
	})
	b.Run("impl=stdlib/stream"+variant, func(b *testing.B) {
		db := tg.openStdlib(b, func(cfg *aiomysql.Config) { cfg.ParseTime, cfg.InterpolateParams = true, true })
		benchCursor(b, func(ctx context.Context) (rowsLike, error) { return db.QueryContext(ctx, mixedQuery, mixedRows) })
	})
	b.Run("impl=gsd/stream"+variant, func(b *testing.B) {
		db := tg.openGSD(b, func(cfg *mysql.Config) { cfg.ParseTime, cfg.InterpolateParams = true, true })
		benchCursor(b, func(ctx context.Context) (rowsLike, error) { return db.QueryContext(ctx, mixedQuery, mixedRows) })
	})
}

// benchCursor drains query b.N times, reporting rows/s and the peak heap.
func benchCursor(b *testing.B, query func(ctx context.Context) (rowsLike, error)) {
	ctx := testCtx(b)
	h := newHeapSampler()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		runtime.GC() // the heap measured is the op's
		b.StartTimer()
		rows, err := query(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := drain(rows, mixedRows, h.each); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, b.N*mixedRows, "rows/s")
	b.ReportMetric(float64(h.peak)/(1<<20), "peak-heap-MiB")
}

// sqlRows is database/sql's rows, as rowsLike.
var _ rowsLike = (*sql.Rows)(nil)
