package aiomysql

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"
)

// QueryTracer observes queries, as pgx's tracers do. Set it in
// Config.Tracer. Its methods are called on the goroutine that runs the query;
// TraceQueryStart may return a derived context (for example carrying a span)
// that TraceQueryEnd receives. Every query, Exec, cursor Execute and each
// statement ExecuteMany sends is traced (a bulk execute, of ExecuteMany or
// ExecMany, as one query: see Conn.ExecMany); the connection's own set-up
// statements are not.
//
// The SQL a tracer sees is the text before interpolation, so argument values
// never reach it, but TraceQueryEndData.Err is the error as returned: a
// server's message may quote a value (a duplicate key) or part of the
// statement.
type QueryTracer interface {
	TraceQueryStart(ctx context.Context, conn *Conn, data TraceQueryStartData) context.Context
	TraceQueryEnd(ctx context.Context, conn *Conn, data TraceQueryEndData)
}

// TraceQueryStartData describes a query about to be sent. SQL is the text
// as the caller wrote it, before parameters were interpolated, so argument
// values (which may be secret) never reach a tracer.
type TraceQueryStartData struct {
	SQL  string
	Args int // the number of arguments
	// Mode is the execution mode the query is sent in: QueryExecModeText
	// for text (a query without arguments, a cursor's), the call's mode
	// for Query, QueryRow and Exec with arguments, QueryExecModeDefault for
	// the executes of a Stmt from Conn.Prepare.
	Mode QueryExecMode
}

// TraceQueryEndData describes how a query ended: for Exec when its reply was
// read, for Query when its rows were read to the end or closed.
type TraceQueryEndData struct {
	SQL  string
	Args int
	// Mode is the execution mode that ran: as TraceQueryStartData's, but
	// QueryExecModeText when a statement the server cannot prepare
	// (ER_UNSUPPORTED_PS) was sent as text instead.
	Mode     QueryExecMode
	Duration time.Duration
	Err      error
	// Rows is the number of rows read (Query) or affected (Exec); for a
	// query whose results include statements without rows (a cursor's
	// UPDATE, a multi-statement query), their affected rows are added.
	Rows int64
}

// queryTrace carries one query from start to end for the tracer and logger.
type queryTrace struct {
	ctx   context.Context
	start time.Time
	sql   string
	args  int
	mode  QueryExecMode
	done  bool
}

// startTrace begins tracing a query; it returns nil when nothing observes
// queries, which keeps the untraced path free of clock reads.
func (c *Conn) startTrace(ctx context.Context, sql string, args int, mode QueryExecMode) *queryTrace {
	if c.cfg.Tracer == nil && c.cfg.Logger == nil {
		return nil
	}
	t := &queryTrace{ctx: ctx, start: time.Now(), sql: sql, args: args, mode: mode}
	if c.cfg.Tracer != nil {
		t.ctx = c.cfg.Tracer.TraceQueryStart(ctx, c, TraceQueryStartData{SQL: sql, Args: args, Mode: mode})
	}
	return t
}

// setMode records the execution mode that ran, when it is not the one the
// trace started with.
func (t *queryTrace) setMode(m QueryExecMode) {
	if t != nil {
		t.mode = m
	}
}

// end reports the query's end once.
func (t *queryTrace) end(c *Conn, err error, rows int64) {
	if t == nil || t.done {
		return
	}
	t.done = true
	d := time.Since(t.start)
	if c.cfg.Tracer != nil {
		c.cfg.Tracer.TraceQueryEnd(t.ctx, c, TraceQueryEndData{SQL: t.sql, Args: t.args, Mode: t.mode, Duration: d, Err: err, Rows: rows})
	}
	if l := c.cfg.Logger; l != nil {
		attrs := []slog.Attr{
			slog.String("sql", t.sql), slog.Int("args", t.args), slog.String("mode", t.mode.String()),
			slog.Duration("duration", d), slog.Int64("rows", rows),
			slog.Uint64("thread_id", uint64(c.ThreadID())),
		}
		level := slog.LevelInfo
		if err != nil {
			level = slog.LevelError
			attrs = append(attrs, errorAttrs(err)...)
		}
		l.LogAttrs(t.ctx, level, "query", attrs...)
	}
}

// errorAttrs describes a query's error for the log. A server error is given
// by number and SQLSTATE only: its message may quote the statement or a
// value (a duplicate key, a syntax error "near ..."), and the log never holds
// argument values. Other errors are the client's own, which quote no values.
func errorAttrs(err error) []slog.Attr {
	var se *Error
	if errors.As(err, &se) {
		return []slog.Attr{
			slog.String("error", "server error "+strconv.Itoa(int(se.Number))+" ("+se.SQLState+")"),
			slog.Int("error_number", int(se.Number)),
			slog.String("sqlstate", se.SQLState),
		}
	}
	return []slog.Attr{slog.String("error", err.Error())}
}
