// Package aiobob runs bob (github.com/stephenafamo/bob) on aiomysql
// without database/sql: its Executor and SA types implement bob.Executor
// and bob.Transactor, so bob's query builders, its bob.One / bob.All /
// bob.Exec helpers and the models bobgen generates run on an
// aiomysql.Conn, PoolConn, Pool or Tx, or on an sa.Conn.
//
//	exec := aiobob.New(pool) // or aiobob.NewSA(conn) for an sa.Conn
//	users, err := models.Users.Query(sm.Where(...)).All(ctx, exec)
//
// It is its own module, so that neither aiomysql nor sa depends on bob.
package aiobob
