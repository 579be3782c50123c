// Command pool is aiomysql's pool example in Go: create a pool, acquire a
// connection, run SELECT 42 through a cursor, release it, close the pool
// and wait for it to close.
//
// It connects to AIOMYSQL_DSN when that is set; otherwise it starts a
// private, throwaway MariaDB with mysqltest and connects to that.
package main

import (
	"context"
	"fmt"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/examples/internal/demo"
)

func main() { demo.Main(run) }

func run(ctx context.Context, dsn string) error {
	// pool = await aiomysql.create_pool(minsize=1, maxsize=10, ...)
	pool, err := aiomysql.CreatePoolDSN(ctx, dsn)
	if err != nil {
		return err
	}
	// async with pool.acquire() as conn:
	err = pool.AcquireFunc(ctx, func(conn aiomysql.PoolConn) error {
		// async with conn.cursor() as cur:
		cur, err := conn.Cursor()
		if err != nil {
			return err
		}
		defer cur.Close()
		if _, err := cur.Execute(ctx, "SELECT 42"); err != nil {
			return err
		}
		row, err := cur.FetchOne(ctx)
		if err != nil {
			return err
		}
		fmt.Println(row[0])
		return nil
	})
	// pool.close(); await pool.wait_closed()
	pool.Close()
	if werr := pool.WaitClosed(ctx); err == nil {
		err = werr
	}
	return err
}
