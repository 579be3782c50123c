package bench_test

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// overUnix returns a copy of tg that connects over the server's unix
// socket; it skips tb when the socket is not known.
func (tg target) overUnix(tb testing.TB) target {
	tb.Helper()
	if tg.socket == "" {
		tb.Skip("bench: no unix socket for an AIOMYSQL_DSN server")
	}
	n := tg.native.Clone()
	n.Host, n.UnixSocket = "", tg.socket
	g := tg.gsd.Clone()
	g.Net, g.Addr = "unix", tg.socket
	return target{native: n, gsd: g, socket: tg.socket}
}

// openStdlib opens a pool of aiomysql's database/sql driver (one
// connection) with configure applied to a copy of the target's Config; it
// is closed when tb ends.
func (tg target) openStdlib(tb testing.TB, configure func(*aiomysql.Config)) *sql.DB {
	tb.Helper()
	cfg := tg.native.Clone()
	if configure != nil {
		configure(cfg)
	}
	db := stdlib.OpenDB(cfg)
	return pingDB(tb, db)
}

// pingDB limits db to one connection, closes it when tb ends, and pings.
func pingDB(tb testing.TB, db *sql.DB) *sql.DB {
	tb.Helper()
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	tb.Cleanup(func() { _ = db.Close() })
	if err := db.PingContext(testCtx(tb)); err != nil {
		tb.Fatal(err)
	}
	return db
}

// setConns sets db's pool to n connections, all kept idle.
func setConns(db *sql.DB, n int) {
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
}

// openPool opens a native pool of n connections; it is closed when tb ends.
func (tg target) openPool(tb testing.TB, n int, configure func(*aiomysql.Config)) *aiomysql.Pool {
	tb.Helper()
	cfg := tg.native.Clone()
	if configure != nil {
		configure(cfg)
	}
	pc := aiomysql.NewPoolConfig(cfg)
	pc.MaxSize = n
	return createPool(tb, pc)
}

// createPool creates the pool pc describes, closed when tb ends.
func createPool(tb testing.TB, pc *aiomysql.PoolConfig) *aiomysql.Pool {
	tb.Helper()
	p, err := aiomysql.CreatePool(testCtx(tb), pc)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(p.Close)
	return p
}

// runConcurrent runs op b.N times in all, spread over c goroutines that
// each take the next iteration until none is left, and reports q/s. op gets
// the iteration's number. A warm-up of 2c untimed iterations first opens
// the pool's connections; the timer covers the goroutines' start.
func runConcurrent(b *testing.B, c int, op func(ctx context.Context, i int) error) {
	ctx := testCtx(b)
	if err := spread(ctx, c, 2*c, op); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	err := spread(ctx, c, b.N, op)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportRate(b, b.N, "q/s")
}

// spread runs op n times over c goroutines and returns the first error.
func spread(ctx context.Context, c, n int, op func(ctx context.Context, i int) error) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr atomic.Pointer[error]
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				if err := op(ctx, int(i)); err != nil {
					e := err // only a failing iteration moves an error to the heap
					firstErr.CompareAndSwap(nil, &e)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := firstErr.Load(); err != nil {
		return *err
	}
	return nil
}

// reportRate reports n units over the benchmark's elapsed time as unit.
func reportRate(b *testing.B, n int, unit string) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)/s, unit)
	}
}
