// Package demo runs an example program against AIOMYSQL_DSN when that is
// set, or else against a private, throwaway MariaDB that mysqltest starts
// and removes.
package demo

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// Main runs fn with the server's DSN under a two-minute context and exits
// with status 1, printing the error, when it fails.
func Main(fn func(ctx context.Context, dsn string) error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	err := run(ctx, fn)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, fn func(ctx context.Context, dsn string) error) error {
	dsn := os.Getenv("AIOMYSQL_DSN")
	if dsn == "" {
		srv, err := mysqltest.Start(ctx, &mysqltest.Options{IgnoreEnv: true})
		if err != nil {
			return err
		}
		defer srv.Close()
		dsn = srv.DSN(srv.Root)
	}
	return fn(ctx, dsn)
}
