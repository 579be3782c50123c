package bench_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
)

// BenchmarkLargeResult: largeRows rows of mixed read with typed Scan, as
// text (COM_QUERY: native QueryExecModeText, database/sql with
// interpolateParams) and binary (a prepared statement), by c goroutines at
// once on c connections. An op is one query per goroutine; it reports
// rows/s.
func BenchmarkLargeResult(b *testing.B) {
	tg := server(b)
	createMixed(b, tg.connect(b, nil))
	for _, proto := range []string{"text", "bin"} {
		for _, c := range []int{1, 2, 4} {
			variant := proto + "/c=" + strconv.Itoa(c)
			b.Run("impl=native/"+variant, func(b *testing.B) {
				mode := aiomysql.QueryExecModeCacheStatement
				if proto == "text" {
					mode = aiomysql.QueryExecModeText
				}
				p := tg.openPool(b, c, nil)
				benchLarge(b, c, func(ctx context.Context) (rowsLike, error) { return p.Query(ctx, mixedQuery, mode, largeRows) })
			})
			b.Run("impl=stdlib/"+variant, func(b *testing.B) {
				db := tg.openStdlib(b, func(cfg *aiomysql.Config) {
					cfg.ParseTime = true
					cfg.InterpolateParams = proto == "text"
				})
				benchLargeDB(b, db, c, proto)
			})
			b.Run("impl=gsd/"+variant, func(b *testing.B) {
				db := tg.openGSD(b, func(cfg *mysql.Config) {
					cfg.ParseTime = true
					cfg.InterpolateParams = proto == "text"
				})
				benchLargeDB(b, db, c, proto)
			})
		}
	}
}

// benchLargeDB is LargeResult through database/sql on db: a prepared
// statement for bin, the query with interpolated arguments for text.
func benchLargeDB(b *testing.B, db *sql.DB, c int, proto string) {
	setConns(db, c)
	if proto == "text" {
		benchLarge(b, c, func(ctx context.Context) (rowsLike, error) { return db.QueryContext(ctx, mixedQuery, largeRows) })
		return
	}
	st, err := db.PrepareContext(testCtx(b), mixedQuery)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	benchLarge(b, c, func(ctx context.Context) (rowsLike, error) { return st.QueryContext(ctx, largeRows) })
}

// benchLarge runs b.N ops of c concurrent queries, each drained, and
// reports rows/s.
func benchLarge(b *testing.B, c int, query func(ctx context.Context) (rowsLike, error)) {
	op := func(ctx context.Context, _ int) error {
		rows, err := query(ctx)
		if err != nil {
			return err
		}
		return drain(rows, largeRows, nil)
	}
	ctx := testCtx(b)
	if err := spread(ctx, c, c, op); err != nil { // warm up every connection
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	err := spread(ctx, c, b.N*c, op)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	reportRate(b, b.N*c*largeRows, "rows/s")
}
