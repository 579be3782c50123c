// Command sa is aiomysql's SQLAlchemy example in Go, on package sa:
// create an engine, acquire a connection, create the table tbl(id, val),
// insert 'abc' and 'xyz' through a query builder, select them back and
// print the id and val of each row, then close the engine and wait for it
// to close.
//
// The builder of choice for this is squirrel (github.com/Masterminds/squirrel):
// of the five builders sa runs (bob, squirrel, goqu, go-jet, go-sqlbuilder)
// it is the one that reads like SQLAlchemy Core without generated code —
// `sq.Insert("tbl").Columns("val").Values("abc")`, `sq.Select("id",
// "val").From("tbl")` — emits MySQL's ? placeholders by default, and is the
// most used. go-jet is closer to SQLAlchemy's typed Table objects but wants
// generated table code; bob and goqu need a dialect set up first.
//
// The example is a module of its own (examples/sa/go.mod), so that squirrel
// is its dependency and not the core module's; make demo runs it from its
// directory. compat/sa's TestSeedExampleSquirrel (seed_test.go) runs the
// same statements and checks what they print.
//
// It connects to AIOMYSQL_DSN when that is set; otherwise it starts a
// private, throwaway MariaDB with mysqltest and connects to that.
package main

import (
	"context"
	"fmt"

	sq "github.com/Masterminds/squirrel"

	"github.com/aiomysql-go/aiomysql/examples/internal/demo"
	"github.com/aiomysql-go/aiomysql/sa"
)

func main() { demo.Main(run) }

func run(ctx context.Context, dsn string) (err error) {
	// engine = await create_engine(user=..., db=..., host=..., password=...)
	engine, err := sa.CreateEngineDSN(ctx, dsn)
	if err != nil {
		return err
	}
	// engine.close(); await engine.wait_closed()
	defer func() {
		engine.Close()
		if werr := engine.WaitClosed(ctx); err == nil {
			err = werr
		}
	}()
	// async with engine.acquire() as conn:
	conn, err := engine.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Execute(ctx, "DROP TABLE IF EXISTS tbl"); err != nil {
		return err
	}
	if _, err := conn.Execute(ctx, "CREATE TABLE tbl (id INT PRIMARY KEY AUTO_INCREMENT, val VARCHAR(255))"); err != nil {
		return err
	}
	// await conn.execute(tbl.insert().values(val='abc'))
	for _, v := range []string{"abc", "xyz"} {
		if _, err := conn.Execute(ctx, sq.Insert("tbl").Columns("val").Values(v)); err != nil {
			return err
		}
	}
	// async for row in conn.execute(tbl.select()): print(row.id, row.val)
	res, err := conn.Execute(ctx, sq.Select("id", "val").From("tbl").OrderBy("id"))
	if err != nil {
		return err
	}
	for row := range res.All() {
		id, err := row.Get("id")
		if err != nil {
			return err
		}
		val, err := row.Get("val")
		if err != nil {
			return err
		}
		fmt.Println(id, val)
	}
	if err := res.Err(); err != nil {
		return err
	}
	_, err = conn.Execute(ctx, "DROP TABLE tbl")
	return err
}
