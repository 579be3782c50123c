// Package sa is the engine layer of aiomysql for Go, as aiomysql.sa is
// aiomysql's: an Engine over a pool, Conns that run SQL strings or any
// query builder's queries, Results and Rows read by index and by name,
// and transactions — root, nested on savepoints, and two-phase (XA).
//
// Python's aiomysql.sa runs SQLAlchemy Core expressions. Go has no
// SQLAlchemy; it has query builders, and sa runs their queries without
// importing any of them: a value with one of their methods is a query.
//
//	Build(ctx) (string, []any, error)  bob
//	ToSql() (string, []any, error)     squirrel
//	ToSQL() (string, []any, error)     goqu
//	Sql() (string, []any)              go-jet
//	Build() (string, []any)            go-sqlbuilder
//
// # The seed's example
//
// aiomysql.sa's example, in Go, with squirrel as the builder:
//
//	engine, err := sa.CreateEngineDSN(ctx, "root@tcp(127.0.0.1:3306)/test")
//	if err != nil {
//		return err
//	}
//	defer func() { engine.Close(); _ = engine.WaitClosed(ctx) }()
//	conn, err := engine.Acquire(ctx) // async with engine.acquire() as conn:
//	if err != nil {
//		return err
//	}
//	defer conn.Close()
//	_, err = conn.Execute(ctx, sq.Insert("tbl").Columns("val").Values("abc"))
//	if err != nil {
//		return err
//	}
//	res, err := conn.Execute(ctx, sq.Select("id", "val").From("tbl"))
//	if err != nil {
//		return err
//	}
//	for row := range res.All() { // async for row in conn.execute(...):
//		id, _ := row.Get("id")
//		val, _ := row.Get("val")
//		fmt.Println(id, val)
//	}
//	return res.Err()
//
// # Results
//
// A statement with rows gives a Result that streams them from the
// connection; running another statement on the Conn first reads the rest
// into memory, so several Results can be read side by side. Closing or
// releasing the Conn closes its Results: reading one then gives
// ErrResourceClosed, and the pool never gets a connection with a reply
// half read. Engine.Execute reads the whole result before it gives the
// connection back, so its Result lives on its own.
//
// # Executemany
//
// Execute with a [][]any (for ? placeholders) or a []map[string]any or
// []aiomysql.NamedArgs (for :name and @name) as its only argument runs the
// statement once per element through aiomysql.Conn.ExecMany: one
// COM_STMT_BULK_EXECUTE on MariaDB, multi-row INSERTs elsewhere.
//
// # Transactions
//
// Begin starts a transaction; BeginNested a savepoint inside it (Commit
// releases it, Rollback rolls back to it); BeginTwoPhase an XA
// transaction, whose xid is always sent as a hexadecimal literal.
// Tx.Run and Conn.BeginFunc commit when a function returns nil and roll
// back when it fails or panics. Engine.Release refuses a Conn with a
// transaction open (ErrInvalidRequest), as aiomysql.sa does; Conn.Close
// rolls it back.
//
// # Errors
//
// ErrArgument, ErrInvalidRequest, ErrNoSuchColumn and ErrResourceClosed
// are aiomysql.sa's exceptions; errors from the driver and the server
// reach the caller as the driver gives them (*aiomysql.Error and its
// sentinels).
package sa
