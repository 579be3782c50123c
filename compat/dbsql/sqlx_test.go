package dbsql_test

import (
	"database/sql"
	"reflect"
	"testing"

	"github.com/jmoiron/sqlx"
)

// sqlxPerson is a row of sqlx_people, mapped by db tags.
type sqlxPerson struct {
	ID    int64          `db:"id"`
	Name  string         `db:"name"`
	Email sql.NullString `db:"email"`
	Age   int            `db:"age"`
}

// sqlxResult is what TestSQLX saw.
type sqlxResult struct {
	Inserted   int64
	Got        sqlxPerson
	Selected   []sqlxPerson
	Named      []sqlxPerson
	Scanned    []sqlxPerson
	In         []string
	InQuery    string
	Committed  int
	RolledBack int
}

// TestSQLX uses sqlx as its users do: NamedExec with a struct and with a
// slice of structs (a batch insert), NamedQuery with a map, Get and Select
// into structs, StructScan of sqlx.Rows, sqlx.In expanded and rebound, and
// transactions with Beginx (rolled back) and MustBegin (committed).
func TestSQLX(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) sqlxResult {
		ctx := testContext(t)
		db, err := sqlx.Open(d.driver, dsn(t, ""))
		if err != nil {
			t.Fatalf("sqlx.Open: %v", err)
		}
		t.Cleanup(func() { db.Close() })
		db.MustExecContext(ctx, "DROP TABLE IF EXISTS sqlx_people")
		db.MustExecContext(ctx, "CREATE TABLE sqlx_people (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, email VARCHAR(80) NULL, age INT NOT NULL)")
		var r sqlxResult

		const insert = "INSERT INTO sqlx_people (name, email, age) VALUES (:name, :email, :age)"
		res, err := db.NamedExecContext(ctx, insert, sqlxPerson{Name: "ann", Email: sql.NullString{String: "ann@example.org", Valid: true}, Age: 31})
		if err != nil {
			t.Fatalf("NamedExec of a struct: %v", err)
		}
		r.Inserted = affected(t, res)
		batch := []sqlxPerson{{Name: "ben", Age: 25}, {Name: "cat", Age: 40}, {Name: "dov", Age: 19}}
		res, err = db.NamedExecContext(ctx, insert, batch)
		if err != nil {
			t.Fatalf("NamedExec of a slice: %v", err)
		}
		r.Inserted += affected(t, res)

		if err := db.GetContext(ctx, &r.Got, "SELECT * FROM sqlx_people WHERE name = ?", "ann"); err != nil {
			t.Fatalf("Get: %v", err)
		}
		if err := db.SelectContext(ctx, &r.Selected, "SELECT * FROM sqlx_people WHERE age > ? ORDER BY age", 20); err != nil {
			t.Fatalf("Select: %v", err)
		}
		nrows, err := db.NamedQueryContext(ctx, "SELECT * FROM sqlx_people WHERE age < :max ORDER BY id", map[string]any{"max": 30})
		if err != nil {
			t.Fatalf("NamedQuery: %v", err)
		}
		r.Named = structScanAll(t, nrows)
		rows, err := db.QueryxContext(ctx, "SELECT * FROM sqlx_people ORDER BY name DESC LIMIT 2")
		if err != nil {
			t.Fatalf("Queryx: %v", err)
		}
		r.Scanned = structScanAll(t, rows)

		query, args, err := sqlx.In("SELECT name FROM sqlx_people WHERE name IN (?) AND age >= ? ORDER BY name", []string{"ann", "cat", "dov", "zed"}, 20)
		if err != nil {
			t.Fatalf("sqlx.In: %v", err)
		}
		r.InQuery = db.Rebind(query)
		if err := db.SelectContext(ctx, &r.In, r.InQuery, args...); err != nil {
			t.Fatalf("Select of the sqlx.In query: %v", err)
		}

		tx, err := db.Beginx()
		if err != nil {
			t.Fatalf("Beginx: %v", err)
		}
		tx.MustExec("DELETE FROM sqlx_people WHERE name = ?", "ann")
		if err := tx.Rollback(); err != nil {
			t.Fatalf("Rollback: %v", err)
		}
		if err := db.GetContext(ctx, &r.RolledBack, "SELECT COUNT(*) FROM sqlx_people"); err != nil {
			t.Fatalf("counting after the rollback: %v", err)
		}
		mtx := db.MustBegin()
		if _, err := mtx.NamedExec(insert, sqlxPerson{Name: "eli", Age: 50}); err != nil {
			mtx.Rollback()
			t.Fatalf("NamedExec in the transaction: %v", err)
		}
		if err := mtx.Commit(); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		if err := db.GetContext(ctx, &r.Committed, "SELECT COUNT(*) FROM sqlx_people"); err != nil {
			t.Fatalf("counting after the commit: %v", err)
		}

		ann := sqlxPerson{ID: 1, Name: "ann", Email: sql.NullString{String: "ann@example.org", Valid: true}, Age: 31}
		ben := sqlxPerson{ID: 2, Name: "ben", Age: 25}
		cat := sqlxPerson{ID: 3, Name: "cat", Age: 40}
		dov := sqlxPerson{ID: 4, Name: "dov", Age: 19}
		want := sqlxResult{
			Inserted: 4, Got: ann,
			Selected: []sqlxPerson{ben, ann, cat}, Named: []sqlxPerson{ben, dov}, Scanned: []sqlxPerson{dov, cat},
			In: []string{"ann", "cat"}, InQuery: "SELECT name FROM sqlx_people WHERE name IN (?, ?, ?, ?) AND age >= ? ORDER BY name",
			Committed: 5, RolledBack: 4,
		}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("sqlx saw\n%+v\nwant\n%+v", r, want)
		}
		return r
	})
}

// structScanAll StructScans every row of rows and closes them.
func structScanAll(t *testing.T, rows *sqlx.Rows) []sqlxPerson {
	t.Helper()
	defer rows.Close()
	var out []sqlxPerson
	for rows.Next() {
		var p sqlxPerson
		if err := rows.StructScan(&p); err != nil {
			t.Fatalf("StructScan: %v", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("rows.Err: %v", err)
	}
	return out
}
