package stdlib_test

import (
	"context"
	"database/sql"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/mysqltest"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// rootDSN is the shared server's root DSN, without TLS.
func rootDSN(t *testing.T) string {
	t.Helper()
	return shared.Get(t).DSN(shared.Get(t).Root) + "?tls=false"
}

// serverConfig is a Config for srv's root over TCP, without TLS.
func serverConfig(t *testing.T, srv *mysqltest.Server) *aiomysql.Config {
	t.Helper()
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	return cfg
}

// openDB opens a DB on the shared server with database/sql's DSN path.
func openDB(t *testing.T, params string) *sql.DB {
	t.Helper()
	dsn := rootDSN(t)
	if params != "" {
		dsn += "&" + params
	}
	db, err := sql.Open(stdlib.DriverName, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// proxiedDB is a DB whose connections go through a fault proxy to the
// shared server.
func proxiedDB(t *testing.T) (*sql.DB, *faultproxy.Proxy) {
	t.Helper()
	srv := shared.Get(t)
	proxy, err := faultproxy.New(context.Background(), faultproxy.Config{Upstream: srv.Addr()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := serverConfig(t, srv)
	host, port, _ := net.SplitHostPort(proxy.Addr())
	cfg.Host = host
	cfg.Port, _ = strconv.Atoi(port)
	db := stdlib.OpenDB(cfg)
	t.Cleanup(func() {
		db.Close()
		proxy.Close()
	})
	return db, proxy
}

// adminExec runs statements on the shared server outside database/sql.
func adminExec(t *testing.T, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if err := shared.Get(t).Exec(testCtx(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// adminValue runs a one-value query on the shared server.
func adminValue(t *testing.T, q string) string {
	t.Helper()
	v, err := shared.Get(t).QueryValue(testCtx(t), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return v
}
