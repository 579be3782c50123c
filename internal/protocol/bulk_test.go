package protocol_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// bulkRows binds each row of values as the root package does.
func bulkRows(t *testing.T, rows ...[]any) [][]wire.StmtParam {
	t.Helper()
	out := make([][]wire.StmtParam, len(rows))
	for i, r := range rows {
		for _, v := range r {
			_, p, err := types.AppendBinaryParam(nil, v, &types.LiteralOptions{})
			if err != nil {
				t.Fatal(err)
			}
			out[i] = append(out[i], p)
		}
	}
	return out
}

// prepare prepares q on c; the statement is closed at the end of the test.
func prepare(t *testing.T, c *protocol.Conn, q string) *protocol.Stmt {
	t.Helper()
	st, err := c.Prepare(testCtx(t), q)
	if err != nil {
		t.Fatalf("prepare %s: %v", q, err)
	}
	t.Cleanup(func() { _ = c.CloseStmt(st) })
	return st
}

// TestBulkExecuteInserts: one command for rows of one type, whose OK sums
// the affected rows and gives the first row's AUTO_INCREMENT id; NULLs
// (also a column of NULLs only) go as NULL indicators.
func TestBulkExecuteInserts(t *testing.T) {
	c := connect(t, realOptions(t))
	if !c.CanBulkExecute() {
		t.Fatal("MariaDB did not negotiate bulk operations")
	}
	exec(t, c, "DROP TABLE IF EXISTS bulk_p")
	exec(t, c, "CREATE TABLE bulk_p (id INT AUTO_INCREMENT PRIMARY KEY, s VARCHAR(20), n INT) AUTO_INCREMENT = 100")
	st := prepare(t, c, "INSERT INTO bulk_p (s, n) VALUES (?, ?)")
	res, err := c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"},
		bulkRows(t, []any{"a", nil}, []any{nil, nil}, []any{"c", nil}), 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Affected != 3 || res.FirstInsertID != 100 || res.Commands != 1 || res.Rows != 3 {
		t.Errorf("BulkExecute = %+v, want 3 rows from id 100 in 1 command", res)
	}
	if got := strings.Join(queryRows(t, c, "SELECT CONCAT_WS(':', id, IFNULL(s, 'NULL'), IFNULL(n, 'NULL')) FROM bulk_p ORDER BY id"), " "); got != "100:a:NULL 101:NULL:NULL 102:c:NULL" {
		t.Errorf("table: %s", got)
	}
	// The statement still executes the classic way, its types sent again.
	if _, err := c.Execute(testCtx(t), st, protocol.Request{Op: "execute"}, bulkRows(t, []any{"d", 4})[0]); err != nil {
		t.Fatalf("execute after a bulk execute: %v", err)
	}
}

// TestBulkExecuteSplits: rows whose types change (an int, then a string)
// and rows beyond the packet limit go in several commands, in order, and
// every row arrives once.
func TestBulkExecuteSplits(t *testing.T) {
	c := connect(t, realOptions(t))
	exec(t, c, "DROP TABLE IF EXISTS bulk_s")
	exec(t, c, "CREATE TABLE bulk_s (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(200))")
	st := prepare(t, c, "INSERT INTO bulk_s (v) VALUES (?)")
	res, err := c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"},
		bulkRows(t, []any{1}, []any{nil}, []any{2}, []any{"three"}, []any{"four"}, []any{5}), 0)
	if err != nil {
		t.Fatal(err)
	}
	// A bulk INSERT allocates AUTO_INCREMENT values as an INSERT ... SELECT
	// does, not knowing its row count: in growing batches, which leaves gaps
	// after each command (innodb_autoinc_lock_mode 1 and 2).
	if res.Commands != 3 || res.Affected != 6 || res.FirstInsertID != 1 || res.Last.LastInsertID <= 6 {
		t.Errorf("types int, string, int: %+v, want 3 commands", res)
	}
	var rows [][]any
	for range 1000 {
		rows = append(rows, []any{strings.Repeat("x", 100)})
	}
	const limit = 16 << 10
	res, err = c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"}, bulkRows(t, rows...), limit)
	if err != nil {
		t.Fatal(err)
	}
	// 1000 rows of 1+1+100 bytes under 16 KiB: 160 rows a command.
	if res.Commands != 7 || res.Affected != 1000 || res.Rows != 1000 || res.FirstInsertID <= 6 {
		t.Errorf("1000 rows under %d bytes: %+v, want 7 commands", limit, res)
	}
	if got := queryRows(t, c, "SELECT COUNT(*), MIN(id), MAX(id) FROM bulk_s"); got[0] != "1006" {
		t.Errorf("COUNT(*) = %s", got)
	}
	_, err = c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"}, bulkRows(t, []any{strings.Repeat("y", limit)}), limit)
	if !errors.Is(err, protocol.ErrPacketTooLarge) {
		t.Errorf("a row above the limit: %v, want ErrPacketTooLarge", err)
	}
}

// TestBulkExecuteAcrossFrames: a command larger than a 16 MiB frame (21 MB
// of rows under the server's 64 MiB max_allowed_packet) goes as one
// command in several frames, and the server reads every row.
func TestBulkExecuteAcrossFrames(t *testing.T) {
	c := connect(t, realOptions(t))
	exec(t, c, "DROP TABLE IF EXISTS bulk_big")
	exec(t, c, "CREATE TABLE bulk_big (id INT PRIMARY KEY, v MEDIUMBLOB)")
	st := prepare(t, c, "INSERT INTO bulk_big VALUES (?, ?)")
	var rows [][]any
	for i := range 210 {
		rows = append(rows, []any{i, strings.Repeat(string(rune('a'+i%26)), 100000)})
	}
	res, err := c.BulkExecute(testCtx(t), st, protocol.Request{Op: "bulk"}, bulkRows(t, rows...), 0)
	if err != nil {
		t.Fatal(err)
	}
	if res.Commands != 1 || res.Affected != 210 {
		t.Errorf("BulkExecute = %+v, want one command of 210 rows", res)
	}
	if got := queryRows(t, c, "SELECT CONCAT(COUNT(*), ' ', SUM(LENGTH(v)), ' ', SUM(v LIKE CONCAT(CHAR(97 + id % 26), '%'))) FROM bulk_big"); got[0] != "210 21000000 210" {
		t.Errorf("table: %s", got)
	}
}
