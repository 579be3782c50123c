package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// batchStep is one statement of TestBatchMatchesOneByOne, with what its
// result was.
type batchStep struct {
	sql  string
	args []any
	read bool // a QueryRow: the value read
}

// batchSteps are 1,000 statements mixing prepared and text, INSERT, UPDATE
// and SELECT, on table.
func batchSteps(table string) []batchStep {
	var steps []batchStep
	for i := range 1000 {
		switch i % 4 {
		case 0: // prepared, the cache
			steps = append(steps, batchStep{sql: "INSERT INTO " + table + " (v, s) VALUES (?, ?)", args: []any{i, fmt.Sprint("s", i)}})
		case 1: // text without arguments
			steps = append(steps, batchStep{sql: fmt.Sprintf("INSERT INTO %s (v, s) VALUES (%d, 'text')", table, i)})
		case 2: // prepared, read back
			steps = append(steps, batchStep{sql: "SELECT CONCAT(v, ':', s) FROM " + table + " WHERE id = ?", args: []any{i / 2}, read: true})
		case 3: // text with arguments
			steps = append(steps, batchStep{sql: "UPDATE " + table + " SET v = v + ? WHERE id = ?", args: []any{aiomysql.QueryExecModeText, 100, i / 3}})
		}
	}
	return steps
}

// TestBatchMatchesOneByOne: a batch of 1,000 statements goes out in a
// handful of writes (counted at the socket), and every result — affected
// rows, insert ids, rows read — and the table it leaves are those of the
// same statements run one by one.
func TestBatchMatchesOneByOne(t *testing.T) {
	c, writes := writesCounted(t, func(*aiomysql.Config) {})
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS batch_a", "DROP TABLE IF EXISTS batch_b",
		"CREATE TABLE batch_a (id INT AUTO_INCREMENT PRIMARY KEY, v INT, s VARCHAR(20))",
		"CREATE TABLE batch_b LIKE batch_a")

	// One by one, on batch_b.
	var want []string
	for _, s := range batchSteps("batch_b") {
		if s.read {
			var v string
			err := c.QueryRow(ctx, s.sql, s.args...).Scan(&v)
			want = append(want, fmt.Sprint(v, err))
			continue
		}
		r, err := c.Exec(ctx, s.sql, s.args...)
		id, _ := r.LastInsertID()
		n, _ := r.RowsAffected()
		want = append(want, fmt.Sprint(n, id, err))
	}

	// As a batch, on batch_a.
	var b aiomysql.Batch
	got := make([]string, 1000)
	for i, s := range batchSteps("batch_a") {
		q := b.Queue(s.sql, s.args...)
		if s.read {
			q.QueryRow(func(row *aiomysql.Row) error {
				var v string
				err := row.Scan(&v)
				got[i] = fmt.Sprint(v, err)
				return nil
			})
			continue
		}
		q.Exec(func(r aiomysql.Result) error {
			id, _ := r.LastInsertID()
			n, _ := r.RowsAffected()
			got[i] = fmt.Sprint(n, id, nil)
			return nil
		})
	}
	before := writes.Load()
	if err := c.SendBatch(ctx, &b).Close(); err != nil {
		t.Fatal(err)
	}
	n := writes.Load() - before
	t.Logf("1,000 statements in %d writes", n)
	if n > 4 {
		t.Errorf("1,000 statements took %d writes, want a handful (≤ 4: the prepares, then the statements)", n)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("statement %d (%s): batch %q, one by one %q", i, batchSteps("x")[i].sql, got[i], want[i])
		}
	}
	table := func(name string) []string {
		rows, err := c.Query(ctx, "SELECT id, v, s FROM "+name+" ORDER BY id")
		if err != nil {
			t.Fatal(err)
		}
		vals, err := aiomysql.CollectRows(rows, func(r aiomysql.CollectableRow) (string, error) {
			v, err := r.Values()
			return fmt.Sprint(v), err
		})
		if err != nil {
			t.Fatal(err)
		}
		return vals
	}
	if a, bb := table("batch_a"), table("batch_b"); !reflect.DeepEqual(a, bb) || len(a) != 500 {
		t.Fatalf("tables differ: %d and %d rows", len(a), len(bb))
	}
}

// TestBatchLargeReplies: replies totalling 100 MB to 2,000 statements whose
// commands (20 MB) are far larger than the socket buffers complete without
// the two sides waiting on each other, and arrive whole and in order.
func TestBatchLargeReplies(t *testing.T) {
	c, writes := writesCounted(t, func(*aiomysql.Config) {})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pad := strings.Repeat("p", 10_000)
	var b aiomysql.Batch
	for i := range 2000 {
		b.Queue(fmt.Sprintf("SELECT %d, REPEAT('x', 50000) /* %s */", i, pad))
	}
	before := writes.Load()
	br := c.SendBatch(ctx, &b)
	total := 0
	for i := range 2000 {
		var n int
		var s []byte
		if err := br.QueryRow().Scan(&n, &s); err != nil {
			t.Fatalf("statement %d: %v", i, err)
		}
		if n != i || len(s) != 50000 {
			t.Fatalf("statement %d: got %d with %d bytes", i, n, len(s))
		}
		total += len(s)
	}
	if err := br.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d MB of replies; the commands went in %d writes", total/1_000_000, writes.Load()-before)
	if w := writes.Load() - before; w < 2 {
		t.Errorf("20 MB of commands in %d write: nothing bounded them", w)
	}
	var one int
	if err := c.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 after: %d, %v", one, err)
	}
}

// TestBatchErrorsPerStatement: a statement that fails does not stop the
// ones after it (the server runs them); each result says its own outcome,
// and Close returns the first error.
func TestBatchErrorsPerStatement(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS batch_err", "CREATE TABLE batch_err (id INT PRIMARY KEY)")
	var b aiomysql.Batch
	b.Queue("INSERT INTO batch_err VALUES (?)", 1)
	b.Queue("INSERT INTO batch_err VALUES (?)", 1)
	b.Queue("INSERT INTO batch_err VALUES (2)")
	b.Queue("SELECT COUNT(*) FROM batch_err")
	br := c.SendBatch(ctx, &b)
	if _, err := br.Exec(); err != nil {
		t.Fatalf("first: %v", err)
	}
	_, err := br.Exec()
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != 1062 {
		t.Fatalf("second: %v, want duplicate key", err)
	}
	if _, err := br.Exec(); err != nil {
		t.Fatalf("third: %v", err)
	}
	var n int
	if err := br.QueryRow().Scan(&n); err != nil || n != 2 {
		t.Fatalf("count %d, %v", n, err)
	}
	if _, err := br.Exec(); !errors.Is(err, aiomysql.ErrBatchDone) {
		t.Fatalf("after the last: %v", err)
	}
	if err := br.Close(); err != nil {
		t.Fatalf("Close after reading every result: %v", err)
	}
	// Close alone reads them and returns the first error.
	mustExec(t, c, "DELETE FROM batch_err")
	if err := c.SendBatch(ctx, &b).Close(); !errors.As(err, &se) || se.Number != 1062 {
		t.Fatalf("Close: %v, want the duplicate key", err)
	}
}

// TestBatchTx: SendBatchTx takes effect whole or not at all, and gives the
// session its autocommit back.
func TestBatchTx(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS batch_tx", "CREATE TABLE batch_tx (id INT PRIMARY KEY) ENGINE=InnoDB")
	count := func() int {
		var n int
		if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM batch_tx").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var bad aiomysql.Batch
	bad.Queue("INSERT INTO batch_tx VALUES (?)", 1)
	bad.Queue("INSERT INTO batch_tx VALUES (?)", 1)
	bad.Queue("INSERT INTO batch_tx VALUES (?)", 2)
	if err := c.SendBatchTx(ctx, &bad).Close(); err == nil {
		t.Fatal("a failing batch: no error")
	}
	if n := count(); n != 0 {
		t.Fatalf("%d rows after a failed SendBatchTx, want 0", n)
	}
	if !c.Autocommit() || c.InTransaction() {
		t.Fatalf("autocommit %v, in transaction %v after SendBatchTx", c.Autocommit(), c.InTransaction())
	}
	// A callback's error rolls back too.
	var cb aiomysql.Batch
	cb.Queue("INSERT INTO batch_tx VALUES (?)", 3).Exec(func(aiomysql.Result) error { return errors.New("no") })
	if err := c.SendBatchTx(ctx, &cb).Close(); err == nil || count() != 0 {
		t.Fatalf("callback error: %v, %d rows", err, count())
	}
	var good aiomysql.Batch
	good.Queue("INSERT INTO batch_tx VALUES (?)", 1)
	good.Queue("INSERT INTO batch_tx VALUES (2)")
	if err := c.SendBatchTx(ctx, &good).Close(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Fatalf("%d rows after SendBatchTx, want 2", n)
	}
	if err := c.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.SendBatchTx(ctx, &good).Close(); err == nil {
		t.Fatal("SendBatchTx inside a transaction: no error")
	}
	if err := c.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestBatchCallbacksInOrder: Close runs the callbacks in the order queued,
// each with its own result.
func TestBatchCallbacksInOrder(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	var b aiomysql.Batch
	var order []string
	b.Queue("SELECT seq FROM seq_1_to_3").Query(func(rows *aiomysql.Rows) error {
		for rows.Next() {
			var v int
			if err := rows.Scan(&v); err != nil {
				return err
			}
			order = append(order, fmt.Sprint("q", v))
		}
		return rows.Err()
	})
	b.Queue("DO 1").Exec(func(aiomysql.Result) error { order = append(order, "exec"); return nil })
	b.Queue("SELECT ?", 7).QueryRow(func(row *aiomysql.Row) error {
		var v int
		err := row.Scan(&v)
		order = append(order, fmt.Sprint("row", v))
		return err
	})
	b.Queue("SELECT 1") // no callback: read and dropped
	if err := c.SendBatch(ctx, &b).Close(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, " "); got != "q1 q2 q3 exec row7" {
		t.Fatalf("callbacks ran as %q", got)
	}
}

// TestBatchCharsetChange: a text statement with arguments after a statement
// that may change the character set is refused, not interpolated for the
// old one; in a prepared mode it runs.
func TestBatchCharsetChange(t *testing.T) {
	c := rootConn(t)
	ctx := testCtx(t)
	var b aiomysql.Batch
	b.Queue("SET NAMES gbk")
	b.Queue("SELECT ?", aiomysql.QueryExecModeText, "x")
	b.Queue("SELECT ?", "y")
	b.Queue("SET NAMES utf8mb4")
	br := c.SendBatch(ctx, &b)
	if _, err := br.Exec(); err != nil {
		t.Fatal(err)
	}
	var s string
	if err := br.QueryRow().Scan(&s); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Fatalf("text after SET NAMES: %q, %v; want ErrUnsafeInterpolation", s, err)
	}
	if err := br.QueryRow().Scan(&s); err != nil || s != "y" {
		t.Fatalf("prepared after SET NAMES: %q, %v", s, err)
	}
	if err := br.Close(); err != nil {
		t.Fatal(err)
	}
}

// batchTracer records a batch's trace.
type batchTracer struct {
	events []string
}

func (bt *batchTracer) TraceQueryStart(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceQueryStartData) context.Context {
	return ctx
}
func (bt *batchTracer) TraceQueryEnd(context.Context, *aiomysql.Conn, aiomysql.TraceQueryEndData) {}
func (bt *batchTracer) TraceBatchStart(ctx context.Context, _ *aiomysql.Conn, d aiomysql.TraceBatchStartData) context.Context {
	bt.events = append(bt.events, fmt.Sprint("start ", d.Batch.Len()))
	return ctx
}
func (bt *batchTracer) TraceBatchQuery(_ context.Context, _ *aiomysql.Conn, d aiomysql.TraceBatchQueryData) {
	bt.events = append(bt.events, fmt.Sprint(d.SQL, " ", d.Mode, " ", d.Err != nil))
}
func (bt *batchTracer) TraceBatchEnd(_ context.Context, _ *aiomysql.Conn, d aiomysql.TraceBatchEndData) {
	bt.events = append(bt.events, fmt.Sprint("end ", d.Err != nil))
}

// TestBatchTracer: a BatchTracer sees the batch start, each statement's
// result with its mode, and the end.
func TestBatchTracer(t *testing.T) {
	bt := &batchTracer{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) { cfg.Tracer = bt })
	var b aiomysql.Batch
	b.Queue("SELECT ?", 1)
	b.Queue("SELECT 2")
	b.Queue("SELECT * FROM no_such_table")
	if err := c.SendBatch(testCtx(t), &b).Close(); err == nil {
		t.Fatal("no error from the missing table")
	}
	want := "start 3|SELECT ? cache_statement false|SELECT 2 text false|SELECT * FROM no_such_table text true|end true"
	if got := strings.Join(bt.events, "|"); got != want {
		t.Fatalf("trace\n%s\nwant\n%s", got, want)
	}
}

// TestBatchCancel: 200 batches cancelled at random points 0–20 ms in leave
// no connection out of step: each statement either has its result, or an
// error that says it was interrupted, lost (ErrConnLost: it may have run)
// or not sent (ErrNotSent); afterwards the connection is closed or answers
// SELECT 1 rightly. (The test binary checks for leaked goroutines.)
func TestBatchCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var c *aiomysql.Conn
	outcomes := map[string]int{}
	for i := range 200 {
		if c == nil || c.IsClosed() {
			c = rootConn(t)
		}
		var b aiomysql.Batch
		for j := range 40 {
			if j%2 == 0 {
				b.Queue("SELECT SLEEP(0.001), ?", j)
			} else {
				b.Queue(fmt.Sprintf("SELECT seq FROM seq_1_to_%d", 2000+j))
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.Int64N(int64(20*time.Millisecond))))
		br := c.SendBatch(ctx, &b)
		for j := range 40 {
			var err error
			if j%2 == 0 {
				var a, v int
				err = br.QueryRow().Scan(&a, &v)
				if err == nil && v != j {
					t.Fatalf("batch %d statement %d: read %d", i, j, v)
				}
			} else {
				rows, qerr := br.Query()
				err = qerr
				if err == nil {
					n := 0
					for rows.Next() {
						n++
					}
					err = rows.Err()
					if err == nil && n != 2000+j {
						t.Fatalf("batch %d statement %d: %d rows", i, j, n)
					}
				}
			}
			switch {
			case err == nil:
				outcomes["ok"]++
			case errors.Is(err, aiomysql.ErrNotSent):
				outcomes["not sent"]++
			case errors.Is(err, aiomysql.ErrConnLost):
				outcomes["lost"]++
			case errors.Is(err, context.DeadlineExceeded):
				outcomes["interrupted"]++
			default:
				t.Fatalf("batch %d statement %d: %v", i, j, err)
			}
		}
		_ = br.Close()
		cancel()
		if !c.IsClosed() {
			var one int
			if err := c.QueryRow(testCtx(t), "SELECT 1").Scan(&one); err != nil || one != 1 {
				t.Fatalf("batch %d: SELECT 1 after: %d, %v", i, one, err)
			}
		}
	}
	t.Logf("outcomes of 8,000 statements: %v", outcomes)
	if outcomes["ok"] == 0 || outcomes["ok"] == 8000 {
		t.Errorf("the cancellations never fell inside the batches: %v", outcomes)
	}
}
