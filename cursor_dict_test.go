package aiomysql_test

import (
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestDictCursorDuplicateNames(t *testing.T) {
	for _, kind := range cursorKinds() {
		t.Run(kind.name, func(t *testing.T) {
			c := rootConn(t)
			ctx := testCtx(t)
			mustExecAll(t, c,
				"DROP TABLE IF EXISTS cur_a, cur_b",
				"CREATE TABLE cur_a (id INT PRIMARY KEY, name VARCHAR(10))",
				"CREATE TABLE cur_b (id INT PRIMARY KEY, a_id INT, name VARCHAR(10))",
				"INSERT INTO cur_a VALUES (1, 'one')", "INSERT INTO cur_b VALUES (10, 1, 'ten')")
			cur := kind.open(t, c)
			defer cur.close()
			if _, err := cur.execute(ctx, "SELECT a.id, b.id, a.name, b.name FROM cur_a a JOIN cur_b b ON b.a_id = a.id"); err != nil {
				t.Fatal(err)
			}
			if cur.dict {
				if got := fmt.Sprint(cur.keys()); got != "[id b.id name b.name]" {
					t.Errorf("keys %s, want [id b.id name b.name]", got)
				}
			}
			rows, err := cur.fetchAll(ctx)
			if err != nil || !sameRows(rows, [][]any{{int64(1), int64(10), "one", "ten"}}) {
				t.Errorf("rows %#v, %v", rows, err)
			}
		})
	}
}

func TestDictCursorRowKeys(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	for _, cur := range []*aiomysql.Cursor[map[string]any]{c.DictCursor(), c.SSDictCursor()} {
		if _, err := cur.Execute(ctx, "SELECT 1 AS x, 2 AS x, 'v' AS y"); err != nil {
			t.Fatal(err)
		}
		row, err := cur.FetchOne(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Without a table the second x is ".x", as aiomysql names it.
		if got := fmt.Sprint(row); got != "map[.x:2 x:1 y:v]" {
			t.Errorf("row %s", got)
		}
		if err := cur.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
