package aiomysql

import (
	"context"
	"time"
)

// PrepareTracer observes the server-side prepares a connection makes, for
// Conn.Prepare and for the prepared execution modes (a prepare the
// statement cache answers is not traced: nothing is sent). A
// Config.Tracer that also implements PrepareTracer gets these calls, as in
// pgx. In QueryExecModeDirect and, on MariaDB, for a statement the cache
// does not hold yet, the prepare and the execute share one round trip:
// TracePrepareEnd comes when the prepare's reply is read.
type PrepareTracer interface {
	TracePrepareStart(ctx context.Context, conn *Conn, data TracePrepareStartData) context.Context
	TracePrepareEnd(ctx context.Context, conn *Conn, data TracePrepareEndData)
}

// TracePrepareStartData describes a statement about to be prepared: its
// text as sent to the server (named placeholders already turned into ?).
type TracePrepareStartData struct {
	SQL string
}

// TracePrepareEndData describes how a prepare ended.
type TracePrepareEndData struct {
	SQL      string
	Duration time.Duration
	Err      error
}

// prepareTrace carries one prepare from start to end for the tracer.
type prepareTrace struct {
	t     PrepareTracer
	ctx   context.Context
	sql   string
	start time.Time
}

// startPrepare begins tracing a prepare; nil when the tracer does not
// observe prepares. The context is the query's traced one when the prepare
// is part of a query.
func (c *Conn) startPrepare(ctx context.Context, q *queryTrace, sql string) *prepareTrace {
	pt, ok := c.cfg.Tracer.(PrepareTracer)
	if !ok {
		return nil
	}
	if q != nil {
		ctx = q.ctx
	}
	p := &prepareTrace{t: pt, sql: sql, start: time.Now()}
	p.ctx = pt.TracePrepareStart(ctx, c, TracePrepareStartData{SQL: sql})
	return p
}

// end reports the prepare's end.
func (p *prepareTrace) end(c *Conn, err error) {
	if p == nil {
		return
	}
	p.t.TracePrepareEnd(p.ctx, c, TracePrepareEndData{SQL: p.sql, Duration: time.Since(p.start), Err: err})
}
