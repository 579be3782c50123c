package bench_test

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// shared is the private MariaDB the benchmarks share when AIOMYSQL_DSN is
// not set, started on first use with the flags performance.md names.
var shared = mysqltest.Shared{Options: &mysqltest.Options{
	MaxAllowedPacket: 256 << 20,
	ExtraFlags: []string{
		"--innodb-buffer-pool-size=1G",
		"--innodb-flush-log-at-trx-commit=2",
		"--local-infile=1",
	},
}}

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}

// target is the server under test, as each driver's configuration. Both
// connect without TLS (go-sql-driver/mysql's default; aiomysql's would
// prefer it), so that the comparison is of the drivers, not of ciphers.
type target struct {
	native *aiomysql.Config
	gsd    *mysql.Config
	socket string // the server's unix socket, "" when unknown (AIOMYSQL_DSN)
}

// server returns the server the benchmarks run against: AIOMYSQL_DSN when
// set, else the shared private server. The DSN must name a database.
func server(tb testing.TB) target {
	tb.Helper()
	dsn, socket := os.Getenv("AIOMYSQL_DSN"), ""
	if dsn == "" {
		srv := shared.Get(tb)
		dsn, socket = srv.DSN(srv.Root), srv.Socket
	}
	cfg, err := aiomysql.ParseDSN(dsn)
	if err != nil {
		tb.Fatal(err) // the error does not quote the DSN
	}
	if cfg.Database == "" {
		tb.Fatal("bench: the DSN names no database; the benchmarks create their tables in it")
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	g := mysql.NewConfig()
	g.User, g.Passwd, g.DBName = cfg.User, cfg.Password, cfg.Database
	g.Net, g.Addr = cfg.Network(), cfg.Addr()
	return target{native: cfg, gsd: g, socket: socket}
}

// testCtx returns a context that ends with the test or benchmark, and in a
// minute at most.
func testCtx(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	tb.Cleanup(cancel)
	return ctx
}

// connect opens one native connection with configure applied to a copy of
// the target's Config; it is closed when tb ends.
func (tg target) connect(tb testing.TB, configure func(*aiomysql.Config)) *aiomysql.Conn {
	tb.Helper()
	cfg := tg.native.Clone()
	if configure != nil {
		configure(cfg)
	}
	c, err := aiomysql.Connect(testCtx(tb), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// openGSD opens a go-sql-driver/mysql pool of one connection with configure
// applied to a copy of the target's Config; it is closed when tb ends.
func (tg target) openGSD(tb testing.TB, configure func(*mysql.Config)) *sql.DB {
	tb.Helper()
	cfg := tg.gsd.Clone()
	if configure != nil {
		configure(cfg)
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	db := sql.OpenDB(connector)
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	tb.Cleanup(func() { _ = db.Close() })
	if err := db.PingContext(testCtx(tb)); err != nil {
		tb.Fatal(err)
	}
	return db
}

var (
	fooOnce sync.Once
	fooErr  error
)

// createFoo creates table foo (id 1..8, name "name-<id>") once per process (it survives from
// run to run on an external server, and is recreated the same).
func createFoo(tb testing.TB, c *aiomysql.Conn) {
	tb.Helper()
	fooOnce.Do(func() {
		ctx := testCtx(tb)
		for _, q := range []string{
			"DROP TABLE IF EXISTS foo",
			"CREATE TABLE foo (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL)",
			"INSERT INTO foo VALUES (1,'name-1'),(2,'name-2'),(3,'name-3'),(4,'name-4')," +
				"(5,'name-5'),(6,'name-6'),(7,'name-7'),(8,'name-8')",
		} {
			if _, fooErr = c.Exec(ctx, q); fooErr != nil {
				return
			}
		}
	})
	if fooErr != nil {
		tb.Fatal(fooErr)
	}
}
