package dbsql_test

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"testing"

	"github.com/pressly/goose/v3"
)

// gooseMigrations are the SQL migrations of TestGoose; version 3 is the Go
// migration gooseSeed.
//
//go:embed migrations/*.sql
var gooseMigrations embed.FS

// gooseSeed is migration 3, written in Go: it inserts accounts in the
// migration's transaction and deletes them on the way down.
var gooseSeed = goose.NewGoMigration(3,
	&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		for _, e := range []string{"a@example.org", "b@example.org"} {
			if _, err := tx.ExecContext(ctx, "INSERT INTO goose_accounts (email, balance) VALUES (?, ?)", e, 25.5); err != nil {
				return err
			}
		}
		return nil
	}},
	&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM goose_accounts WHERE email IN ('a@example.org', 'b@example.org')")
		return err
	}},
)

// TestGoose runs goose's embedded SQL migrations (one with a
// StatementBegin/End block creating a procedure) and a Go migration through a
// goose.Provider: status before, up, status after, the data and the
// procedure, one down, and down to zero.
func TestGoose(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		ctx := testContext(t)
		db := open(t, d, "parseTime=true")
		exec(t, db, "DROP PROCEDURE IF EXISTS goose_total", "DROP TABLE IF EXISTS goose_accounts", "DROP TABLE IF EXISTS goose_db_version")
		migrations, err := fs.Sub(gooseMigrations, "migrations")
		if err != nil {
			t.Fatal(err)
		}
		p, err := goose.NewProvider(goose.DialectMySQL, db, migrations,
			goose.WithGoMigrations(gooseSeed), goose.WithDisableGlobalRegistry(true))
		if err != nil {
			t.Fatalf("NewProvider: %v", err)
		}
		var log []string
		logStatus := func(when string) {
			st, err := p.Status(ctx)
			if err != nil {
				t.Fatalf("Status %s: %v", when, err)
			}
			for _, s := range st {
				log = append(log, fmt.Sprintf("%s: %d %s %v", when, s.Source.Version, s.State, !s.AppliedAt.IsZero()))
			}
		}
		logResults := func(rs ...*goose.MigrationResult) {
			for _, r := range rs {
				log = append(log, fmt.Sprintf("%s %d %s", r.Direction, r.Source.Version, r.Source.Type))
			}
		}

		logStatus("before")
		up, err := p.Up(ctx)
		if err != nil {
			t.Fatalf("Up: %v", err)
		}
		logResults(up...)
		logStatus("after up")
		var total string
		if _, err := db.ExecContext(ctx, "CALL goose_total(@t)"); err != nil {
			t.Fatalf("CALL goose_total: %v", err)
		}
		if err := db.QueryRowContext(ctx, "SELECT @t").Scan(&total); err != nil {
			t.Fatalf("SELECT @t: %v", err)
		}
		log = append(log, "total "+total)
		down, err := p.Down(ctx)
		if err != nil {
			t.Fatalf("Down: %v", err)
		}
		logResults(down)
		v, err := p.GetDBVersion(ctx)
		if err != nil {
			t.Fatalf("GetDBVersion: %v", err)
		}
		log = append(log, fmt.Sprint("version ", v), fmt.Sprint("accounts ", count(t, db, "goose_accounts")))
		all, err := p.DownTo(ctx, 0)
		if err != nil {
			t.Fatalf("DownTo 0: %v", err)
		}
		logResults(all...)
		logStatus("after down")

		want := []string{
			"before: 1 pending false", "before: 2 pending false", "before: 3 pending false",
			"up 1 sql", "up 2 sql", "up 3 go",
			"after up: 1 applied true", "after up: 2 applied true", "after up: 3 applied true",
			"total 151.00",
			"down 3 go", "version 2", "accounts 1",
			"down 2 sql", "down 1 sql",
			"after down: 1 pending false", "after down: 2 pending false", "after down: 3 pending false",
		}
		if !reflect.DeepEqual(log, want) {
			t.Errorf("goose did\n%q\nwant\n%q", log, want)
		}
		return log
	})
}

// count returns the number of rows of table.
func count(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(testContext(t), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatalf("counting %s: %v", table, err)
	}
	return n
}
