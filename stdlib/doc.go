// Package stdlib is a database/sql driver for MySQL and MariaDB over the
// native aiomysql package, a drop-in replacement for go-sql-driver/mysql.
//
// # database/sql
//
// Import it for its side effect and open a DB with go-sql-driver's DSN:
//
//	import _ "github.com/aiomysql-go/aiomysql/stdlib"
//
//	db, err := sql.Open("aiomysql", "app:secret@tcp(127.0.0.1:3306)/shop?parseTime=true")
package stdlib
