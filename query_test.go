package aiomysql_test

import (
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

func TestQueryExecArgs(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS q_t",
		"CREATE TABLE q_t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, score DOUBLE NULL)")

	res, err := c.Exec(ctx, "INSERT INTO q_t (name, score) VALUES (?, ?), (?, ?)", "ann", 1.5, "bob's", nil)
	if err != nil {
		t.Fatal(err)
	}
	affected, _ := res.RowsAffected()
	id, _ := res.LastInsertID()
	if affected != 2 || id != 1 || res.Warnings() != 0 || res.Info() == "" {
		t.Errorf("INSERT: affected %d, id %d, warnings %d, info %q", affected, id, res.Warnings(), res.Info())
	}
	res, err = c.Exec(ctx, "UPDATE q_t SET score = ? WHERE name = ?", 2.5, "bob's")
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Errorf("UPDATE: %d, %v", n, err)
	}
	// An Exec of a SELECT reads and drops its rows.
	if _, err := c.Exec(ctx, "SELECT * FROM q_t"); err != nil {
		t.Errorf("Exec of a SELECT: %v", err)
	}

	rows, err := c.Query(ctx, "SELECT id, name, score FROM q_t WHERE id >= ? ORDER BY id", 1)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var (
			id    int
			name  string
			score *float64
		)
		if err := rows.Scan(&id, &name, &score); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d %s %v", id, name, *score))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[1 ann 1.5 2 bob's 2.5]" {
		t.Errorf("rows %v", got)
	}

	var name string
	if err := c.QueryRow(ctx, "SELECT name FROM q_t WHERE id = ?", 2).Scan(&name); err != nil || name != "bob's" {
		t.Errorf("QueryRow = %q, %v", name, err)
	}
	err = c.QueryRow(ctx, "SELECT name FROM q_t WHERE id = ?", 99).Scan(&name)
	if !errors.Is(err, aiomysql.ErrNoRows) || !errors.Is(err, sql.ErrNoRows) {
		t.Errorf("QueryRow of nothing: %v, want ErrNoRows", err)
	}
	// QueryRow reads the first of many rows and discards the rest.
	if err := c.QueryRow(ctx, "SELECT name FROM q_t ORDER BY id").Scan(&name); err != nil || name != "ann" {
		t.Errorf("QueryRow of two rows = %q, %v", name, err)
	}
	var se *aiomysql.Error
	if err := c.QueryRow(ctx, "SELECT nope FROM q_t").Scan(&name); !errors.As(err, &se) || se.Number != errcode.BadFieldError {
		t.Errorf("QueryRow of a bad column: %v", err)
	}
	if _, err := c.Exec(ctx, "SELECT ?", 1, 2); err == nil {
		t.Error("Exec with too many arguments succeeded")
	}
}

func TestQueryNamedArgs(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	type filter struct {
		Low    int    `db:"low"`
		High   int    // matched by name, case-insensitively
		Skip   string `db:"-"`
		Prefix string `db:"prefix"`
	}
	cases := []struct {
		name  string
		query string
		arg   any
	}{
		{"NamedArgs @", "SELECT COUNT(*) FROM (" + seqQuery(20) + ") s WHERE n BETWEEN @low AND @high AND @prefix = 'p'",
			aiomysql.NamedArgs{"low": 5, "high": 9, "prefix": "p"}},
		{"NamedArgs :", "SELECT COUNT(*) FROM (" + seqQuery(20) + ") s WHERE n BETWEEN :low AND :high AND :prefix = 'p'",
			aiomysql.NamedArgs{"low": 5, "high": 9, "prefix": "p"}},
		{"map", "SELECT COUNT(*) FROM (" + seqQuery(20) + ") s WHERE n BETWEEN @low AND @high AND :prefix = 'p'",
			map[string]any{"low": 5, "high": 9, "prefix": "p"}},
		{"struct", "SELECT COUNT(*) FROM (" + seqQuery(20) + ") s WHERE n BETWEEN @low AND @High AND @prefix = 'p'",
			filter{Low: 5, High: 9, Skip: "x", Prefix: "p"}},
		{"struct pointer", "SELECT COUNT(*) FROM (" + seqQuery(20) + ") s WHERE n BETWEEN :low AND :high AND :prefix = 'p'",
			&filter{Low: 5, High: 9, Prefix: "p"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n int
			if err := c.QueryRow(ctx, tc.query, tc.arg).Scan(&n); err != nil || n != 5 {
				t.Errorf("count = %d, %v; want 5", n, err)
			}
		})
	}
	// A user variable that is not an argument is left alone.
	mustExecAll(t, c, "SET @uservar = 40")
	var n int
	if err := c.QueryRow(ctx, "SELECT @uservar + @two", aiomysql.NamedArgs{"two": 2}).Scan(&n); err != nil || n != 42 {
		t.Errorf("@uservar + @two = %d, %v", n, err)
	}
	// The field tagged db:"-" is not an argument.
	var skipped any
	if err := c.QueryRow(ctx, "SELECT @Skip", filter{Skip: "secret"}).Scan(&skipped); err != nil || skipped != nil {
		t.Errorf("@Skip = %#v, %v; want the unset user variable", skipped, err)
	}
}

func TestQueryBusy(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	rows, err := c.Query(ctx, seqQuery(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Query(ctx, "SELECT 1"); !errors.Is(err, aiomysql.ErrBusy) {
		t.Errorf("Query while a Rows is open: %v, want ErrBusy", err)
	}
	if _, err := c.Exec(ctx, "DO 1"); !errors.Is(err, aiomysql.ErrBusy) {
		t.Errorf("Exec while a Rows is open: %v, want ErrBusy", err)
	}
	if err := c.QueryRow(ctx, "SELECT 1").Scan(new(int)); !errors.Is(err, aiomysql.ErrBusy) {
		t.Errorf("QueryRow while a Rows is open: %v, want ErrBusy", err)
	}
	if _, err := c.Cursor().Execute(ctx, "SELECT 1"); !errors.Is(err, aiomysql.ErrBusy) {
		t.Errorf("a cursor's Execute while a Rows is open: %v, want ErrBusy", err)
	}
	// The open Rows is not disturbed.
	n := 0
	for rows.Next() {
		n++
	}
	if rows.Err() != nil || n != 3 {
		t.Errorf("the open Rows read %d rows, %v", n, rows.Err())
	}
	if v := queryScalar[int](t, c, "SELECT 2"); v != 2 {
		t.Errorf("after the Rows: %d", v)
	}
}
