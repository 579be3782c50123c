package aiomysql_test

import (
	"context"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// mixedDDL is the table of the million-row test.
const mixedDDL = ` (
	id INT PRIMARY KEY, a BIGINT, f DOUBLE, d DECIMAL(12,2),
	name VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, created DATETIME(6),
	flag BOOL, note VARCHAR(100) NULL, bin VARBINARY(16)
)`

var mixedColumns = []string{"id", "a", "f", "d", "name", "created", "flag", "note", "bin"}

// mixedNames are the stems of the name column: the bytes the file must
// escape, 4-byte UTF-8, and the look of NULL.
var mixedNames = []string{"plain ", "tab\there ", "nl\nthere ", `back\slash `, "emoji 😀 ", "中文 ", `\N`, "", "cr\r\n", "nul\x00 "}

// mixedBase is the first row's created.
var mixedBase = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// mixedRow is row i of the million: the same for every call.
func mixedRow(i int) []any {
	var note any
	if i%2 == 1 {
		note = "note " + strconv.Itoa(i*31)
	}
	bin := make([]byte, 16)
	binary.BigEndian.PutUint64(bin, uint64(i)*0x9E3779B97F4A7C15)
	copy(bin[8:], []byte{0, '\\', '\t', '\n', 0xff, 0xfe, byte(i), 0x80})
	sign := 1 - 2*(i%2)
	return []any{
		i,
		int64(i)*7919 - 1<<40,
		float64(sign*i) / 7,
		strconv.Itoa(sign*(i*37%1_000_000_000)) + "." + strconv.Itoa(10+i%90),
		mixedNames[i%len(mixedNames)] + strconv.Itoa(i),
		mixedBase.Add(time.Duration(i) * 1234567 * time.Microsecond),
		i%3 == 0,
		note,
		bin[:i%17],
	}
}

// TestCopyFromMillionRows: a million rows of mixed types land exactly as
// ExecuteMany puts the same rows (CHECKSUM TABLE of the tables agree), and
// CopyFrom is faster than ExecuteMany's multi-row rewrite (aiomysql's
// executemany, and ours on MySQL). On MariaDB ExecuteMany goes by
// COM_STMT_BULK_EXECUTE, which inserts as fast as the server can, as
// LOAD DATA does: that figure is logged beside the others, not compared
// (on this server's small redo log both are bound by InnoDB).
func TestCopyFromMillionRows(t *testing.T) {
	const n = 1_000_000
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.LocalInfile = true })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	mustExecAll(t, c, "DROP TABLE IF EXISTS cf_mixed", "DROP TABLE IF EXISTS cf_mixed2", "DROP TABLE IF EXISTS cf_mixed3",
		"CREATE TABLE cf_mixed"+mixedDDL, "CREATE TABLE cf_mixed2"+mixedDDL, "CREATE TABLE cf_mixed3"+mixedDDL)
	t.Cleanup(func() {
		mustExecAll(t, rootConn(t), "DROP TABLE IF EXISTS cf_mixed", "DROP TABLE IF EXISTS cf_mixed2", "DROP TABLE IF EXISTS cf_mixed3")
	})

	start := time.Now()
	res, err := c.CopyFrom(ctx, "cf_mixed", mixedColumns, aiomysql.CopyFromSlice(n, func(i int) ([]any, error) { return mixedRow(i), nil }))
	copyTime := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if !res.LocalInfile || res.Rows != n || res.Sent != n || res.Warnings != 0 {
		t.Fatalf("%+v, want %d rows by LOAD DATA without warnings", res, n)
	}

	executeMany := func(table string, bulk bool) time.Duration {
		const batch = 100_000
		c.SetBulkForTest(bulk)
		defer c.SetBulkForTest(true)
		insert := "INSERT INTO " + table + " VALUES (%s" + strings.Repeat(", %s", len(mixedColumns)-1) + ")"
		cur := c.Cursor()
		start := time.Now()
		for first := 0; first < n; first += batch {
			args := make([]any, batch)
			for i := range args {
				args[i] = mixedRow(first + i)
			}
			if _, err := cur.ExecuteMany(ctx, insert, args); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start)
	}
	rewriteTime := executeMany("cf_mixed2", false)
	bulkTime := executeMany("cf_mixed3", true)

	sums := []int64{checksum(t, c, "cf_mixed"), checksum(t, c, "cf_mixed2"), checksum(t, c, "cf_mixed3")}
	checkRows(t, c, "SELECT COUNT(*) FROM cf_mixed2", n)
	rate := func(d time.Duration) string {
		return fmt.Sprintf("%v, %.0f rows/s", d.Round(time.Millisecond), n/d.Seconds())
	}
	t.Logf("%d rows: CopyFrom %s; ExecuteMany rewrite %s (%.2fx); ExecuteMany bulk %s (%.2fx); CHECKSUM TABLE %v",
		n, rate(copyTime), rate(rewriteTime), rewriteTime.Seconds()/copyTime.Seconds(),
		rate(bulkTime), bulkTime.Seconds()/copyTime.Seconds(), sums)
	if sums[0] != sums[1] || sums[0] != sums[2] {
		t.Errorf("CHECKSUM TABLE: CopyFrom %d, rewrite %d, bulk %d", sums[0], sums[1], sums[2])
	}
	if copyTime >= rewriteTime {
		t.Errorf("CopyFrom took %v, ExecuteMany's rewrite %v", copyTime, rewriteTime)
	}
}
