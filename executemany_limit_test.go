package aiomysql_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// A server whose max_allowed_packet is below Config.MaxAllowedPacket (the
// client's 64 MiB default against MariaDB's usual 16 MiB): ExecuteMany packs
// its statements under the server's limit, not the client's.
func TestExecuteManyRespectsServerLimit(t *testing.T) {
	srv := mysqltest.New(t, &mysqltest.Options{MaxAllowedPacket: 1 << 20})
	srv.RequireProcess(t) // needs a server with this max_allowed_packet
	ctx := testCtx(t)
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	c := connectT(t, cfg)
	c.SetBulkForTest(false) // the rewrite's packing
	if _, err := c.Exec(ctx, "CREATE TABLE em (id INT PRIMARY KEY, v VARCHAR(200))"); err != nil {
		t.Fatal(err)
	}
	const n = 20000
	pad := strings.Repeat("x", 150)
	rows := make([]any, n)
	for i := range rows {
		rows[i] = []any{i, pad}
	}
	before := comInsert(t, c)
	cur := c.Cursor()
	if _, err := cur.ExecuteMany(ctx, "INSERT INTO em VALUES (%s, %s)", rows); err != nil {
		t.Fatalf("ExecuteMany over a 1 MiB server limit: %v", err)
	}
	stmts := comInsert(t, c) - before
	// ~3.4 MB of rows under a 1 MiB limit: four statements, not one 64 MiB one.
	if stmts < 4 || stmts > 5 {
		t.Errorf("%d INSERT statements, want 4 or 5", stmts)
	}
	var count int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM em").Scan(&count); err != nil || count != n {
		t.Fatalf("rows = %d, %v; want %d", count, err, n)
	}
}

func comInsert(t *testing.T, c *aiomysql.Conn) int {
	t.Helper()
	var name, v string
	if err := c.QueryRow(testCtx(t), "SHOW SESSION STATUS LIKE 'Com_insert'").Scan(&name, &v); err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
