package aiomysql_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// execManyTable is a table with a column of each common type.
const execManyTable = `CREATE TABLE %s (id INT AUTO_INCREMENT PRIMARY KEY, i BIGINT, u BIGINT UNSIGNED,
	f DOUBLE, d DECIMAL(10,2), s VARCHAR(40), b VARBINARY(40), t DATETIME(6), dt DATE, ok BOOL)`

// execManyRows are rows of every common type, with NULLs in each column
// somewhere, and a column (dt) that starts with a NULL.
func execManyRows(n int) [][]any {
	base := time.Date(2024, 2, 29, 13, 14, 15, 123456000, time.UTC)
	rows := make([][]any, n)
	for i := range rows {
		r := []any{int64(i) - 5, uint64(1<<63) + uint64(i), float64(i) / 4, fmt.Sprintf("%d.%02d", i, i%100),
			fmt.Sprintf("row %d 'quoted' \\ ü", i), []byte{byte(i), 0, 0xff}, base.Add(time.Duration(i) * time.Hour),
			base.AddDate(0, 0, i), i%2 == 0}
		if i%3 == 0 {
			r[i%len(r)] = nil
		}
		if i == 0 {
			r[7] = nil
		}
		rows[i] = r
	}
	return rows
}

const execManyInsert = "INSERT INTO %s (i, u, f, d, s, b, t, dt, ok) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

// tableDump is the table's rows, in id order, as text.
func tableDump(t *testing.T, c *aiomysql.Conn, table string) string {
	t.Helper()
	rows, err := c.Query(testCtx(t), "SELECT * FROM "+table+" ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// perRow runs q once per row with Exec and returns the affected rows and
// the first row's insert id.
func perRow(t *testing.T, c *aiomysql.Conn, q string, rows [][]any) (affected, firstID int64) {
	t.Helper()
	for i, r := range rows {
		res, err := c.Exec(testCtx(t), q, r...)
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		n, _ := res.RowsAffected()
		affected += n
		if id, _ := res.LastInsertID(); firstID == 0 {
			firstID = id
		}
	}
	return affected, firstID
}

// TestExecManySameAsPerRowExec: ExecMany's INSERT, UPDATE and DELETE leave
// the table as one Exec per row does and report the same affected rows,
// and for the INSERT the id of the first row, on the bulk path and on the
// multi-row and loop paths; the bulk path is one COM_STMT_BULK_EXECUTE
// (MariaDB counts it as one Com_stmt_execute).
func TestExecManySameAsPerRowExec(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	rows := execManyRows(50)
	mustExecAll(t, c, "DROP TABLE IF EXISTS emy_want", fmt.Sprintf(execManyTable, "emy_want"))
	wantN, wantID := perRow(t, c, fmt.Sprintf(execManyInsert, "emy_want"), rows)
	updates := [][]any{{"x", 3}, {nil, 4}, {"y", 999}, {"z", 5}}
	updN, _ := perRow(t, c, "UPDATE emy_want SET s = ? WHERE id = ?", updates)
	deletes := [][]any{{10}, {11}, {999}}
	delN, _ := perRow(t, c, "DELETE FROM emy_want WHERE id = ?", deletes)
	want := tableDump(t, c, "emy_want")
	if wantN != 50 || wantID != 1 || updN != 3 || delN != 2 {
		t.Fatalf("per row: %d rows from id %d, %d updated, %d deleted", wantN, wantID, updN, delN)
	}
	for _, bulk := range []bool{true, false} {
		t.Run(fmt.Sprintf("bulk=%v", bulk), func(t *testing.T) {
			c.SetBulkForTest(bulk)
			defer c.SetBulkForTest(true)
			mustExecAll(t, c, "DROP TABLE IF EXISTS emy_got", fmt.Sprintf(execManyTable, "emy_got"))
			before := comCounter(t, c, "Com_stmt_execute")
			res, err := c.ExecMany(ctx, fmt.Sprintf(execManyInsert, "emy_got"), rows)
			if err != nil {
				t.Fatal(err)
			}
			execs := comCounter(t, c, "Com_stmt_execute") - before
			if bulk && execs != 1 || !bulk && execs != 0 {
				t.Errorf("the INSERT of %d rows made %d Com_stmt_execute", len(rows), execs)
			}
			if n, _ := res.RowsAffected(); n != wantN {
				t.Errorf("INSERT: %d rows affected, want %d", n, wantN)
			}
			if id, _ := res.LastInsertID(); id != wantID {
				t.Errorf("INSERT: LastInsertID %d, want %d", id, wantID)
			}
			res, err = c.ExecMany(ctx, "UPDATE emy_got SET s = ? WHERE id = ?", updates)
			if n, _ := res.RowsAffected(); err != nil || n != updN {
				t.Errorf("UPDATE: %d rows affected, %v; want %d", n, err, updN)
			}
			res, err = c.ExecMany(ctx, "DELETE FROM emy_got WHERE id = ?", deletes)
			if n, _ := res.RowsAffected(); err != nil || n != delN {
				t.Errorf("DELETE: %d rows affected, %v; want %d", n, err, delN)
			}
			if got := tableDump(t, c, "emy_got"); got != want {
				t.Errorf("table:\n%s\nwant (one Exec per row):\n%s", got, want)
			}
		})
	}
}
