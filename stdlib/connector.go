package stdlib

import (
	"context"
	"database/sql"
	"database/sql/driver"

	"github.com/aiomysql-go/aiomysql"
)

// Connector opens connections for database/sql, from a Config (NewConnector)
// or from a Pool (OpenDBFromPool). It is safe for concurrent use.
type Connector struct {
	cfg  *aiomysql.Config
	pool *aiomysql.Pool
}

// NewConnector returns a Connector that opens connections with cfg. cfg is
// copied (Config.Clone): changing it afterwards changes nothing.
func NewConnector(cfg *aiomysql.Config) *Connector {
	if cfg == nil {
		cfg = aiomysql.NewConfig()
	}
	return &Connector{cfg: cfg.Clone()}
}

// OpenDB returns a *sql.DB whose connections are opened with cfg, as
// sql.OpenDB(NewConnector(cfg)).
func OpenDB(cfg *aiomysql.Config) *sql.DB { return sql.OpenDB(NewConnector(cfg)) }

// OpenDBFromPool returns a *sql.DB over pool, as pgx's stdlib.OpenDBFromPool:
// each driver connection holds a connection acquired from pool, and closing
// it (database/sql does so when it drops a connection) releases it to the
// pool, which checks and resets it. So that the pool, not database/sql,
// keeps the idle connections, the DB keeps none (SetMaxIdleConns(0)); the
// pool's limits are the DB's. Closing the DB does not close the pool.
func OpenDBFromPool(pool *aiomysql.Pool) *sql.DB {
	db := sql.OpenDB(&Connector{pool: pool})
	db.SetMaxIdleConns(0)
	return db
}

// Connect opens a connection (or acquires one from the pool), under ctx.
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	if c.pool != nil {
		pc, err := c.pool.Acquire(ctx)
		if err != nil {
			return nil, err
		}
		return newConn(pc.Conn(), pc, c.pool.Config().ConnConfig), nil
	}
	// LOAD DATA LOCAL INFILE is on, as go-sql-driver has it, for readers
	// registered with RegisterReaderHandler (also after this connect) and
	// for the files in LocalInfileAllow and RegisterLocalFile's registry:
	// a request for any other file is refused, whatever the server asks.
	cfg := c.cfg.Clone()
	cfg.LocalInfile = true
	cfg.LocalInfileAllow = append(cfg.LocalInfileAllow, registeredFiles()...)
	nc, err := aiomysql.Connect(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return newConn(nc, aiomysql.PoolConn{}, c.cfg), nil
}

// Driver returns the package's Driver.
func (c *Connector) Driver() driver.Driver { return Driver{} }

var _ driver.Connector = (*Connector)(nil)
