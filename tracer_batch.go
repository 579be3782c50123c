package aiomysql

import (
	"context"
	"time"
)

// BatchTracer observes batches (SendBatch, SendBatchTx), as pgx's
// BatchTracer does: a Config.Tracer that also implements it gets a call
// when a batch is sent, one for each statement's result as it is read, and
// one when the results are closed. The statements of a batch are not
// traced as queries.
type BatchTracer interface {
	TraceBatchStart(ctx context.Context, conn *Conn, data TraceBatchStartData) context.Context
	TraceBatchQuery(ctx context.Context, conn *Conn, data TraceBatchQueryData)
	TraceBatchEnd(ctx context.Context, conn *Conn, data TraceBatchEndData)
}

// TraceBatchStartData describes a batch about to be sent.
type TraceBatchStartData struct {
	Batch *Batch
}

// TraceBatchQueryData describes the result of one statement of a batch.
// SQL is the text as queued, before interpolation; Rows is the number of
// rows affected, for a result read with Exec.
type TraceBatchQueryData struct {
	SQL  string
	Args int
	Mode QueryExecMode
	Err  error
	Rows int64
}

// TraceBatchEndData describes how a batch ended: the error Close returned.
type TraceBatchEndData struct {
	Duration time.Duration
	Err      error
}

// batchTrace carries a batch from start to end for the tracer.
type batchTrace struct {
	t     BatchTracer
	ctx   context.Context
	start time.Time
}

// startBatch begins tracing a batch; nil when the tracer does not observe
// batches.
func (c *Conn) startBatch(ctx context.Context, b *Batch) *batchTrace {
	bt, ok := c.cfg.Tracer.(BatchTracer)
	if !ok {
		return nil
	}
	t := &batchTrace{t: bt, start: time.Now()}
	t.ctx = bt.TraceBatchStart(ctx, c, TraceBatchStartData{Batch: b})
	return t
}

// query reports one statement's result.
func (t *batchTrace) query(c *Conn, it *batchItem, err error, rows int64) {
	if t == nil || it == nil || it.q == nil {
		return
	}
	t.t.TraceBatchQuery(t.ctx, c, TraceBatchQueryData{SQL: it.q.SQL, Args: len(it.args), Mode: it.mode, Err: err, Rows: rows})
}

// end reports the batch's end.
func (t *batchTrace) end(c *Conn, err error) {
	if t == nil {
		return
	}
	t.t.TraceBatchEnd(t.ctx, c, TraceBatchEndData{Duration: time.Since(t.start), Err: err})
}
