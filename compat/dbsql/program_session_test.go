package dbsql_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

// TestProgramSessionParams sets the session the way go-sql-driver DSNs do:
// charset and collation, and any other parameter as a system variable
// (time_zone, sql_mode, autocommit), on every connection of the pool.
func TestProgramSessionParams(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []string {
		db := open(t, d, "charset=utf8mb4&collation=utf8mb4_unicode_ci&time_zone=%27%2B03%3A00%27&sql_mode=%27ANSI_QUOTES%2CSTRICT_ALL_TABLES%27&autocommit=1")
		db.SetMaxIdleConns(2)
		ctx := testContext(t)
		// Two connections at once, so the settings are checked on both.
		c1, err := db.Conn(ctx)
		if err != nil {
			t.Fatalf("Conn: %v", err)
		}
		defer c1.Close()
		c2, err := db.Conn(ctx)
		if err != nil {
			t.Fatalf("Conn: %v", err)
		}
		defer c2.Close()
		var out []string
		for _, c := range []*sql.Conn{c1, c2} {
			var cs, coll, tz, mode, ac, quoted string
			err := c.QueryRowContext(ctx, `SELECT @@character_set_connection, @@collation_connection, @@time_zone, @@sql_mode, @@autocommit, "ident" FROM (SELECT 1 AS "ident") AS t`).
				Scan(&cs, &coll, &tz, &mode, &ac, &quoted)
			if err != nil {
				t.Fatalf("SELECT of the session: %v", err)
			}
			out = append(out, cs+" "+coll+" "+tz+" "+mode+" "+ac+" "+quoted)
		}
		want := "utf8mb4 utf8mb4_unicode_ci +03:00 ANSI_QUOTES,STRICT_ALL_TABLES 1 1"
		for _, got := range out {
			if got != want {
				t.Errorf("session %q, want %q", got, want)
			}
		}
		return out
	})
}

// TestProgramServerErrors checks the server errors a program inspects by
// number through the driver's error type, and that the pool goes on after
// each: a syntax error, a missing table, a failed statement inside a
// transaction (which stays usable and commits the rest), and a deadline.
func TestProgramServerErrors(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) []serverError {
		db := open(t, d, "")
		ctx := testContext(t)
		exec(t, db, "DROP TABLE IF EXISTS program_errs", "CREATE TABLE program_errs (id INT PRIMARY KEY)")
		var out []serverError
		_, err := db.ExecContext(ctx, "SELEC 1")
		out = append(out, serverErrorOf(t, d, err))
		_, err = db.QueryContext(ctx, "SELECT * FROM program_no_such_table WHERE id = ?", 1)
		out = append(out, serverErrorOf(t, d, err))

		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatalf("BeginTx: %v", err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO program_errs VALUES (1)"); err != nil {
			t.Fatalf("INSERT: %v", err)
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO program_errs VALUES (?)", 1)
		out = append(out, serverErrorOf(t, d, err))
		if _, err := tx.ExecContext(ctx, "INSERT INTO program_errs VALUES (2)"); err != nil {
			t.Fatalf("INSERT after the error: %v", err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		if n := count(t, db, "program_errs"); n != 2 {
			t.Errorf("%d rows committed, want 2", n)
		}

		short, cancel := context.WithTimeout(ctx, 0)
		defer cancel()
		_, err = db.ExecContext(short, "SELECT 1")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("an expired deadline: %v, want context.DeadlineExceeded", err)
		}
		want := []serverError{{1064, "42000"}, {1146, "42S02"}, {1062, "23000"}}
		if len(out) != len(want) || out[0] != want[0] || out[1] != want[1] || out[2] != want[2] {
			t.Errorf("errors %+v, want %+v", out, want)
		}
		return out
	})
}
