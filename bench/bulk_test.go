package bench_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// bulkRows is the rows each BulkInsert op inserts: 10k, not
// performance.md's 100k, to keep make bench short (the paths' rates do not
// depend on it beyond the first chunk); bulkChunk the rows of one
// multi-row INSERT.
const (
	bulkRows  = 10_000
	bulkChunk = 1000
)

const (
	bulkCreate = "CREATE TABLE IF NOT EXISTS bulk (id INT PRIMARY KEY, v BIGINT NOT NULL, s VARCHAR(64) NOT NULL, t DATETIME NOT NULL)"
	bulkInsert = "INSERT INTO bulk (id, v, s, t) VALUES (?, ?, ?, ?)"
)

// bulkData returns BulkInsert's rows: as [][]any, and as []any of []any
// (Cursor.ExecuteMany's argument).
func bulkData() ([][]any, []any) {
	t := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	rows := make([][]any, bulkRows)
	list := make([]any, bulkRows)
	for i := range rows {
		rows[i] = []any{int32(i + 1), int64(i) * 7, fmt.Sprintf("name-%06d", i), t}
		list[i] = rows[i]
	}
	return rows, list
}

// bulkMultiInsert is the INSERT of bulkChunk rows of ? placeholders.
var bulkMultiInsert = "INSERT INTO bulk (id, v, s, t) VALUES " +
	strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", bulkChunk), ", ")

// flatten returns rows[from:from+bulkChunk] as one argument list.
func flatten(rows [][]any, from int) []any {
	args := make([]any, 0, 4*bulkChunk)
	for _, r := range rows[from : from+bulkChunk] {
		args = append(args, r...)
	}
	return args
}

// BenchmarkBulkInsert: bulkRows rows into bulk(INT PK, BIGINT, VARCHAR,
// DATETIME), emptied (untimed) before each op. Native: Cursor.ExecuteMany
// (%s placeholders: COM_STMT_BULK_EXECUTE on MariaDB, else multi-row
// INSERTs), multirow (a prepared 1000-row INSERT in a transaction, gsd's
// best path), CopyFrom (LOAD DATA LOCAL), bulkexec (Conn.ExecMany).
// database/sql (stdlib, gsd): perrow, one prepared Exec a row in a
// transaction, and multirow as above. It reports rows/s.
func BenchmarkBulkInsert(b *testing.B) {
	tg := server(b)
	setup := tg.connect(b, nil)
	if _, err := setup.Exec(testCtx(b), bulkCreate); err != nil {
		b.Fatal(err)
	}
	rows, list := bulkData()
	chunks := make([][]any, 0, bulkRows/bulkChunk)
	for i := 0; i < bulkRows; i += bulkChunk {
		chunks = append(chunks, flatten(rows, i))
	}
	const variant = "/rows=10k"
	native := map[string]func(ctx context.Context, c *aiomysql.Conn) error{
		"executemany": func(ctx context.Context, c *aiomysql.Conn) error {
			_, err := c.Cursor().ExecuteMany(ctx, "INSERT INTO bulk (id, v, s, t) VALUES (%s, %s, %s, %s)", list)
			return err
		},
		"multirow": func(ctx context.Context, c *aiomysql.Conn) error {
			st, err := c.Prepare(ctx, bulkMultiInsert)
			if err != nil {
				return err
			}
			defer func() { _ = st.Close() }()
			return inTx(ctx, c, func() error {
				for _, args := range chunks {
					if _, err := st.Exec(ctx, args...); err != nil {
						return err
					}
				}
				return nil
			})
		},
		"copyfrom": func(ctx context.Context, c *aiomysql.Conn) error {
			_, err := c.CopyFrom(ctx, "bulk", []string{"id", "v", "s", "t"}, aiomysql.CopyFromRows(rows))
			return err
		},
		"bulkexec": func(ctx context.Context, c *aiomysql.Conn) error {
			_, err := c.ExecMany(ctx, bulkInsert, rows)
			return err
		},
	}
	for _, name := range []string{"executemany", "multirow", "copyfrom", "bulkexec"} {
		b.Run("impl=native/"+name+variant, func(b *testing.B) {
			c := tg.connect(b, nil)
			fn := native[name]
			benchBulk(b, func(ctx context.Context) error { _, err := c.Exec(ctx, "TRUNCATE TABLE bulk"); return err },
				func(ctx context.Context) error { return fn(ctx, c) })
		})
	}
	dbPaths := map[string]func(ctx context.Context, db *sql.DB) error{
		"perrow": func(ctx context.Context, db *sql.DB) error {
			return inSQLTx(ctx, db, bulkInsert, func(st *sql.Stmt) error {
				for _, r := range rows {
					if _, err := st.ExecContext(ctx, r...); err != nil {
						return err
					}
				}
				return nil
			})
		},
		"multirow": func(ctx context.Context, db *sql.DB) error {
			return inSQLTx(ctx, db, bulkMultiInsert, func(st *sql.Stmt) error {
				for _, args := range chunks {
					if _, err := st.ExecContext(ctx, args...); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
	for _, name := range []string{"perrow", "multirow"} {
		for _, impl := range []string{"stdlib", "gsd"} {
			b.Run("impl="+impl+"/"+name+variant, func(b *testing.B) {
				var db *sql.DB
				if impl == "stdlib" {
					db = tg.openStdlib(b, nil)
				} else {
					db = tg.openGSD(b, nil)
				}
				fn := dbPaths[name]
				benchBulk(b, func(ctx context.Context) error { _, err := db.ExecContext(ctx, "TRUNCATE TABLE bulk"); return err },
					func(ctx context.Context) error { return fn(ctx, db) })
			})
		}
	}
}

// benchBulk runs insert b.N times, each after an untimed empty, and
// reports rows/s.
func benchBulk(b *testing.B, empty, insert func(ctx context.Context) error) {
	ctx := testCtx(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		if err := empty(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := insert(ctx); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, b.N*bulkRows, "rows/s")
}

// inTx runs fn between START TRANSACTION and COMMIT on c.
func inTx(ctx context.Context, c *aiomysql.Conn, fn func() error) error {
	if _, err := c.Exec(ctx, "START TRANSACTION"); err != nil {
		return err
	}
	if err := fn(); err != nil {
		_, _ = c.Exec(ctx, "ROLLBACK")
		return err
	}
	_, err := c.Exec(ctx, "COMMIT")
	return err
}

// inSQLTx runs fn with query prepared in a transaction of db, and commits.
func inSQLTx(ctx context.Context, db *sql.DB, query string, fn func(*sql.Stmt) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	st, err := tx.PrepareContext(ctx, query)
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := fn(st); err != nil {
		_ = tx.Rollback()
		return err
	}
	_ = st.Close()
	return tx.Commit()
}
