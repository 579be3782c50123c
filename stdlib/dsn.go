package stdlib

import "github.com/aiomysql-go/aiomysql"

// ParseDSN reads a go-sql-driver/mysql DSN (or a mysql:// URL) as
// sql.Open("aiomysql", dsn) does: aiomysql.ParseDSN, then the names given
// to this package's registries (tls=<name>, serverPubKey=<name>, a network
// registered with RegisterDialContext) resolved. An error never contains
// the password.
func ParseDSN(dsn string) (*aiomysql.Config, error) {
	return aiomysql.ParseDSN(dsn)
}
