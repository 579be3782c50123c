package bench_test

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
)

// adhocQuery is the ad-hoc parameterized point select of AdhocParam.
const adhocQuery = "SELECT id, name FROM foo WHERE id = ?"

// adhocIDs are the ids the iterations cycle through: the same statement
// text with a different argument each time, as an application sends it.
var adhocIDs = [...]int{1, 3, 5, 7, 2}

// nativeModes are the execution modes AdhocParam measures, by name.
var nativeModes = []aiomysql.QueryExecMode{
	aiomysql.QueryExecModeCacheStatement,
	aiomysql.QueryExecModePrepareExecute,
	aiomysql.QueryExecModeDirect,
	aiomysql.QueryExecModeText,
}

// adhocNative runs the query once in mode on c and checks the row.
func adhocNative(ctx context.Context, c *aiomysql.Conn, mode aiomysql.QueryExecMode, id int) error {
	var gotID int
	var name string
	if err := c.QueryRow(ctx, adhocQuery, mode, id).Scan(&gotID, &name); err != nil {
		return err
	}
	if gotID != id {
		return fmt.Errorf("%s: id %d, want %d", mode, gotID, id)
	}
	return nil
}

// adhocGSD runs the query once on db and checks the row.
func adhocGSD(ctx context.Context, db *sql.DB, id int) error {
	var gotID int
	var name string
	if err := db.QueryRowContext(ctx, adhocQuery, id).Scan(&gotID, &name); err != nil {
		return err
	}
	if gotID != id {
		return fmt.Errorf("gsd: id %d, want %d", gotID, id)
	}
	return nil
}

// BenchmarkAdhocParam: Query("SELECT id, name FROM foo WHERE id = ?", id)
// on one connection, reading the row, in each of aiomysql's execution modes
// and through database/sql (aiomysql's stdlib driver, whose default is a
// cached statement, and go-sql-driver/mysql, whose default prepares,
// executes and closes each time) with and without interpolateParams.
func BenchmarkAdhocParam(b *testing.B) {
	tg := server(b)
	createFoo(b, tg.connect(b, nil))
	for _, mode := range nativeModes {
		b.Run("impl=native/mode="+mode.String(), func(b *testing.B) {
			ctx := testCtx(b)
			c := tg.connect(b, nil)
			if err := adhocNative(ctx, c, mode, 1); err != nil { // warm up
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := adhocNative(ctx, c, mode, adhocIDs[i%len(adhocIDs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, interpolate := range []bool{false, true} {
		b.Run("impl=stdlib/interpolate="+strconv.FormatBool(interpolate), func(b *testing.B) {
			db := tg.openStdlib(b, func(cfg *aiomysql.Config) { cfg.InterpolateParams = interpolate })
			benchAdhocDB(b, db)
		})
		b.Run("impl=gsd/interpolate="+strconv.FormatBool(interpolate), func(b *testing.B) {
			ctx := testCtx(b)
			db := tg.openGSD(b, func(cfg *mysql.Config) { cfg.InterpolateParams = interpolate })
			if err := adhocGSD(ctx, db, 1); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := adhocGSD(ctx, db, adhocIDs[i%len(adhocIDs)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchAdhocDB is AdhocParam through database/sql on db.
func benchAdhocDB(b *testing.B, db *sql.DB) {
	ctx := testCtx(b)
	if err := adhocGSD(ctx, db, 1); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := adhocGSD(ctx, db, adhocIDs[i%len(adhocIDs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
