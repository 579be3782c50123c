package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"github.com/aiomysql-go/aiomysql"
)

// tx is a database/sql transaction on a connection.
type tx struct{ t *aiomysql.Tx }

// BeginTx starts a transaction with the isolation level (default, read
// uncommitted, read committed, repeatable read, serializable) and access
// mode asked for. Other levels of database/sql (snapshot, linearizable,
// write committed) are an error: MySQL has none.
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	var o aiomysql.TxOptions
	switch sql.IsolationLevel(opts.Isolation) {
	case sql.LevelDefault:
	case sql.LevelReadUncommitted:
		o.Isolation = aiomysql.LevelReadUncommitted
	case sql.LevelReadCommitted:
		o.Isolation = aiomysql.LevelReadCommitted
	case sql.LevelRepeatableRead:
		o.Isolation = aiomysql.LevelRepeatableRead
	case sql.LevelSerializable:
		o.Isolation = aiomysql.LevelSerializable
	default:
		return nil, fmt.Errorf("aiomysql/stdlib: isolation level %v is not supported by MySQL", sql.IsolationLevel(opts.Isolation))
	}
	o.ReadOnly = opts.ReadOnly
	t, err := c.c.BeginTx(ctx, o)
	if err != nil {
		return nil, mapErr(err)
	}
	return tx{t: t}, nil
}

// Commit commits; a lost reply is aiomysql.ErrCommitUnknown.
func (t tx) Commit() error { return t.t.Commit(context.Background()) }

// Rollback rolls back.
func (t tx) Rollback() error { return t.t.Rollback(context.Background()) }
