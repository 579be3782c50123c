package bench_test

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// mixedRows is the size of table mixed: CursorFetch reads all of it,
// LargeResult the first largeRows.
const (
	mixedRows = 1_000_000
	largeRows = 100_000
)

var (
	mixedOnce sync.Once
	mixedErr  error
)

// createMixed creates performance.md's table mixed, mixedRows rows, once
// per process: note is NULL on every other row.
func createMixed(tb testing.TB, c *aiomysql.Conn) {
	tb.Helper()
	mixedOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		for _, q := range []string{
			"DROP TABLE IF EXISTS mixed",
			"CREATE TABLE mixed (id INT PRIMARY KEY, a BIGINT NOT NULL, f DOUBLE NOT NULL, d DECIMAL(12,2) NOT NULL," +
				" name VARCHAR(64) NOT NULL, created DATETIME(6) NOT NULL, flag TINYINT NOT NULL, note VARCHAR(100) NULL)",
			fmt.Sprintf("INSERT INTO mixed SELECT seq, seq*1000003, seq*1.5, seq*3.25, CONCAT('name-', LPAD(seq, 8, '0')),"+
				" TIMESTAMP'2024-01-02 03:04:05.123456' + INTERVAL seq SECOND, seq %% 2, IF(seq %% 2 = 1, CONCAT('note-', seq), NULL)"+
				" FROM seq_1_to_%d", mixedRows),
		} {
			if _, mixedErr = c.Exec(ctx, q); mixedErr != nil {
				return
			}
		}
	})
	if mixedErr != nil {
		tb.Fatal(mixedErr)
	}
}

// mixedQuery selects the first n rows of mixed, with a ? for n.
const mixedQuery = "SELECT id, a, f, d, name, created, flag, note FROM mixed WHERE id <= ?"

// mixedRow is a row of mixed, scanned into typed destinations.
type mixedRow struct {
	id      int32
	a       int64
	f       float64
	d, name string
	created time.Time
	flag    int8
	note    sql.NullString
}

// dest returns the Scan destinations of r's columns.
func (r *mixedRow) dest() []any {
	return []any{&r.id, &r.a, &r.f, &r.d, &r.name, &r.created, &r.flag, &r.note}
}

// rowsLike is what native and database/sql rows have in common.
type rowsLike interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}

// drain scans every row of rows and checks that there are want of them;
// each calls every (when not nil) after each row.
func drain(rows rowsLike, want int, each func(n int)) error {
	var r mixedRow
	dest := r.dest()
	n := 0
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			_ = rows.Close()
			return err
		}
		n++
		if each != nil {
			each(n)
		}
	}
	if err := rows.Err(); err != nil {
		_ = rows.Close()
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if n != want {
		return fmt.Errorf("%d rows, want %d", n, want)
	}
	return nil
}
