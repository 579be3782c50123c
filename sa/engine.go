package sa

import (
	"context"
	"errors"

	"github.com/aiomysql-go/aiomysql"
)

// Engine runs statements over a pool of connections, as aiomysql.sa's
// Engine: Acquire gives a Conn, Release gives it back, Execute does both
// around one statement. An Engine is safe for concurrent use; the Conns it
// hands out are not (use each from one goroutine at a time).
type Engine struct {
	pool *aiomysql.Pool
}

// CreateEngine makes an Engine over a new pool, as aiomysql.sa's
// create_engine: the pool opens cfg.MinSize connections before it returns
// (see aiomysql.CreatePool).
func CreateEngine(ctx context.Context, cfg *aiomysql.PoolConfig) (*Engine, error) {
	pool, err := aiomysql.CreatePool(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return &Engine{pool: pool}, nil
}

// CreateEngineDSN makes an Engine from a DSN, read by
// aiomysql.ParsePoolConfig.
func CreateEngineDSN(ctx context.Context, dsn string) (*Engine, error) {
	cfg, err := aiomysql.ParsePoolConfig(dsn)
	if err != nil {
		return nil, err
	}
	return CreateEngine(ctx, cfg)
}

// NewEngine makes an Engine over a pool the caller made. Closing the
// Engine closes the pool.
func NewEngine(pool *aiomysql.Pool) *Engine { return &Engine{pool: pool} }

// Pool returns the Engine's pool.
func (e *Engine) Pool() *aiomysql.Pool { return e.pool }

// MinSize returns the pool's MinSize, as aiomysql.sa's Engine.minsize.
func (e *Engine) MinSize() int { return e.pool.MinSize() }

// MaxSize returns the pool's MaxSize, as aiomysql.sa's Engine.maxsize.
func (e *Engine) MaxSize() int { return e.pool.MaxSize() }

// Size returns the number of connections open or being opened, as
// aiomysql.sa's Engine.size.
func (e *Engine) Size() int { return e.pool.Size() }

// FreeSize returns the number of idle connections, as aiomysql.sa's
// Engine.freesize.
func (e *Engine) FreeSize() int { return e.pool.FreeSize() }

// Acquire returns a connection of the pool, waiting for one while ctx
// lets it, as aiomysql.sa's Engine.acquire. Give it back with Release (or
// the Conn's Close).
func (e *Engine) Acquire(ctx context.Context) (*Conn, error) {
	pc, err := e.pool.Acquire(ctx)
	if err != nil {
		if errors.Is(err, aiomysql.ErrPoolClosed) {
			return nil, errorf(ErrResourceClosed, "acquire: %w", err)
		}
		return nil, err
	}
	return newConn(e, pc), nil
}

// Release gives conn back to the pool, as aiomysql.sa's Engine.release.
// When a transaction is still open on it, Release returns an error
// wrapping ErrInvalidRequest and keeps the connection: commit or roll the
// transaction back and release again, or Close the Conn, which rolls it
// back. Results of conn not read to their end are closed first (reading
// them then gives ErrResourceClosed), so the pool never gets a connection
// with a reply half read. Releasing a closed or released Conn does nothing.
func (e *Engine) Release(conn *Conn) error {
	if conn == nil || conn.engine != e {
		return errorf(ErrArgument, "release: the connection is not this engine's")
	}
	return conn.release()
}

// Execute acquires a connection, runs q on it (see Conn.Execute) and
// releases it. The rows of the result are read before the connection is
// given back, so the Result is read without a connection, for as long as
// the caller likes.
func (e *Engine) Execute(ctx context.Context, q any, args ...any) (*Result, error) {
	conn, err := e.Acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	res, err := conn.Execute(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	if err := res.detach(); err != nil {
		return nil, err
	}
	res.conn = nil // it outlives the connection
	return res, nil
}

// Close closes the engine, as aiomysql.sa's Engine.close: Acquire fails
// from now on, idle connections are closed, and those in use when they
// are given back. WaitClosed waits for them.
func (e *Engine) Close() { e.pool.Close() }

// Terminate closes the engine and every connection now, those in use
// too, as aiomysql.sa's Engine.terminate.
func (e *Engine) Terminate() { e.pool.Terminate() }

// WaitClosed waits until the engine is closed and every connection with
// it, as aiomysql.sa's Engine.wait_closed, or until ctx ends.
func (e *Engine) WaitClosed(ctx context.Context) error { return e.pool.WaitClosed(ctx) }

// Closed reports whether Close or Terminate was called.
func (e *Engine) Closed() bool { return e.pool.Closed() }
