package aiomysql_test

import (
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestExecuteManyBulkSameAsRewrite: on the same data, ExecuteMany on
// MariaDB's bulk path (one Com_stmt_execute, no multi-row statement) and
// on the rewrite give the same RowCount, LastRowID (the first row's id,
// as a multi-row INSERT reports it) and table, for an AUTO_INCREMENT
// INSERT, REPLACE, ON DUPLICATE KEY UPDATE (1 a row inserted, 2 updated,
// 0 unchanged) and named rows.
func TestExecuteManyBulkSameAsRewrite(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	cases := []struct {
		name, query string
		args        []any
		wantN       int64
		wantID      int64
	}{
		{"auto increment", "INSERT INTO emb_t (name, n) VALUES (%s, %s)",
			[]any{[]any{"a", 1}, []any{"b", nil}, []any{nil, 3}}, 3, 3},
		{"replace", "REPLACE INTO emb_t (id, name) VALUES (%s, %s)",
			[]any{[]any{1, "uno"}, []any{7, "siete"}}, 3, 7},
		{"on duplicate key update", "INSERT INTO emb_t (id, name) VALUES (%s, %s) ON DUPLICATE KEY UPDATE name = VALUES(name)",
			[]any{[]any{1, "uno"}, []any{2, "two"}, []any{9, "nueve"}}, 3, 9},
		{"named", "INSERT INTO emb_t (name, n) VALUES (%(name)s, %(n)s)",
			[]any{aiomysql.NamedArgs{"name": "x", "n": 1}, map[string]any{"name": "y", "n": 2}}, 2, 3},
	}
	for _, tc := range cases {
		type outcome struct {
			n, rowCount, lastID int64
			table               string
		}
		var got [2]outcome
		for i, bulk := range []bool{true, false} {
			c.SetBulkForTest(bulk)
			mustExecAll(t, c, "DROP TABLE IF EXISTS emb_t",
				"CREATE TABLE emb_t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20), n INT)",
				"INSERT INTO emb_t (name) VALUES ('one'), ('two')")
			cur := c.Cursor()
			execs := comCounter(t, c, "Com_stmt_execute")
			n, err := cur.ExecuteMany(ctx, tc.query, tc.args)
			if err != nil {
				t.Fatalf("%s, bulk %v: %v", tc.name, bulk, err)
			}
			execs = comCounter(t, c, "Com_stmt_execute") - execs
			// Re-created tables make the server re-prepare, counting twice.
			if bulk && execs == 0 || !bulk && execs != 0 {
				t.Errorf("%s, bulk %v: %d Com_stmt_execute", tc.name, bulk, execs)
			}
			got[i] = outcome{n, cur.RowCount(), cur.LastRowID(), tableDump(t, c, "emb_t")}
			_ = cur.Close()
		}
		c.SetBulkForTest(true)
		if got[0] != got[1] {
			t.Errorf("%s: bulk %+v, rewrite %+v", tc.name, got[0], got[1])
		}
		if got[0].n != tc.wantN || got[0].rowCount != tc.wantN || got[0].lastID != tc.wantID {
			t.Errorf("%s: %d rows (RowCount %d), LastRowID %d; want %d rows from id %d",
				tc.name, got[0].n, got[0].rowCount, got[0].lastID, tc.wantN, tc.wantID)
		}
	}
}

// TestExecuteManyBulkFallsBack: statements bulk execution would run
// otherwise (INSERT ... SELECT) or cannot bind take the rewrite or the
// loop, with no bulk command sent.
func TestExecuteManyBulkFallsBack(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS emb_f", "CREATE TABLE emb_f (id INT PRIMARY KEY, v VARCHAR(40))",
		"INSERT INTO emb_f VALUES (1, 'one')")
	cur := c.Cursor()
	defer cur.Close()
	for _, tc := range []struct {
		query string
		args  []any
	}{
		{"INSERT INTO emb_f SELECT %s + 10, v FROM emb_f WHERE id = %s", []any{[]any{1, 1}}},
		// A list has no binary encoding: the loop interpolates it.
		{"UPDATE emb_f SET v = 'two' WHERE id IN %s", []any{[]any{[]any{1, 99}}}},
	} {
		execs := comCounter(t, c, "Com_stmt_execute")
		if n, err := cur.ExecuteMany(ctx, tc.query, tc.args); err != nil || n != 1 {
			t.Errorf("%s: %d, %v", tc.query, n, err)
		}
		if got := comCounter(t, c, "Com_stmt_execute") - execs; got != 0 {
			t.Errorf("%s: %d Com_stmt_execute", tc.query, got)
		}
	}
	if got := fmt.Sprint(queryScalar[string](t, c, "SELECT GROUP_CONCAT(id, v ORDER BY id) FROM emb_f")); got != "1two,11one" {
		t.Errorf("table: %s", got)
	}
}

// TestExecuteManyBulkTraced: ExecuteMany in bulk is one traced query in
// QueryExecModeCacheStatement, with every argument counted; the rewrite's
// multi-row statement is traced in QueryExecModeText.
func TestExecuteManyBulkTraced(t *testing.T) {
	tr := &recordingTracer{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Tracer = tr })
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS emb_tr", "CREATE TABLE emb_tr (id INT PRIMARY KEY, v INT)")
	const q = "INSERT INTO emb_tr VALUES (%s, %s)"
	for _, bulk := range []bool{true, false} {
		c.SetBulkForTest(bulk)
		mustExecAll(t, c, "TRUNCATE emb_tr")
		before := len(tr.ends)
		cur := c.Cursor()
		if _, err := cur.ExecuteMany(ctx, q, []any{[]any{1, 1}, []any{2, 2}, []any{3, 3}}); err != nil {
			t.Fatal(err)
		}
		_ = cur.Close()
		want := aiomysql.QueryExecModeCacheStatement
		if !bulk {
			want = aiomysql.QueryExecModeText
		}
		if got := tr.ends[before:]; len(got) != 1 || got[0].SQL != q || got[0].Args != 6 || got[0].Rows != 3 || got[0].Mode != want {
			t.Errorf("bulk %v: traced %+v, want one query of 6 args, 3 rows, mode %v", bulk, got, want)
		}
	}
	c.SetBulkForTest(true)
}
