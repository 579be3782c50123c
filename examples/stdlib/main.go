// Command stdlib runs SELECT 42 through database/sql with the aiomysql
// driver: the program a go-sql-driver/mysql user writes, with the import
// and the driver name changed.
//
// It connects to AIOMYSQL_DSN when that is set; otherwise it starts a
// private, throwaway MariaDB with mysqltest and connects to that.
package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/aiomysql-go/aiomysql/examples/internal/demo"
	_ "github.com/aiomysql-go/aiomysql/stdlib" // registers the "aiomysql" driver
)

func main() { demo.Main(run) }

func run(ctx context.Context, dsn string) error {
	db, err := sql.Open("aiomysql", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT ? + ?", 40, 2).Scan(&n); err != nil {
		return err
	}
	fmt.Println(n)
	return nil
}
