package aiomysql

import "context"

// AcquireTracer observes Pool.Acquire, as pgxpool's. A Config.Tracer that
// implements it is called by a Pool over that Config.
type AcquireTracer interface {
	// TraceAcquireStart is called at the start of Acquire; the context it
	// returns is the one the acquire runs in and TraceAcquireEnd gets.
	TraceAcquireStart(ctx context.Context, pool *Pool, data TraceAcquireStartData) context.Context
	// TraceAcquireEnd is called when Acquire returns.
	TraceAcquireEnd(ctx context.Context, pool *Pool, data TraceAcquireEndData)
}

// TraceAcquireStartData describes an acquire about to start.
type TraceAcquireStartData struct{}

// TraceAcquireEndData describes how an acquire ended: with a connection
// or an error.
type TraceAcquireEndData struct {
	Conn *Conn
	Err  error
}

// ReleaseTracer observes connections given back to a Pool. A Config.Tracer
// that implements it is called by a Pool over that Config.
type ReleaseTracer interface {
	// TraceRelease is called when a connection is given back, after it was
	// cleaned and before it is made idle or closed.
	TraceRelease(pool *Pool, data TraceReleaseData)
}

// TraceReleaseData describes a connection given back.
type TraceReleaseData struct {
	Conn *Conn
}
