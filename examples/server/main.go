// Command server starts a private, throwaway MariaDB with mysqltest, shows
// where it listens and which users it has, and stops it again. It is what
// `make demo` runs until the client examples exist.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	start := time.Now()
	srv, err := mysqltest.Start(ctx, nil)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Printf("server %s ready in %v\n", srv.Version, time.Since(start).Round(time.Millisecond))
	if srv.External {
		fmt.Printf("(external server from %s)\n", mysqltest.EnvDSN)
	}
	for _, u := range []mysqltest.User{srv.Root, srv.Native, srv.Ed25519, srv.OldPassword, srv.TLSOnly, srv.X509} {
		if u.Name != "" {
			fmt.Printf("  user %-8s plugin %s\n", u.Name, u.Plugin)
		}
	}
	v, err := srv.QueryValue(ctx, "SELECT 6*7")
	if err != nil {
		return err
	}
	fmt.Println("SELECT 6*7 ->", v)
	return nil
}
