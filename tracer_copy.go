package aiomysql

import (
	"context"
	"time"
)

// CopyFromTracer observes CopyFrom calls, as pgx's CopyFromTracer. A
// Config.Tracer that also implements it gets these calls, on the goroutine
// that runs the copy; TraceCopyFromStart may return a derived context that
// TraceCopyFromEnd receives. The statements a copy sends (LOAD DATA, or the
// INSERTs of the fallback) are not traced as queries, and no value ever
// reaches a tracer.
type CopyFromTracer interface {
	TraceCopyFromStart(ctx context.Context, conn *Conn, data TraceCopyFromStartData) context.Context
	TraceCopyFromEnd(ctx context.Context, conn *Conn, data TraceCopyFromEndData)
}

// TraceCopyFromStartData describes a copy about to start: the table and
// columns as CopyFrom was given them.
type TraceCopyFromStartData struct {
	Table   string
	Columns []string
}

// TraceCopyFromEndData describes how a copy ended: Rows and Warnings are
// the CopyFromResult's (the rows the server inserted), Err the error
// CopyFrom returns.
type TraceCopyFromEndData struct {
	Table    string
	Columns  []string
	Rows     int64
	Warnings int
	// LocalInfile reports whether the rows went as LOAD DATA LOCAL INFILE
	// (else as multi-row INSERTs, or not at all).
	LocalInfile bool
	Duration    time.Duration
	Err         error
}

// copyTrace carries one copy from start to end for the tracer.
type copyTrace struct {
	t       CopyFromTracer
	ctx     context.Context
	table   string
	columns []string
	start   time.Time
}

// startCopy begins tracing a copy; nil when the tracer does not observe
// copies.
func (c *Conn) startCopy(ctx context.Context, table string, columns []string) *copyTrace {
	ct, ok := c.cfg.Tracer.(CopyFromTracer)
	if !ok {
		return nil
	}
	p := &copyTrace{t: ct, table: table, columns: columns, start: time.Now()}
	p.ctx = ct.TraceCopyFromStart(ctx, c, TraceCopyFromStartData{Table: table, Columns: columns})
	return p
}

// end reports the copy's end.
func (p *copyTrace) end(c *Conn, res CopyFromResult, err error) {
	if p == nil {
		return
	}
	p.t.TraceCopyFromEnd(p.ctx, c, TraceCopyFromEndData{Table: p.table, Columns: p.columns,
		Rows: res.Rows, Warnings: res.Warnings, LocalInfile: res.LocalInfile, Duration: time.Since(p.start), Err: err})
}
