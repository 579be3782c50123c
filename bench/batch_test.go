package bench_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// BenchmarkBatch: n point selects of foo, pipelined in one SendBatch
// (impl=native/batch) against the same n one by one on one connection
// (native's cached statement; database/sql with a prepared statement, for
// stdlib and gsd). An op is the n queries; it reports q/s.
func BenchmarkBatch(b *testing.B) {
	tg := server(b)
	createFoo(b, tg.connect(b, nil))
	for _, n := range []int{10, 100, 1000} {
		variant := "/n=" + strconv.Itoa(n)
		b.Run("impl=native/batch"+variant, func(b *testing.B) {
			c := tg.connect(b, nil)
			benchBatch(b, n, func(ctx context.Context) error {
				var batch aiomysql.Batch
				var firstErr error
				for i := range n {
					id := pointID(i)
					batch.Queue(pointQuery, id).QueryRow(func(row *aiomysql.Row) error {
						err := scanPoint(id, row.Scan)
						if err != nil && firstErr == nil {
							firstErr = err
						}
						return err
					})
				}
				if err := c.SendBatch(ctx, &batch).Close(); err != nil {
					return err
				}
				return firstErr
			})
		})
		b.Run("impl=native/onebyone"+variant, func(b *testing.B) {
			c := tg.connect(b, nil)
			benchBatch(b, n, func(ctx context.Context) error {
				for i := range n {
					id := pointID(i)
					if err := scanPoint(id, c.QueryRow(ctx, pointQuery, id).Scan); err != nil {
						return err
					}
				}
				return nil
			})
		})
		for _, impl := range []string{"stdlib", "gsd"} {
			b.Run("impl="+impl+"/onebyone"+variant, func(b *testing.B) {
				var db *sql.DB
				if impl == "stdlib" {
					db = tg.openStdlib(b, nil)
				} else {
					db = tg.openGSD(b, nil)
				}
				st, err := db.PrepareContext(testCtx(b), pointQuery)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { _ = st.Close() })
				benchBatch(b, n, func(ctx context.Context) error {
					for i := range n {
						id := pointID(i)
						if err := scanPoint(id, st.QueryRowContext(ctx, id).Scan); err != nil {
							return err
						}
					}
					return nil
				})
			})
		}
	}
}

// benchBatch runs op (n queries) once untimed, then b.N times, and reports
// q/s.
func benchBatch(b *testing.B, n int, op func(ctx context.Context) error) {
	ctx := testCtx(b)
	if err := op(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := op(ctx); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, b.N*n, "q/s")
}
