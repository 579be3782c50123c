package aiomysql_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// TestExecManyDuplicateMidBatch: a duplicate key in row k. The bulk
// command is one statement: InnoDB undoes all of it, rows before k
// included, as it undoes a multi-row INSERT; MyISAM keeps the rows before
// k. Split under a small packet limit, the commands before the failing one
// stay and the ones after are not sent. The loop (a statement without
// VALUES) keeps the rows before k on both engines.
func TestExecManyDuplicateMidBatch(t *testing.T) {
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.MaxAllowedPacket = 4096 })
	ctx := testCtx(t)
	rows := func(n, dup int) [][]any {
		var out [][]any
		for i := range n {
			out = append(out, []any{i, strings.Repeat("v", 50)})
		}
		out[dup][0] = 0
		return out
	}
	cases := []struct {
		name, engine string
		query        string
		rows         [][]any
		wantRows     int64 // left in the table
		wantAffected int64
	}{
		// 5 rows, one command: undone as a whole.
		{"innodb one command", "InnoDB", "INSERT INTO emy_dup VALUES (?, ?)", rows(5, 3), 0, 0},
		{"myisam one command", "MyISAM", "INSERT INTO emy_dup VALUES (?, ?)", rows(5, 3), 3, 0},
		// 200 rows of 61 bytes (indicators, BIGINT, VARCHAR) in bulk commands
		// of 4,084: 66 a command; row 150 is in the third, and the first two
		// stay. Without bulk (not MariaDB: TiDB, vtgate) multi-row INSERTs
		// under the same limit hold 69 rows ("(0, 'v…')", 58-60 bytes), then
		// 68: row 150 is in the third statement, and 137 rows stay.
		{"innodb third command", "InnoDB", "INSERT INTO emy_dup VALUES (?, ?)", rows(200, 150), 132, 132},
		// INSERT ... SELECT goes as one execute per row.
		{"loop", "InnoDB", "INSERT INTO emy_dup SELECT ?, ?", rows(5, 3), 3, 3},
	}
	for _, tc := range cases {
		if tc.name == "innodb third command" && !c.IsMariaDB() {
			tc.wantRows, tc.wantAffected = 137, 137
		}
		t.Run(tc.name, func(t *testing.T) {
			mustExecAll(t, c, "DROP TABLE IF EXISTS emy_dup", "CREATE TABLE emy_dup (id INT PRIMARY KEY, v VARCHAR(60)) ENGINE="+tc.engine)
			res, err := c.ExecMany(ctx, tc.query, tc.rows)
			var se *aiomysql.Error
			if !errors.As(err, &se) || se.Number != errcode.DupEntry {
				t.Fatalf("ExecMany = %v, want error %d", err, errcode.DupEntry)
			}
			if got := queryScalar[int64](t, c, "SELECT COUNT(*) FROM emy_dup"); got != tc.wantRows {
				t.Errorf("the table holds %d rows, want %d", got, tc.wantRows)
			}
			if n, _ := res.RowsAffected(); n != tc.wantAffected {
				t.Errorf("Result reports %d rows affected, want %d", n, tc.wantAffected)
			}
		})
	}
}

// TestExecManySplitsUnderPacketLimit: 20,000 rows under a 64 KiB
// max_allowed_packet go in several bulk commands, every row once, and the
// first insert id is the first row's; a row above the limit refuses the
// call before anything is sent.
func TestExecManySplitsUnderPacketLimit(t *testing.T) {
	const n, limit = 20000, 64 << 10
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.MaxAllowedPacket = limit })
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS emy_split", "CREATE TABLE emy_split (id INT AUTO_INCREMENT PRIMARY KEY, k INT, v VARCHAR(100))")
	rows := make([][]any, n)
	for i := range rows {
		rows[i] = []any{i, fmt.Sprintf("value %d %s", i, strings.Repeat("p", 40))}
	}
	before := comCounter(t, c, "Com_stmt_execute")
	res, err := c.ExecMany(ctx, "INSERT INTO emy_split (k, v) VALUES (?, ?)", rows)
	if err != nil {
		t.Fatal(err)
	}
	cmds := comCounter(t, c, "Com_stmt_execute") - before
	// About 60 bytes a row: ≈1.2 MB in 64 KiB commands.
	t.Logf("%d rows in %d bulk commands", n, cmds)
	if cmds < 18 || cmds > 22 {
		t.Errorf("%d bulk commands, want about 19", cmds)
	}
	if a, _ := res.RowsAffected(); a != n {
		t.Errorf("%d rows affected, want %d", a, n)
	}
	if id, _ := res.LastInsertID(); id != 1 {
		t.Errorf("LastInsertID %d, want 1", id)
	}
	if got := queryScalar[string](t, c, "SELECT CONCAT(COUNT(*), ' ', COUNT(DISTINCT k), ' ', MIN(k), ' ', MAX(k)) FROM emy_split"); got != "20000 20000 0 19999" {
		t.Errorf("table: %s", got)
	}
	_, err = c.ExecMany(ctx, "INSERT INTO emy_split (k, v) VALUES (?, ?)", [][]any{{1, "a"}, {2, strings.Repeat("x", limit)}})
	if !errors.Is(err, aiomysql.ErrPacketTooLarge) {
		t.Errorf("a row above the limit: %v, want ErrPacketTooLarge", err)
	}
	// A row of the wrong length: refused before anything is sent.
	_, err = c.ExecMany(ctx, "INSERT INTO emy_split (k, v) VALUES (?, ?)", [][]any{{1, "a"}, {2}})
	if err == nil || !strings.Contains(err.Error(), "row 1") {
		t.Errorf("a short row: %v, want an error naming row 1", err)
	}
	if got := queryScalar[int64](t, c, "SELECT COUNT(*) FROM emy_split"); got != n {
		t.Errorf("the table holds %d rows, want %d", got, n)
	}
}

// TestExecManyTraced: the tracer sees one query per ExecMany, with every
// argument counted, the affected rows, and the mode that ran.
func TestExecManyTraced(t *testing.T) {
	tr := &recordingTracer{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Tracer = tr })
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS emy_tr", "CREATE TABLE emy_tr (id INT PRIMARY KEY, v INT)")
	for _, bulk := range []bool{true, false} {
		c.SetBulkForTest(bulk)
		mustExecAll(t, c, "TRUNCATE emy_tr")
		before := len(tr.ends)
		const q = "INSERT INTO emy_tr VALUES (?, ?)"
		if _, err := c.ExecMany(ctx, q, [][]any{{1, 1}, {2, 2}, {3, 3}}); err != nil {
			t.Fatal(err)
		}
		want := aiomysql.QueryExecModeCacheStatement
		if !bulk {
			want = aiomysql.QueryExecModeText // multi-row INSERTs
		}
		if got := tr.ends[before:]; len(got) != 1 || got[0].SQL != q || got[0].Args != 6 || got[0].Rows != 3 || got[0].Mode != want {
			t.Errorf("bulk %v: traced %+v, want one query of 6 args, 3 rows, mode %v", bulk, got, want)
		}
	}
}
