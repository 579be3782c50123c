package bench_test

import (
	"context"
	"database/sql"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// poolSize is the connections PoolAcquire's pools hold: below par=8 and
// par=64, so that goroutines wait for one another there.
func poolSize(par int) int { return min(par, 4) }

// BenchmarkPoolAcquire: an acquire and release of an idle connection by
// par goroutines at once on a pool of min(par, 4) connections: aiomysql's
// Pool.Acquire + Release against database/sql's pool (DB.Conn +
// Conn.Close) over aiomysql's stdlib driver and go-sql-driver/mysql.
// Nothing is sent: aiomysql peeks at the socket; database/sql with gsd
// checks the connection's liveness the same way (checkConnLiveness, its
// default). It reports acquisitions as q/s. The variants par=N/peek=1s are
// aiomysql with PoolConfig.PeekAfterIdle = 1 s, pgx's rule (no peek for a
// connection idle under a second).
func BenchmarkPoolAcquire(b *testing.B) {
	tg := server(b)
	for _, par := range []int{1, 8, 64} {
		variant := "/par=" + strconv.Itoa(par)
		native := func(b *testing.B, peekAfter time.Duration) {
			pc := aiomysql.NewPoolConfig(tg.native.Clone())
			pc.MaxSize = poolSize(par)
			pc.PeekAfterIdle = peekAfter
			p := createPool(b, pc)
			runConcurrent(b, par, func(ctx context.Context, _ int) error {
				c, err := p.Acquire(ctx)
				if err != nil {
					return err
				}
				c.Release()
				return nil
			})
		}
		b.Run("impl=native"+variant, func(b *testing.B) { native(b, 0) })
		// pgx's rule: the socket is peeked at only after 1 s idle (the
		// default peeks at every acquire: a system call each).
		b.Run("impl=native"+variant+"/peek=1s", func(b *testing.B) { native(b, time.Second) })
		bench := func(b *testing.B, db *sql.DB) {
			setConns(db, poolSize(par))
			runConcurrent(b, par, func(ctx context.Context, _ int) error {
				c, err := db.Conn(ctx)
				if err != nil {
					return err
				}
				return c.Close()
			})
		}
		b.Run("impl=stdlib"+variant, func(b *testing.B) { bench(b, tg.openStdlib(b, nil)) })
		b.Run("impl=gsd"+variant, func(b *testing.B) { bench(b, tg.openGSD(b, nil)) })
	}
}
