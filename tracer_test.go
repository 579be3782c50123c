package aiomysql_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

type traceKey struct{}

// recordingTracer keeps what it is told; the context TraceQueryStart returns
// carries the start's sequence number, which TraceQueryEnd must get back.
type recordingTracer struct {
	starts []aiomysql.TraceQueryStartData
	ends   []aiomysql.TraceQueryEndData
	ctxOK  []bool
}

func (r *recordingTracer) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceQueryStartData) context.Context {
	r.starts = append(r.starts, d)
	return context.WithValue(ctx, traceKey{}, len(r.starts))
}

func (r *recordingTracer) TraceQueryEnd(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceQueryEndData) {
	r.ends = append(r.ends, d)
	n, _ := ctx.Value(traceKey{}).(int)
	r.ctxOK = append(r.ctxOK, n == len(r.ends))
}

func TestTracer(t *testing.T) {
	tr := &recordingTracer{}
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.Tracer = tr
	c := connectT(t, cfg)
	ctx := testCtx(t)
	if len(tr.starts) != 0 {
		t.Fatalf("the connection's set-up was traced: %+v", tr.starts)
	}
	type want struct {
		sql  string
		args int
		rows int64
		err  uint16 // server error number, or 0
	}
	var wants []want
	step := func(w want, run func() error) {
		t.Helper()
		before := len(tr.ends)
		err := run()
		if w.err == 0 && err != nil {
			t.Fatalf("%s: %v", w.sql, err)
		}
		if len(tr.ends) != before+1 {
			t.Fatalf("%s: %d ends traced, want 1", w.sql, len(tr.ends)-before)
		}
		wants = append(wants, w)
	}
	step(want{"DROP TABLE IF EXISTS tr_t", 0, 0, 0}, func() error { _, err := c.Exec(ctx, "DROP TABLE IF EXISTS tr_t"); return err })
	step(want{"CREATE TABLE tr_t (id INT PRIMARY KEY, s VARCHAR(20))", 0, 0, 0},
		func() error {
			_, err := c.Exec(ctx, "CREATE TABLE tr_t (id INT PRIMARY KEY, s VARCHAR(20))")
			return err
		})
	step(want{"INSERT INTO tr_t VALUES (?, ?), (?, ?)", 4, 2, 0},
		func() error {
			_, err := c.Exec(ctx, "INSERT INTO tr_t VALUES (?, ?), (?, ?)", 1, "a", 2, "b")
			return err
		})
	step(want{"INSERT INTO tr_t VALUES (?, ?)", 2, 0, errcode.DupEntry},
		func() error { _, err := c.Exec(ctx, "INSERT INTO tr_t VALUES (?, ?)", 1, "dup"); return err })

	// A query ends when its rows are read; Rows counts them.
	rows, err := c.Query(ctx, "SELECT id FROM tr_t WHERE id > ?", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.starts) != len(tr.ends)+1 {
		t.Errorf("an open query: %d starts, %d ends", len(tr.starts), len(tr.ends))
	}
	step(want{"SELECT id FROM tr_t WHERE id > ?", 1, 2, 0}, func() error {
		for rows.Next() {
		}
		return rows.Close()
	})
	step(want{"SELECT nope FROM tr_t", 0, 0, errcode.BadFieldError},
		func() error { _, err := c.Query(ctx, "SELECT nope FROM tr_t"); return err })

	cur := c.Cursor()
	defer cur.Close()
	step(want{"UPDATE tr_t SET s = %s WHERE id = %s", 2, 1, 0},
		func() error { _, err := cur.Execute(ctx, "UPDATE tr_t SET s = %s WHERE id = %s", "z", 2); return err })
	step(want{"INSERT INTO tr_t VALUES (%s, %s)", 4, 2, 0}, func() error {
		_, err := cur.ExecuteMany(ctx, "INSERT INTO tr_t VALUES (%s, %s)", []any{[]any{3, "c"}, []any{4, "d"}})
		return err
	})

	if len(tr.starts) != len(wants) || len(tr.ends) != len(wants) {
		t.Fatalf("%d starts and %d ends for %d queries", len(tr.starts), len(tr.ends), len(wants))
	}
	for i, w := range wants {
		s, e := tr.starts[i], tr.ends[i]
		if s.SQL != w.sql || s.Args != w.args || e.SQL != w.sql || e.Args != w.args {
			t.Errorf("query %d: start %+v, end %q/%d; want %q with %d args", i, s, e.SQL, e.Args, w.sql, w.args)
		}
		if e.Rows != w.rows {
			t.Errorf("query %d (%s): Rows %d, want %d", i, w.sql, e.Rows, w.rows)
		}
		var se *aiomysql.Error
		switch {
		case w.err == 0 && e.Err != nil:
			t.Errorf("query %d (%s): Err %v", i, w.sql, e.Err)
		case w.err != 0 && (!errors.As(e.Err, &se) || se.Number != w.err):
			t.Errorf("query %d (%s): Err %v, want error %d", i, w.sql, e.Err, w.err)
		}
		if e.Duration <= 0 || e.Duration > time.Minute {
			t.Errorf("query %d: Duration %v", i, e.Duration)
		}
		if !tr.ctxOK[i] {
			t.Errorf("query %d: TraceQueryEnd did not get TraceQueryStart's context", i)
		}
	}
}

func TestTraceLoggerNeverLogsArguments(t *testing.T) {
	const canary = "pw-CANARY"
	var buf bytes.Buffer
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.Logger = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := connectT(t, cfg)
	ctx := testCtx(t)
	if buf.Len() != 0 {
		t.Fatalf("the set-up was logged: %s", buf.String())
	}
	queries := []struct {
		sql string
		run func() error
		bad bool
	}{
		{"DROP TABLE IF EXISTS log_t", func() error { _, err := c.Exec(ctx, "DROP TABLE IF EXISTS log_t"); return err }, false},
		{"CREATE TABLE log_t (id INT PRIMARY KEY, secret VARCHAR(20))", func() error {
			_, err := c.Exec(ctx, "CREATE TABLE log_t (id INT PRIMARY KEY, secret VARCHAR(20))")
			return err
		}, false},
		{"INSERT INTO log_t VALUES (?, ?)", func() error { _, err := c.Exec(ctx, "INSERT INTO log_t VALUES (?, ?)", 1, canary); return err }, false},
		{"SELECT id FROM log_t WHERE secret = ?", func() error {
			var id int
			return c.QueryRow(ctx, "SELECT id FROM log_t WHERE secret = ?", canary).Scan(&id)
		}, false},
		// The server quotes the duplicate value in its message: the log
		// keeps the number only.
		{"INSERT INTO log_t VALUES (?, ?)", func() error { _, err := c.Exec(ctx, "INSERT INTO log_t VALUES (?, ?)", 1, canary); return err }, true},
		{"SELECT * FROM log_t WHERE secret = ? AND", func() error {
			_, err := c.Query(ctx, "SELECT * FROM log_t WHERE secret = ? AND", canary)
			return err
		}, true},
		{"UPDATE log_t SET secret = %(s)s", func() error {
			_, err := c.Cursor().Execute(ctx, "UPDATE log_t SET secret = %(s)s", aiomysql.NamedArgs{"s": canary + "2"})
			return err
		}, false},
		{"INSERT INTO log_t VALUES (%s, %s)", func() error {
			_, err := c.Cursor().ExecuteMany(ctx, "INSERT INTO log_t VALUES (%s, %s)", []any{[]any{2, canary}, []any{3, canary}})
			return err
		}, false},
	}
	for _, q := range queries {
		if err := q.run(); (err != nil) != q.bad {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	if strings.Contains(buf.String(), "CANARY") {
		t.Errorf("an argument value reached the log:\n%s", buf.String())
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(queries) {
		t.Fatalf("%d records for %d queries:\n%s", len(lines), len(queries), buf.String())
	}
	for i, line := range lines {
		var rec struct {
			Level, Msg, SQL, Error string
			Args                   int
			ErrorNumber            int `json:"error_number"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		q := queries[i]
		wantLevel := map[bool]string{false: "INFO", true: "ERROR"}[q.bad]
		if rec.Msg != "query" || rec.SQL != q.sql || rec.Level != wantLevel || (rec.Error != "") != q.bad ||
			(q.bad && rec.ErrorNumber == 0) {
			t.Errorf("record %d: %s", i, line)
		}
	}
}
