package sa_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/sa"
)

// The five builder shapes, as tiny local types; compat/sa runs the real
// libraries.
type (
	bobShape      struct{ q string }
	squirrelShape struct{ q string }
	goquShape     struct{ q string }
	jetShape      struct{ q string }
	sqlbShape     struct{ q string }
	failingShape  struct{}
)

func (b bobShape) Build(context.Context) (string, []any, error) { return b.q, []any{"bob"}, nil }
func (b squirrelShape) ToSql() (string, []any, error)           { return b.q, []any{"squirrel"}, nil }
func (b goquShape) ToSQL() (string, []any, error)               { return b.q, []any{"goqu"}, nil }
func (b jetShape) Sql() (string, []any)                         { return b.q, []any{"jet"} }
func (b sqlbShape) Build() (string, []any)                      { return b.q, []any{"sqlbuilder"} }
func (failingShape) ToSQL() (string, []any, error)              { return "", nil, errors.New("bad builder") }

func TestBuilderShapes(t *testing.T) {
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	ins := "INSERT INTO " + tbl + " (val) VALUES (?)"
	for _, q := range []any{bobShape{ins}, squirrelShape{ins}, goquShape{ins}, jetShape{ins}, sqlbShape{ins}} {
		if res := mustRun(t, c, q); res.RowCount() != 1 {
			t.Fatalf("%T: RowCount %d", q, res.RowCount())
		}
	}
	got := vals(t, e, tbl)
	want := []string{"bob", "squirrel", "goqu", "jet", "sqlbuilder"}
	if len(got) != len(want) {
		t.Fatalf("rows %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("rows %q, want %q", got, want)
		}
	}
	ctx := testCtx(t)
	if _, err := c.Execute(ctx, bobShape{ins}, "more"); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("arguments beside a builder: %v, want ErrArgument", err)
	}
	_, err := c.Execute(ctx, failingShape{})
	if !errors.Is(err, sa.ErrArgument) || err.Error() == "" {
		t.Fatalf("failing builder: %v, want ErrArgument", err)
	}
}

// queryLog records the statements a connection sends.
type queryLog struct {
	mu   sync.Mutex
	seen []aiomysql.TraceQueryStartData
}

func (l *queryLog) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceQueryStartData) context.Context {
	l.mu.Lock()
	l.seen = append(l.seen, d)
	l.mu.Unlock()
	return ctx
}

func (l *queryLog) TraceQueryEnd(context.Context, *aiomysql.Conn, aiomysql.TraceQueryEndData) {}

// sent returns the statements seen with that text.
func (l *queryLog) sent(text string) []aiomysql.TraceQueryStartData {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []aiomysql.TraceQueryStartData
	for _, d := range l.seen {
		if d.SQL == text {
			out = append(out, d)
		}
	}
	return out
}

func TestExecuteMany(t *testing.T) {
	log := &queryLog{}
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.ConnConfig.Tracer = log })
	tbl := testTable(t, e)
	c := acquire(t, e)
	ins := "INSERT INTO " + tbl + " (id, val) VALUES (?, ?)"
	res := mustRun(t, c, ins, [][]any{{1, "a"}, {2, "b"}, {3, "c"}})
	if res.RowCount() != 3 || res.ReturnsRows() {
		t.Fatalf("RowCount %d ReturnsRows %v, want 3 and false", res.RowCount(), res.ReturnsRows())
	}
	// One traced call for all the rows: the driver's ExecMany, not a loop.
	if s := log.sent(ins); len(s) != 1 || s[0].Args != 6 {
		t.Fatalf("the executemany was sent as %+v, want one call with 6 arguments", s)
	}
	named := "INSERT INTO " + tbl + " (id, val) VALUES (:id, @val)"
	res = mustRun(t, c, named, []map[string]any{{"id": 4, "val": "d"}, {"id": 5, "val": "e"}})
	if res.RowCount() != 2 {
		t.Fatalf("named executemany RowCount %d, want 2", res.RowCount())
	}
	if s := log.sent("INSERT INTO " + tbl + " (id, val) VALUES (?, ?)"); len(s) != 2 || s[1].Args != 4 {
		t.Fatalf("the named executemany was sent as %+v, want one more call with 4 arguments", s)
	}
	mustRun(t, c, named, []aiomysql.NamedArgs{{"id": 6, "val": "f"}})
	if got := vals(t, e, tbl); len(got) != 6 || got[3] != "d" || got[5] != "f" {
		t.Fatalf("rows %q, want a..f", got)
	}
	if res := mustRun(t, c, ins, [][]any{}); res.RowCount() != 0 {
		t.Fatalf("empty executemany RowCount %d", res.RowCount())
	}
	ctx := testCtx(t)
	if _, err := c.Execute(ctx, named, []map[string]any{{"id": 7, "val": "g"}, {"id": 8}}); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("a map without a name: %v, want ErrArgument", err)
	}
	if _, err := c.Execute(ctx, ins, []map[string]any{{"id": 7}}); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("maps for ? placeholders: %v, want ErrArgument", err)
	}
	if _, err := c.Execute(ctx, ins, [][]any{{9, "x"}, {1, "dup"}}); !errors.Is(err, aiomysql.ErrIntegrity) {
		t.Fatalf("duplicate key in an executemany: %v, want ErrIntegrity", err)
	}
}

func TestNamedSingle(t *testing.T) {
	e := testEngine(t, nil)
	c := acquire(t, e)
	v, err := c.Scalar(testCtx(t), "SELECT CONCAT(:a, @b)", map[string]any{"a": "x", "b": "y"})
	if err != nil || v != "xy" {
		t.Fatalf("named placeholders: %v %v, want xy", v, err)
	}
}
