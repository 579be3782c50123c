package aiomysql_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

type copyTraceKey struct{}

// copyTracer records copies, and the queries that are traced.
type copyTracer struct {
	recordingTracer
	copyStarts []aiomysql.TraceCopyFromStartData
	copyEnds   []aiomysql.TraceCopyFromEndData
	ctxOK      []bool
}

func (r *copyTracer) TraceCopyFromStart(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceCopyFromStartData) context.Context {
	r.copyStarts = append(r.copyStarts, d)
	return context.WithValue(ctx, copyTraceKey{}, len(r.copyStarts))
}

func (r *copyTracer) TraceCopyFromEnd(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceCopyFromEndData) {
	r.copyEnds = append(r.copyEnds, d)
	n, _ := ctx.Value(copyTraceKey{}).(int)
	r.ctxOK = append(r.ctxOK, n == len(r.copyEnds))
}

// TestCopyFromTracer: a tracer that implements CopyFromTracer sees each
// copy's start and end (table, columns, rows, warnings, the path, the
// error, with the context its start returned), by either path, and no
// query of the copy's.
func TestCopyFromTracer(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			tr := &copyTracer{}
			c := copyConn(t, p.local, func(cfg *aiomysql.Config) { cfg.Tracer = tr })
			mustExec(t, c, "INSERT INTO cf_src VALUES (9, 'there')")
			tr.starts, tr.ends = nil, nil
			cols := []string{"id", "name"}
			ctx := testCtx(t)
			if _, err := c.CopyFrom(ctx, "cf_src", cols, aiomysql.CopyFromRows([][]any{srcRow(1), srcRow(9), srcRow(3)})); err != nil {
				t.Fatal(err)
			}
			_, err := c.CopyFrom(ctx, "cf_src", cols, aiomysql.CopyFromSlice(1, func(int) ([]any, error) { return nil, errSource }))
			if !errors.Is(err, errSource) {
				t.Fatalf("error %v", err)
			}
			if len(tr.starts) != 0 || len(tr.ends) != 0 {
				t.Errorf("queries traced: %+v", tr.starts)
			}
			wantStart := aiomysql.TraceCopyFromStartData{Table: "cf_src", Columns: cols}
			if len(tr.copyStarts) != 2 || !reflect.DeepEqual(tr.copyStarts[0], wantStart) || !reflect.DeepEqual(tr.copyStarts[1], wantStart) {
				t.Fatalf("starts %+v", tr.copyStarts)
			}
			if len(tr.copyEnds) != 2 {
				t.Fatalf("ends %+v", tr.copyEnds)
			}
			e := tr.copyEnds[0]
			if e.Table != "cf_src" || !reflect.DeepEqual(e.Columns, cols) || e.Rows != 2 || e.Warnings != 1 || e.LocalInfile != p.local || e.Err != nil || e.Duration <= 0 {
				t.Errorf("first end %+v", e)
			}
			if e := tr.copyEnds[1]; !errors.Is(e.Err, errSource) || e.Rows != 0 {
				t.Errorf("second end %+v", e)
			}
			if !tr.ctxOK[0] || !tr.ctxOK[1] {
				t.Errorf("the ends did not get their starts' contexts: %v", tr.ctxOK)
			}
		})
	}
}
