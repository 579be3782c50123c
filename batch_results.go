package aiomysql

import (
	"context"
	"errors"
	"fmt"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// ErrBatchDone is returned by a BatchResults method called after the last
// result was read, or after Close.
var ErrBatchDone = errors.New("aiomysql: no more results in the batch")

// BatchResults are the results of a batch, read in the order the
// statements were queued (see SendBatch). Reading a result closes the Rows
// of the one before. It is not safe for concurrent use.
type BatchResults struct {
	c     *Conn
	ctx   context.Context
	items []batchItem
	err   error // the whole batch failed before its statements were sent
	tx    *batchTx
	trace *batchTrace

	next     int // the next statement to queue
	read     int // the next statement whose result is read
	inFlight int // bytes of commands written and not yet answered
	rows     *Rows
	failed   bool // a statement or a callback failed
	closed   bool
	closeErr error

	cached   []*Stmt  // taken from the statement cache, put back at the end
	pool     PoolConn // the Pool's SendBatch: released by Close
	prepared []*Stmt  // prepared for the batch: cached or closed at the end
}

// batchTx is the state of a SendBatchTx.
type batchTx struct {
	restoreAutocommit bool
}

// Exec reads the next statement's result, discarding its rows if it has
// any.
func (br *BatchResults) Exec() (Result, error) {
	it, res, err := br.nextResult()
	if err != nil {
		return Result{}, err
	}
	if err := res.Discard(br.ctx); err != nil {
		return Result{}, br.noteErr(it, err)
	}
	r := resultFrom(res.OK())
	br.trace.query(br.c, it, nil, int64(r.affected))
	return r, nil
}

// Query reads the next statement's result as rows, to be read before the
// next result (which closes them otherwise).
func (br *BatchResults) Query() (*Rows, error) {
	it, res, err := br.nextResult()
	if err != nil {
		return nil, err
	}
	br.trace.query(br.c, it, nil, 0)
	rows := new(Rows)
	rows.start(br.c, res, br.ctx, nil)
	br.rows = rows
	return rows, nil
}

// QueryRow reads the next statement's result as one row (see
// Conn.QueryRow): errors come with its Scan.
func (br *BatchResults) QueryRow() *Row {
	rows, err := br.Query()
	if err != nil {
		return &Row{err: err}
	}
	return &Row{rows: rows, use: rows.use}
}

// nextResult reads the head of the next statement's reply, writing more of
// the batch first when the window has room.
func (br *BatchResults) nextResult() (*batchItem, *protocol.Result, error) {
	if br.rows != nil {
		if err := br.rows.Close(); err != nil && br.c.IsClosed() {
			br.err = err
		}
		br.rows = nil
	}
	br.readInternal()
	if br.closed || br.read >= len(br.items) {
		return nil, nil, ErrBatchDone
	}
	it := &br.items[br.read]
	br.read++
	res, err := br.readItem(it)
	if err != nil {
		return it, nil, br.noteErr(it, err)
	}
	return it, res, nil
}

// readInternal reads the replies of the batch's own statements that come
// next (a transaction's start).
func (br *BatchResults) readInternal() {
	for br.err == nil && br.read < len(br.items) && br.items[br.read].internal {
		it := &br.items[br.read]
		br.read++
		res, err := br.readItem(it)
		if err == nil {
			err = res.Discard(br.ctx)
		}
		if err != nil {
			// The transaction could not start: nothing of the batch may run
			// outside it.
			br.failed = true
			br.abandon(err)
			br.err = fmt.Errorf("aiomysql: SendBatchTx: %s: %w", it.query, err)
		}
	}
}

// readItem reads the head of one statement's reply.
func (br *BatchResults) readItem(it *batchItem) (*protocol.Result, error) {
	c := br.c
	if br.err != nil {
		return nil, br.err
	}
	if it.err != nil {
		return nil, it.err
	}
	if cause := br.ctx.Err(); cause != nil {
		br.abandon(cause)
	}
	if !it.queued {
		if c.IsClosed() {
			return nil, fmt.Errorf("%w: batch: the connection is closed", ErrNotSent)
		}
		if err := br.fill(); err != nil {
			br.abandon(err)
			if !it.queued {
				return nil, fmt.Errorf("%w: batch: %w", ErrNotSent, err)
			}
		}
		if it.err != nil {
			return nil, it.err
		}
	} else if br.next < len(br.items) && br.inFlight-it.size < batchWindow/2 && !c.IsClosed() {
		if err := br.fill(); err != nil {
			br.abandon(err)
		}
	}
	res, err := c.pc.ReadResult(br.ctx)
	br.inFlight -= it.size
	if err != nil && br.ctx.Err() != nil {
		br.abandon(err)
	}
	return res, err
}

// abandon gives up on the replies still due after the context ended or the
// connection failed: the connection is closed, the statements written get
// ErrConnLost, those not written ErrNotSent.
func (br *BatchResults) abandon(cause error) {
	c := br.c
	if c.pc.State() == protocol.StateIdle {
		return // nothing due
	}
	c.pc.Abandon(cause)
	for i := br.next; i < len(br.items); i++ {
		if it := &br.items[i]; it.err == nil && !it.queued {
			it.err = fmt.Errorf("%w: batch: %w", ErrNotSent, cause)
		}
	}
	br.next = len(br.items)
}

// noteErr records that a statement failed.
func (br *BatchResults) noteErr(it *batchItem, err error) error {
	br.failed = true
	br.trace.query(br.c, it, err, 0)
	return err
}

// Close reads the results not read yet, running the callbacks set on their
// statements, and returns the first error among them (a statement's or a
// callback's). For SendBatchTx it then commits, or rolls back when
// anything failed. Close is idempotent.
func (br *BatchResults) Close() error {
	if br.closed {
		return br.closeErr
	}
	var first error
	note := func(err error) {
		if err != nil && first == nil {
			first = err
		}
	}
	if br.err != nil {
		note(br.err)
	}
	for br.readInternal(); br.err == nil && br.read < len(br.items); br.readInternal() {
		it := &br.items[br.read]
		var err error
		if it.q != nil && it.q.fn != nil {
			err = it.q.fn(br)
		} else {
			_, err = br.Exec()
		}
		if err != nil && !errors.Is(err, ErrBatchDone) {
			br.failed = true
			note(err)
		}
	}
	if br.rows != nil {
		note(br.rows.Close())
		br.rows = nil
	}
	note(br.endTx())
	br.closed = true
	br.keepStatements()
	br.trace.end(br.c, first)
	br.closeErr = first
	if br.pool.p != nil {
		c := br.pool
		br.pool = PoolConn{}
		c.Release()
	}
	return first
}

// endTx commits a SendBatchTx batch that succeeded, or rolls it back, and
// gives the session its autocommit back, in one round trip.
func (br *BatchResults) endTx() error {
	if br.tx == nil || br.c.IsClosed() {
		return nil
	}
	c := br.c
	ctx := br.ctx
	if ctx.Err() != nil {
		ctx = context.Background() // the connection was abandoned, or is idle
	}
	end, req := "COMMIT", protocol.Request{Op: "commit", Commit: true}
	if br.failed || br.err != nil {
		end, req = "ROLLBACK", protocol.Request{Op: "rollback"}
	}
	queries := []string{end}
	reqs := []protocol.Request{req}
	if br.tx.restoreAutocommit {
		queries = append(queries, "SET autocommit = 1")
		reqs = append(reqs, protocol.Request{Op: "exec"})
	}
	for i, q := range queries {
		if err := c.pc.Queue(ctx, reqs[i], func(b []byte) ([]byte, error) { return wire.AppendComQuery(b, q), nil }); err != nil {
			return err
		}
	}
	if err := c.pc.Flush(ctx); err != nil {
		return err
	}
	var first error
	for range queries {
		res, err := c.pc.ReadResult(ctx)
		if err == nil {
			err = res.Discard(ctx)
		}
		if err != nil && first == nil {
			first = err
		}
	}
	if first == nil && end == "ROLLBACK" {
		return nil // the statement's error says why
	}
	return first
}

// keepStatements puts the batch's statements where they belong: those of
// cache_statement into the cache, the others closed.
func (br *BatchResults) keepStatements() {
	c := br.c
	for _, st := range br.cached {
		c.cacheStmt(st)
	}
	keep := make(map[*Stmt]bool)
	for i := range br.items {
		if it := &br.items[i]; it.st != nil && it.mode == QueryExecModeCacheStatement {
			keep[it.st] = true
		}
	}
	for _, st := range br.prepared {
		if keep[st] && !c.IsClosed() {
			c.cacheStmt(st)
		} else {
			_ = st.Close()
		}
	}
}
