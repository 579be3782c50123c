// Command basic is aiomysql's first example in Go: connect, open a cursor,
// run SELECT 42, fetch one row and print it.
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
	conn, err := aiomysql.ConnectDSN(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close()

	cur := conn.Cursor()
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
}
