package aiomysql_test

import (
	"context"
	"fmt"

	"github.com/aiomysql-go/aiomysql"
)

func ExampleConn_CopyFrom() {
	ctx := context.Background()
	conn, err := exampleConn(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close()
	if _, err := conn.Exec(ctx, "CREATE TEMPORARY TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2))"); err != nil {
		fmt.Println(err)
		return
	}
	rows := [][]any{{1, "apple", "0.50"}, {2, "banana\twith a tab", 0.25}, {3, "cherry", nil}}
	res, err := conn.CopyFrom(ctx, "fruit", []string{"id", "name", "price"}, aiomysql.CopyFromRows(rows))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rows, "rows copied,", res.Warnings, "warnings")
	var name string
	if err := conn.QueryRow(ctx, "SELECT name FROM fruit WHERE id = 2").Scan(&name); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%q\n", name)
	// Output:
	// 3 rows copied, 0 warnings
	// "banana\twith a tab"
}
