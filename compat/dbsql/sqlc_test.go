package dbsql_test

import (
	"database/sql"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/compat/dbsql/sqlcdb"
)

// sqlcResult is what TestSQLC saw through the generated code.
type sqlcResult struct {
	Author      sqlcdb.SqlcAuthor
	Authors     []sqlcdb.SqlcAuthor
	BioRows     int64
	Books       []sqlcdb.ListBooksByAuthorRow
	RolledBack  int64 // books after a rolled-back WithTx insert
	Dup         serverError
	ErrNoRows   bool
	AfterDelete int
}

// TestSQLC runs the code sqlc v1.31.1 generated in package sqlcdb (schema
// and queries there): :one, :many, :exec, :execresult, :execrows and
// :execlastid queries, Queries.WithTx on a rolled-back transaction, a
// duplicate key, and sql.ErrNoRows from a :one.
func TestSQLC(t *testing.T) {
	both(t, func(t *testing.T, d driverCase) sqlcResult {
		ctx := testContext(t)
		db := open(t, d, "parseTime=true")
		exec(t, db, "DROP TABLE IF EXISTS sqlc_books", "DROP TABLE IF EXISTS sqlc_authors")
		exec(t, db, sqlcSchema(t)...)
		q := sqlcdb.New(db)
		var r sqlcResult

		born := time.Date(1815, 12, 10, 8, 30, 0, 0, time.UTC)
		res, err := q.CreateAuthor(ctx, sqlcdb.CreateAuthorParams{Name: "Ada", Bio: sql.NullString{String: "analyst", Valid: true}, Born: born})
		if err != nil {
			t.Fatalf("CreateAuthor: %v", err)
		}
		ada, err := res.LastInsertId()
		if err != nil {
			t.Fatalf("LastInsertId: %v", err)
		}
		if _, err := q.CreateAuthor(ctx, sqlcdb.CreateAuthorParams{Name: "Blaise", Born: born.AddDate(-192, 0, 0)}); err != nil {
			t.Fatalf("CreateAuthor Blaise: %v", err)
		}
		_, err = q.CreateAuthor(ctx, sqlcdb.CreateAuthorParams{Name: "Ada", Born: born})
		r.Dup = serverErrorOf(t, d, err)
		if r.Dup.Number != 1062 {
			t.Errorf("a second Ada: error number %d, want 1062 (duplicate entry)", r.Dup.Number)
		}

		if r.BioRows, err = q.UpdateAuthorBio(ctx, sqlcdb.UpdateAuthorBioParams{Bio: sql.NullString{String: "poet", Valid: true}, ID: ada}); err != nil {
			t.Fatalf("UpdateAuthorBio: %v", err)
		}
		if r.Author, err = q.GetAuthor(ctx, ada); err != nil {
			t.Fatalf("GetAuthor: %v", err)
		}
		if !r.Author.Born.Equal(born) || r.Author.Bio.String != "poet" {
			t.Errorf("GetAuthor = %+v, want born %v and bio poet", r.Author, born)
		}
		if r.Authors, err = q.ListAuthors(ctx); err != nil {
			t.Fatalf("ListAuthors: %v", err)
		}

		for _, b := range []sqlcdb.CreateBookParams{{AuthorID: ada, Title: "Notes", Price: "12.50"}, {AuthorID: ada, Title: "Letters", Price: "8.00"}} {
			if _, err := q.CreateBook(ctx, b); err != nil {
				t.Fatalf("CreateBook %s: %v", b.Title, err)
			}
		}
		if r.Books, err = q.ListBooksByAuthor(ctx, ada); err != nil {
			t.Fatalf("ListBooksByAuthor: %v", err)
		}
		r.RolledBack = sqlcRolledBack(t, db, q, ada)

		if err := q.DeleteBooksByAuthor(ctx, ada); err != nil {
			t.Fatalf("DeleteBooksByAuthor: %v", err)
		}
		if err := q.DeleteAuthor(ctx, ada); err != nil {
			t.Fatalf("DeleteAuthor: %v", err)
		}
		_, err = q.GetAuthor(ctx, ada)
		r.ErrNoRows = errors.Is(err, sql.ErrNoRows)
		left, err := q.ListAuthors(ctx)
		if err != nil {
			t.Fatalf("ListAuthors after the delete: %v", err)
		}
		r.AfterDelete = len(left)

		wantBooks := []sqlcdb.ListBooksByAuthorRow{{ID: r.Books[0].ID, Title: "Letters", Price: "8.00", Author: "Ada"}, {ID: r.Books[1].ID, Title: "Notes", Price: "12.50", Author: "Ada"}}
		if !reflect.DeepEqual(r.Books, wantBooks) {
			t.Errorf("ListBooksByAuthor = %+v, want %+v", r.Books, wantBooks)
		}
		if r.BioRows != 1 || len(r.Authors) != 2 || r.Authors[0].Name != "Ada" || r.RolledBack != 2 || !r.ErrNoRows || r.AfterDelete != 1 {
			t.Errorf("got %+v; want 1 bio row, authors Ada and Blaise, 2 books after the rollback, ErrNoRows, 1 author left", r)
		}
		return r
	})
}

// sqlcRolledBack inserts a book through q.WithTx, rolls back, and returns
// how many books author has.
func sqlcRolledBack(t *testing.T, db *sql.DB, q *sqlcdb.Queries, author int64) int64 {
	t.Helper()
	ctx := testContext(t)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatalf("BeginTx: %v", err)
	}
	qtx := q.WithTx(tx)
	if _, err := qtx.CreateBook(ctx, sqlcdb.CreateBookParams{AuthorID: author, Title: "Draft", Price: "1.00"}); err != nil {
		tx.Rollback()
		t.Fatalf("CreateBook in the transaction: %v", err)
	}
	if n, err := qtx.CountBooks(ctx, author); err != nil || n != 3 {
		t.Errorf("CountBooks in the transaction = %d, %v; want 3", n, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	n, err := q.CountBooks(ctx, author)
	if err != nil {
		t.Fatalf("CountBooks: %v", err)
	}
	return n
}

// sqlcSchema returns the statements of sqlcdb/schema.sql.
func sqlcSchema(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("sqlcdb/schema.sql")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range strings.Split(string(b), ";") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
