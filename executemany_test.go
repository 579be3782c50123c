package aiomysql_test

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// comCounter reads a session status counter such as Com_insert.
func comCounter(t *testing.T, c *aiomysql.Conn, name string) int64 {
	t.Helper()
	var n string
	var v int64
	if err := c.QueryRow(testCtx(t), "SHOW SESSION STATUS LIKE ?", name).Scan(&n, &v); err != nil {
		t.Fatalf("SHOW SESSION STATUS LIKE %q: %v", name, err)
	}
	return v
}

func TestExecuteManyChunksUnderPacketLimit(t *testing.T) {
	const rows, limit = 10000, 256 << 10
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MaxAllowedPacket = limit
	c := connectT(t, cfg)
	c.SetBulkForTest(false) // the rewrite's packing (executemany_bulk_test.go has the bulk path's)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS em_big",
		"CREATE TABLE em_big (id INT PRIMARY KEY, name VARCHAR(64), amount DECIMAL(10,2))")
	cur := c.Cursor()
	defer cur.Close()

	const head = "INSERT INTO em_big (id, name, amount) VALUES "
	argsList := make([]any, rows)
	var rowTexts []string
	for i := range argsList {
		args := []any{i, fmt.Sprintf("name %d with 'quotes' and padding", i), fmt.Sprintf("%d.%02d", i, i%100)}
		argsList[i] = args
		text, err := cur.Mogrify("(%s,%s,%s)", args...)
		if err != nil {
			t.Fatal(err)
		}
		rowTexts = append(rowTexts, text)
	}
	// The statements a greedy packing must make: each at most limit-1 bytes
	// (the command byte takes one), rows joined by commas.
	wantStmts, size, total := 0, 0, 0
	for _, r := range rowTexts {
		total += len(r) + 1
		if size > 0 && size+1+len(r) <= limit-1 {
			size += 1 + len(r)
			continue
		}
		wantStmts++
		size = len(head) + len(r)
	}
	total += len(head)
	lower := (total + limit - 1) / limit
	if wantStmts < lower || wantStmts > lower+1 || wantStmts < 3 {
		t.Fatalf("test set-up: %d statements for %d bytes under %d", wantStmts, total, limit)
	}

	before := comCounter(t, c, "Com_insert")
	n, err := cur.ExecuteMany(ctx, head+"(%s, %s, %s)", argsList)
	if err != nil {
		t.Fatal(err)
	}
	sent := comCounter(t, c, "Com_insert") - before
	t.Logf("%d rows, %d bytes, limit %d: %d INSERT statements", rows, total, limit, sent)
	if sent != int64(wantStmts) {
		t.Errorf("ExecuteMany sent %d INSERTs, want %d (⌈%d/%d⌉ = %d)", sent, wantStmts, total, limit, lower)
	}
	if n != rows || cur.RowCount() != rows {
		t.Errorf("ExecuteMany = %d, RowCount %d, want %d", n, cur.RowCount(), rows)
	}
	if got := queryScalar[int](t, c, "SELECT COUNT(*) FROM em_big"); got != rows {
		t.Errorf("%d rows arrived, want %d", got, rows)
	}
	var name, amount string
	if err := c.QueryRow(ctx, "SELECT name, amount FROM em_big WHERE id = ?", 9876).Scan(&name, &amount); err != nil ||
		name != "name 9876 with 'quotes' and padding" || amount != "9876.76" {
		t.Errorf("row 9876: %q %q %v", name, amount, err)
	}
	// MogrifyMany shows the same statements, each under the limit.
	stmts, err := cur.MogrifyMany(head+"(%s, %s, %s)", argsList)
	if err != nil || len(stmts) != wantStmts {
		t.Fatalf("MogrifyMany: %d statements, %v", len(stmts), err)
	}
	for i, s := range stmts {
		if len(s) > limit-1 || !strings.HasPrefix(s, head+"(") {
			t.Errorf("statement %d: %d bytes, starts %.60q", i, len(s), s)
		}
	}
}

func TestExecuteManyForms(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	reset := func(t *testing.T) {
		mustExecAll(t, c, "DROP TABLE IF EXISTS em_t",
			"CREATE TABLE em_t (id INT PRIMARY KEY, name VARCHAR(20), n INT NOT NULL DEFAULT 0)",
			"INSERT INTO em_t VALUES (1, 'one', 10), (2, 'two', 20)")
	}
	type named struct {
		ID   int    `db:"id"`
		Name string `db:"name"`
	}
	cases := []struct {
		name     string
		query    string
		args     []any
		counter  string
		wantStmt int64 // statements counted by counter
		wantN    int64 // affected rows
		want     string
	}{
		{"insert", "INSERT INTO em_t (id, name) VALUES (%s, %s)",
			[]any{[]any{3, "three"}, []any{4, "four"}}, "Com_insert", 1, 2,
			"[[1 one 10] [2 two 20] [3 three 0] [4 four 0]]"},
		{"on duplicate key update", "INSERT INTO em_t (id, name) VALUES (%s, %s) ON DUPLICATE KEY UPDATE name = VALUES(name), n = n + 1",
			[]any{[]any{1, "uno"}, []any{2, "dos"}, []any{3, "tres"}}, "Com_insert", 1, 2 + 2 + 1,
			"[[1 uno 11] [2 dos 21] [3 tres 0]]"},
		{"%% in the suffix", "INSERT INTO em_t (id, n) VALUES (%s, %s) ON DUPLICATE KEY UPDATE n = VALUES(n) %% 7",
			[]any{[]any{1, 100}, []any{2, 15}}, "Com_insert", 1, 4,
			"[[1 one 2] [2 two 1]]"},
		{"replace", "REPLACE INTO em_t (id, name) VALUES (%s, %s)",
			[]any{[]any{2, "deux"}, []any{5, "cinq"}}, "Com_replace", 1, 2 + 1,
			"[[1 one 10] [2 deux 0] [5 cinq 0]]"},
		{"named rows", "INSERT INTO em_t (id, name) VALUES (%(id)s, %(name)s)",
			[]any{aiomysql.NamedArgs{"id": 6, "name": "six"}, map[string]any{"id": 7, "name": "seven"}, named{8, "eight"}},
			"Com_insert", 1, 3,
			"[[1 one 10] [2 two 20] [6 six 0] [7 seven 0] [8 eight 0]]"},
		{"single values", "INSERT INTO em_t (id) VALUES (%s)",
			[]any{9, 10}, "Com_insert", 1, 2,
			"[[1 one 10] [2 two 20] [9 <nil> 0] [10 <nil> 0]]"},
		{"update loops", "UPDATE em_t SET n = n + %s WHERE id = %s",
			[]any{[]any{5, 1}, []any{7, 2}, []any{1, 99}}, "Com_update", 3, 2,
			"[[1 one 15] [2 two 27]]"},
		{"insert select loops", "INSERT INTO em_t (id, name) SELECT %s, name FROM em_t WHERE id = %s",
			[]any{[]any{11, 1}, []any{12, 2}}, "Com_insert_select", 2, 2,
			"[[1 one 10] [2 two 20] [11 one 0] [12 two 0]]"},
	}
	// Each case on MariaDB's bulk path and on the rewrite (or loop): the
	// same counts, affected rows and table. A statement the server
	// re-prepares after the table was re-created counts twice in Com_insert
	// (for a plain Exec too): Com_stmt_reprepare says how often.
	for _, tc := range cases {
		for _, bulk := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/bulk=%v", tc.name, bulk), func(t *testing.T) {
				c.SetBulkForTest(bulk)
				defer c.SetBulkForTest(true)
				reset(t)
				cur := c.Cursor()
				defer cur.Close()
				before, reprepared := comCounter(t, c, tc.counter), comCounter(t, c, "Com_stmt_reprepare")
				n, err := cur.ExecuteMany(ctx, tc.query, tc.args)
				if err != nil {
					t.Fatal(err)
				}
				reprepared = comCounter(t, c, "Com_stmt_reprepare") - reprepared
				if got := comCounter(t, c, tc.counter) - before - reprepared; got != tc.wantStmt {
					t.Errorf("%s went up by %d (less %d re-prepares), want %d", tc.counter, got, reprepared, tc.wantStmt)
				}
				if n != tc.wantN || cur.RowCount() != tc.wantN {
					t.Errorf("ExecuteMany = %d, RowCount %d, want %d", n, cur.RowCount(), tc.wantN)
				}
				if _, err := cur.Execute(ctx, "SELECT id, name, n FROM em_t ORDER BY id"); err != nil {
					t.Fatal(err)
				}
				rows, _ := cur.FetchAll(ctx)
				if got := fmt.Sprint(rows); got != tc.want {
					t.Errorf("table %s, want %s", got, tc.want)
				}
			})
		}
	}
}

func TestExecuteManyKinds(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c, "DROP TABLE IF EXISTS em_k", "CREATE TABLE em_k (id INT AUTO_INCREMENT PRIMARY KEY, v INT)")
			cur := kind.open(t, c)
			defer cur.close()
			n, err := cur.executeMany(ctx, "INSERT INTO em_k (v) VALUES (%s)", []any{10, 20, 30})
			if err != nil || n != 3 || cur.rowCount() != 3 {
				t.Fatalf("ExecuteMany = %d, %v, RowCount %d", n, err, cur.rowCount())
			}
			// One multi-row INSERT: the id of its first row.
			if cur.lastRowID() != 1 {
				t.Errorf("LastRowID = %d, want 1", cur.lastRowID())
			}
			n, err = cur.executeMany(ctx, "UPDATE em_k SET v = v + 1 WHERE id = %s", []any{1, 3})
			if err != nil || n != 2 {
				t.Fatalf("ExecuteMany UPDATE = %d, %v", n, err)
			}
			if n, err := cur.executeMany(ctx, "INSERT INTO em_k (v) VALUES (%s)", nil); n != 0 || err != nil {
				t.Errorf("ExecuteMany of no rows = %d, %v", n, err)
			}
			if v := queryScalar[int](t, c, "SELECT SUM(v) FROM em_k"); v != 62 {
				t.Errorf("SUM(v) = %d, want 62", v)
			}
		})
	}
}

func TestExecuteManyRowAlias(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS em_alias", "CREATE TABLE em_alias (a INT PRIMARY KEY, b VARCHAR(10))",
		"INSERT INTO em_alias VALUES (1, 'old')")
	cur := c.Cursor()
	defer cur.Close()
	const q = "INSERT INTO em_alias VALUES (%s,%s) AS new ON DUPLICATE KEY UPDATE b = new.b"
	args := []any{[]any{1, "x"}, []any{2, "y"}, []any{3, "z"}}
	stmts, err := cur.MogrifyMany(q, args)
	if err != nil {
		t.Fatal(err)
	}
	want := "INSERT INTO em_alias VALUES (1,'x'),(2,'y'),(3,'z') AS new ON DUPLICATE KEY UPDATE b = new.b"
	if len(stmts) != 1 || stmts[0] != want {
		t.Fatalf("MogrifyMany = %q, want [%q]", stmts, want)
	}
	before := comCounter(t, c, "Com_insert")
	_, err = cur.ExecuteMany(ctx, q, args)
	if c.IsMariaDB() {
		// MariaDB (10.11 at least) has no row alias: the rewrite is right,
		// the server refuses the syntax.
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != errcode.ParseError {
			t.Fatalf("MariaDB and a row alias: %v, want a parse error", err)
		}
		if got := comCounter(t, c, "Com_insert") - before; got != 0 {
			t.Errorf("Com_insert went up by %d", got)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := queryScalar[string](t, c, "SELECT GROUP_CONCAT(b ORDER BY a) FROM em_alias"); got != "x,y,z" {
		t.Errorf("table holds %s", got)
	}
}

func TestExecuteManyErrors(t *testing.T) {
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MaxAllowedPacket = 1024
	c := connectT(t, cfg)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS em_err", "CREATE TABLE em_err (id INT PRIMARY KEY, s TEXT)")
	cur := c.Cursor()
	defer cur.Close()
	before := comCounter(t, c, "Com_insert")

	// A row without enough arguments: nothing is sent.
	_, err := cur.ExecuteMany(ctx, "INSERT INTO em_err VALUES (%s, %s)", []any{[]any{1, "a"}, []any{2}})
	if err == nil || !strings.Contains(err.Error(), "row 1") {
		t.Errorf("a short row: %v, want an error naming row 1", err)
	}
	// A row larger than the packet limit is refused before it is written.
	_, err = cur.ExecuteMany(ctx, "INSERT INTO em_err VALUES (%s, %s)", []any{[]any{1, strings.Repeat("x", 2000)}})
	if !errors.Is(err, aiomysql.ErrPacketTooLarge) {
		t.Errorf("a row over the limit: %v, want ErrPacketTooLarge", err)
	}
	if got := comCounter(t, c, "Com_insert") - before; got != 0 {
		t.Errorf("Com_insert went up by %d", got)
	}
	// A duplicate key in the second statement: the first one stays.
	var args []any
	for i := range 40 {
		args = append(args, []any{i % 30, strconv.Itoa(i) + strings.Repeat("y", 40)})
	}
	n, err := cur.ExecuteMany(ctx, "INSERT INTO em_err VALUES (%s, %s)", args)
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != errcode.DupEntry {
		t.Fatalf("duplicate keys: %v, want error %d", err, errcode.DupEntry)
	}
	got := queryScalar[int64](t, c, "SELECT COUNT(*) FROM em_err")
	if n <= 0 || n != got || n >= 30 {
		t.Errorf("ExecuteMany reported %d rows before the error, the table holds %d", n, got)
	}
}
