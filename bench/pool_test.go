package bench_test

import (
	"database/sql"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
)

// BenchmarkPoolAcquire: one acquire and release of an idle connection,
// uncontended: aiomysql's Pool.Acquire + Release against database/sql's
// pool (DB.Conn + Conn.Close) over go-sql-driver/mysql. Neither sends
// anything: aiomysql peeks at the socket; database/sql with gsd checks
// the connection's liveness the same way (checkConnLiveness, its default).
func BenchmarkPoolAcquire(b *testing.B) {
	tg := server(b)
	b.Run("impl=native", func(b *testing.B) {
		ctx := testCtx(b)
		pc := aiomysql.NewPoolConfig(tg.native)
		pc.MaxSize = 1
		p, err := aiomysql.CreatePool(ctx, pc)
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			c, err := p.Acquire(ctx)
			if err != nil {
				b.Fatal(err)
			}
			c.Release()
		}
	})
	b.Run("impl=gsd", func(b *testing.B) {
		ctx := testCtx(b)
		conn, err := mysql.NewConnector(tg.gsd)
		if err != nil {
			b.Fatal(err)
		}
		db := sql.OpenDB(conn)
		defer db.Close()
		db.SetMaxOpenConns(1)
		if err := db.PingContext(ctx); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			c, err := db.Conn(ctx)
			if err != nil {
				b.Fatal(err)
			}
			_ = c.Close()
		}
	})
}
