package dbsql_test

import (
	"database/sql"
	"errors"
	"reflect"
	"testing"
)

// programResult is what the go-sql-driver program of TestProgram saw.
type programResult struct {
	InsertID     int64
	Affected     []int64
	People       []string
	Committed    int
	RolledBack   int
	ErrNoRows    bool
	Prepared     []string
	NullBio      sql.NullString
	StmtAffected int64
}

// TestProgram runs a program written as one writes for go-sql-driver: CRUD
// with placeholders, a transaction committed and one rolled back, prepared
// statements reused, sql.ErrNoRows and NULLs.
func TestProgram(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) programResult {
		ctx := testContext(t)
		db := open(t, d, "")
		exec(t, db, "DROP TABLE IF EXISTS program_people",
			"CREATE TABLE program_people (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, bio TEXT NULL)")
		var r programResult

		// Create.
		res, err := db.ExecContext(ctx, "INSERT INTO program_people (name, bio) VALUES (?, ?)", "ada", "mathematician")
		if err != nil {
			t.Fatalf("INSERT: %v", err)
		}
		if r.InsertID, err = res.LastInsertId(); err != nil {
			t.Fatalf("LastInsertId: %v", err)
		}
		if r.InsertID != 1 {
			t.Errorf("LastInsertId = %d, want 1", r.InsertID)
		}
		res, err = db.ExecContext(ctx, "INSERT INTO program_people (name, bio) VALUES (?, ?), (?, ?)", "bob", nil, "cy", "poet")
		if err != nil {
			t.Fatalf("INSERT of two rows: %v", err)
		}
		r.Affected = append(r.Affected, affected(t, res))

		// Update and delete.
		res, err = db.ExecContext(ctx, "UPDATE program_people SET bio = ? WHERE name = ?", "painter", "cy")
		if err != nil {
			t.Fatalf("UPDATE: %v", err)
		}
		r.Affected = append(r.Affected, affected(t, res))
		res, err = db.ExecContext(ctx, "DELETE FROM program_people WHERE id = ?", 1)
		if err != nil {
			t.Fatalf("DELETE: %v", err)
		}
		r.Affected = append(r.Affected, affected(t, res))

		// Read.
		r.People = names(t, db, "SELECT name FROM program_people ORDER BY id")
		if err := db.QueryRowContext(ctx, "SELECT bio FROM program_people WHERE name = ?", "bob").Scan(&r.NullBio); err != nil {
			t.Fatalf("SELECT bio: %v", err)
		}
		var n int
		err = db.QueryRowContext(ctx, "SELECT id FROM program_people WHERE name = ?", "nobody").Scan(&n)
		r.ErrNoRows = errors.Is(err, sql.ErrNoRows)

		// A transaction committed, one rolled back.
		r.Committed = txInsert(t, db, "dan", true)
		r.RolledBack = txInsert(t, db, "eve", false)

		// Prepared statements reused.
		ins, err := db.PrepareContext(ctx, "INSERT INTO program_people (name) VALUES (?)")
		if err != nil {
			t.Fatalf("Prepare INSERT: %v", err)
		}
		defer ins.Close()
		for _, name := range []string{"fay", "gus"} {
			res, err := ins.ExecContext(ctx, name)
			if err != nil {
				t.Fatalf("prepared INSERT %s: %v", name, err)
			}
			r.StmtAffected += affected(t, res)
		}
		sel, err := db.PrepareContext(ctx, "SELECT name FROM program_people WHERE name IN (?, ?) ORDER BY name")
		if err != nil {
			t.Fatalf("Prepare SELECT: %v", err)
		}
		defer sel.Close()
		rows, err := sel.QueryContext(ctx, "gus", "fay")
		if err != nil {
			t.Fatalf("prepared SELECT: %v", err)
		}
		r.Prepared = scanNames(t, rows)

		want := programResult{
			InsertID: 1, Affected: []int64{2, 1, 1}, People: []string{"bob", "cy"},
			Committed: 1, RolledBack: 0, ErrNoRows: true,
			Prepared: []string{"fay", "gus"}, NullBio: sql.NullString{}, StmtAffected: 2,
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("program saw %+v, want %+v", r, want)
		}
		return r
	})
}

// txInsert inserts name in a transaction, commits or rolls it back, and
// returns how many rows named name the table then has.
func txInsert(t *testing.T, db *sql.DB, name string, commit bool) int {
	t.Helper()
	ctx := testContext(t)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatalf("BeginTx: %v", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO program_people (name) VALUES (?)", name); err != nil {
		tx.Rollback()
		t.Fatalf("INSERT in the transaction: %v", err)
	}
	var inside int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM program_people WHERE name = ?", name).Scan(&inside); err != nil {
		tx.Rollback()
		t.Fatalf("SELECT in the transaction: %v", err)
	}
	if inside != 1 {
		t.Errorf("inside the transaction %d rows named %s, want 1", inside, name)
	}
	if commit {
		err = tx.Commit()
	} else {
		err = tx.Rollback()
	}
	if err != nil {
		t.Fatalf("ending the transaction (commit=%v): %v", commit, err)
	}
	var after int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM program_people WHERE name = ?", name).Scan(&after); err != nil {
		t.Fatalf("SELECT after the transaction: %v", err)
	}
	return after
}
