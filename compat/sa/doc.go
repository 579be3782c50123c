// Package sa holds compatibility tests of package sa
// (github.com/aiomysql-go/aiomysql/sa) with the real query builders whose
// method shapes sa.Conn.Execute accepts: bob (Build(ctx)), squirrel
// (ToSql), goqu (ToSQL), go-jet (Sql) and go-sqlbuilder (Build), each
// used with its MySQL dialect, inserting and selecting rows on a private,
// throwaway MariaDB that mysqltest starts on first use. Run them from the
// compat directory:
//
//	go test -race ./sa/
package sa
