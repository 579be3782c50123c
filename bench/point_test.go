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

// pointQuery is PointSelect's query: table foo by primary key.
const pointQuery = "SELECT id, name FROM foo WHERE id = ?"

// pointID is the id iteration i asks for (1..8).
func pointID(i int) int { return i%8 + 1 }

// scanPoint checks a point select's row for id.
func scanPoint(id int, scan func(...any) error) error {
	var got int
	var name string
	if err := scan(&got, &name); err != nil {
		return err
	}
	if got != id {
		return fmt.Errorf("id %d, want %d", got, id)
	}
	return nil
}

// BenchmarkPointSelect: a select of table foo by primary key from c
// goroutines sharing a pool of c connections, over TCP and the unix
// socket, as text (native QueryExecModeText, gsd interpolateParams=true:
// one COM_QUERY) and prepared (native's default cached statement;
// database/sql's DB.Prepare, prepared once per connection): one round trip
// each. It reports q/s.
func BenchmarkPointSelect(b *testing.B) {
	tcp := server(b)
	createFoo(b, tcp.connect(b, nil))
	for _, c := range []int{1, 8, 64} {
		for _, network := range []string{"tcp", "unix"} {
			for _, proto := range []string{"text", "prep"} {
				variant := "c=" + strconv.Itoa(c) + "/" + network + "/" + proto
				tg := func(b *testing.B) target {
					if network == "unix" {
						return tcp.overUnix(b)
					}
					return tcp
				}
				b.Run("impl=native/"+variant, func(b *testing.B) {
					mode := aiomysql.QueryExecModeCacheStatement
					if proto == "text" {
						mode = aiomysql.QueryExecModeText
					}
					p := tg(b).openPool(b, c, nil)
					runConcurrent(b, c, func(ctx context.Context, i int) error {
						id := pointID(i)
						return scanPoint(id, p.QueryRow(ctx, pointQuery, mode, id).Scan)
					})
				})
				b.Run("impl=stdlib/"+variant, func(b *testing.B) {
					db := tg(b).openStdlib(b, func(cfg *aiomysql.Config) {
						if proto == "text" {
							cfg.InterpolateParams = true
						}
					})
					benchPointDB(b, db, c, proto)
				})
				b.Run("impl=gsd/"+variant, func(b *testing.B) {
					db := tg(b).openGSD(b, func(cfg *mysql.Config) { cfg.InterpolateParams = proto == "text" })
					benchPointDB(b, db, c, proto)
				})
			}
		}
	}
}

// benchPointDB is PointSelect through database/sql on db with c
// connections.
func benchPointDB(b *testing.B, db *sql.DB, c int, proto string) {
	setConns(db, c)
	query := func(ctx context.Context, id int) *sql.Row { return db.QueryRowContext(ctx, pointQuery, id) }
	if proto == "prep" {
		st, err := db.PrepareContext(testCtx(b), pointQuery)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = st.Close() })
		query = func(ctx context.Context, id int) *sql.Row { return st.QueryRowContext(ctx, id) }
	}
	runConcurrent(b, c, func(ctx context.Context, i int) error {
		id := pointID(i)
		return scanPoint(id, query(ctx, id).Scan)
	})
}
