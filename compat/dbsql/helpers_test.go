package dbsql_test

import (
	"database/sql"
	"fmt"
	"strconv"
	"testing"
)

// affected returns res.RowsAffected, failing the test on an error.
func affected(t *testing.T, res sql.Result) int64 {
	t.Helper()
	n, err := res.RowsAffected()
	if err != nil {
		t.Fatalf("RowsAffected: %v", err)
	}
	return n
}

// names runs query on db and returns its single string column.
func names(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(testContext(t), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return scanNames(t, rows)
}

// scanNames reads and closes rows of a single string column.
func scanNames(t *testing.T, rows *sql.Rows) []string {
	t.Helper()
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("Scan: %v", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("rows.Err: %v", err)
	}
	return out
}

// itoa formats n in decimal.
func itoa(n int) string { return strconv.Itoa(n) }

// fmtAny formats v with its type, and []byte as text.
func fmtAny(v any) string {
	if b, ok := v.([]byte); ok {
		return fmt.Sprintf("%T(%s)", v, b)
	}
	return fmt.Sprintf("%T(%v)", v, v)
}
