package stdlib

import "github.com/aiomysql-go/aiomysql"

// NativeConn returns the native connection under a driver connection, as
// sql.Conn.Raw hands it over, or nil for a connection of another driver:
//
//	err := sqlConn.Raw(func(dc any) error {
//		c := stdlib.NativeConn(dc)
//		rows, err := c.Query(ctx, "SELECT ...") // the native API
//		...
//	})
//
// The native connection belongs to database/sql: use it only inside the
// Raw callback and do not close it.
func NativeConn(driverConn any) *aiomysql.Conn {
	if c, ok := driverConn.(*conn); ok {
		return c.c
	}
	return nil
}
