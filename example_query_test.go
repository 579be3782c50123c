package aiomysql_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// exampleTB lets an Example, which has no *testing.T, use testServer: a
// failure to start the server is kept in err instead of ending a test.
type exampleTB struct {
	testing.TB
	err error
}

func (e *exampleTB) Helper() {}

func (e *exampleTB) Fatal(args ...any) { e.err = fmt.Errorf("test server: %s", fmt.Sprint(args...)) }

// exampleConn connects to the shared test server as root. In a program it is
// aiomysql.Connect(ctx, cfg) with your own Config.
func exampleConn(ctx context.Context) (*aiomysql.Conn, error) {
	tb := &exampleTB{}
	srv := testServer(tb)
	if tb.err != nil {
		return nil, tb.err
	}
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		return nil, err
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	return aiomysql.Connect(ctx, cfg)
}

// exampleFruit makes a temporary table of fruit for the examples.
func exampleFruit(ctx context.Context, conn *aiomysql.Conn) error {
	for _, q := range []string{
		"CREATE TEMPORARY TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(6,2) NULL)",
		"INSERT INTO fruit VALUES (1, 'apple', 0.50), (2, 'banana', 0.25), (3, 'cherry', NULL)",
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

func ExampleConn_Query() {
	ctx := context.Background()
	conn, err := exampleConn(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	if err := exampleFruit(ctx, conn); err != nil {
		fmt.Println(err)
		return
	}

	rows, err := conn.Query(ctx, "SELECT id, name, price FROM fruit WHERE id <= ? ORDER BY id", 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id    int
			name  string
			price *string // NULL reads as nil
		)
		if err := rows.Scan(&id, &name, &price); err != nil {
			fmt.Println(err)
			return
		}
		if price == nil {
			fmt.Println(id, name, "no price")
			continue
		}
		fmt.Println(id, name, *price)
	}
	if err := rows.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 1 apple 0.50
	// 2 banana 0.25
	// 3 cherry no price
}

func ExampleConn_DictCursor() {
	ctx := context.Background()
	conn, err := exampleConn(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	if err := exampleFruit(ctx, conn); err != nil {
		fmt.Println(err)
		return
	}

	cur := conn.DictCursor()
	defer cur.Close()
	n, err := cur.Execute(ctx, "SELECT name, price FROM fruit WHERE price > %s ORDER BY name", 0.3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("rows:", n)
	row, err := cur.FetchOne(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(row["name"], row["price"])
	row, _ = cur.FetchOne(ctx)
	fmt.Println("after the last row:", row == nil)

	n, err = cur.ExecuteMany(ctx, "INSERT INTO fruit (id, name) VALUES (%s, %s)",
		[]any{[]any{4, "date"}, []any{5, "elderberry"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("inserted:", n)
	// Output:
	// rows: 1
	// apple 0.50
	// after the last row: true
	// inserted: 2
}

func ExampleCollectRows() {
	ctx := context.Background()
	conn, err := exampleConn(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	if err := exampleFruit(ctx, conn); err != nil {
		fmt.Println(err)
		return
	}

	type Fruit struct {
		ID    int     `db:"id"`
		Name  string  `db:"name"`
		Price *string `db:"price"`
	}
	rows, err := conn.Query(ctx, "SELECT id, name, price FROM fruit ORDER BY id")
	if err != nil {
		fmt.Println(err)
		return
	}
	fruit, err := aiomysql.CollectRows(rows, aiomysql.RowToStructByName[Fruit])
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range fruit {
		fmt.Println(f.ID, f.Name, f.Price != nil)
	}

	rows, err = conn.Query(ctx, "SELECT name FROM fruit ORDER BY name DESC")
	if err != nil {
		fmt.Println(err)
		return
	}
	names, err := aiomysql.CollectRows(rows, aiomysql.RowTo[string])
	fmt.Println(names, err)
	// Output:
	// 1 apple true
	// 2 banana true
	// 3 cherry false
	// [cherry banana apple] <nil>
}
