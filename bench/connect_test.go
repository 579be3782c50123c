package bench_test

import (
	"context"
	"database/sql/driver"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// BenchmarkConnect: dial, handshake and authenticate (no TLS, root with no
// password: mysql_native_password's exchange), then close: native
// Connect + Close, and each database/sql driver's Connector.Connect + the
// connection's Close (no pool in the way).
func BenchmarkConnect(b *testing.B) {
	tg := server(b)
	b.Run("impl=native", func(b *testing.B) {
		ctx := testCtx(b)
		b.ReportAllocs()
		for b.Loop() {
			c, err := aiomysql.Connect(ctx, tg.native)
			if err != nil {
				b.Fatal(err)
			}
			_ = c.Close()
		}
	})
	b.Run("impl=stdlib", func(b *testing.B) {
		benchConnector(b, stdlib.NewConnector(tg.native))
	})
	b.Run("impl=gsd", func(b *testing.B) {
		connector, err := mysql.NewConnector(tg.gsd)
		if err != nil {
			b.Fatal(err)
		}
		benchConnector(b, connector)
	})
}

// benchConnector opens and closes a driver connection of connector b.N times.
func benchConnector(b *testing.B, connector driver.Connector) {
	ctx := testCtx(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := connectOnce(ctx, connector); err != nil {
			b.Fatal(err)
		}
	}
}

func connectOnce(ctx context.Context, connector driver.Connector) error {
	c, err := connector.Connect(ctx)
	if err != nil {
		return err
	}
	return c.Close()
}
