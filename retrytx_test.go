package aiomysql_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestRetryTxDeadlock: two transactions take two rows in opposite orders,
// so the server kills one with a deadlock (1213); RetryTx runs it again
// and both increments land exactly once each.
func TestRetryTxDeadlock(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	mustExecAll(t, admin, "DROP TABLE IF EXISTS rt", "CREATE TABLE rt (id INT PRIMARY KEY, n INT) ENGINE=InnoDB",
		"INSERT INTO rt VALUES (1, 0), (2, 0)")
	a, b := rootConn(t), rootConn(t)
	var attempts [2]atomic.Int32
	// Both hold their first row before either asks for its second.
	var first sync.WaitGroup
	first.Add(2)
	run := func(c *aiomysql.Conn, i, x, y int) error {
		return c.RetryTx(ctx, nil, func(tx *aiomysql.Tx) error {
			n := attempts[i].Add(1)
			if _, err := tx.Exec(ctx, "UPDATE rt SET n = n + 1 WHERE id = ?", x); err != nil {
				return err
			}
			if n == 1 {
				first.Done()
				first.Wait()
			}
			_, err := tx.Exec(ctx, "UPDATE rt SET n = n + 1 WHERE id = ?", y)
			return err
		})
	}
	errc := make(chan error, 2)
	go func() { errc <- run(a, 0, 1, 2) }()
	go func() { errc <- run(b, 1, 2, 1) }()
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatalf("RetryTx: %v", err)
		}
	}
	var n1, n2 int
	if err := admin.QueryRow(ctx, "SELECT (SELECT n FROM rt WHERE id = 1), (SELECT n FROM rt WHERE id = 2)").Scan(&n1, &n2); err != nil {
		t.Fatal(err)
	}
	total := attempts[0].Load() + attempts[1].Load()
	t.Logf("attempts %d and %d", attempts[0].Load(), attempts[1].Load())
	if n1 != 2 || n2 != 2 {
		t.Fatalf("counters %d and %d, want 2 and 2 (each transaction once)", n1, n2)
	}
	if total < 3 {
		t.Fatalf("%d attempts: no deadlock was retried", total)
	}
}

// TestRetryTxKeysOnEveryStatement: a function that swallows the deadlock
// of one of its statements still gets its transaction retried (the server
// undid it, whatever COMMIT would say), while an error that does not undo
// a transaction is returned at once, and an unknown COMMIT outcome never
// runs again.
func TestRetryTxKeysOnEveryStatement(t *testing.T) {
	ctx := testCtx(t)
	c := rootConn(t)
	mustExecAll(t, c, "DROP TABLE IF EXISTS rk", "CREATE TABLE rk (id INT PRIMARY KEY)")
	calls := 0
	err := c.RetryTx(ctx, &aiomysql.RetryOptions{MaxAttempts: 3}, func(tx *aiomysql.Tx) error {
		calls++
		if calls == 1 {
			// SIGNAL raises the error a deadlock gives; the function ignores it.
			_, _ = tx.Exec(ctx, "SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'deadlock'")
		}
		_, err := tx.Exec(ctx, "INSERT INTO rk VALUES (?)", calls)
		return err
	})
	if err != nil || calls != 2 {
		t.Fatalf("swallowed deadlock: %d calls, %v; want 2 calls and success", calls, err)
	}
	var rows int
	if err := c.QueryRow(ctx, "SELECT COUNT(*) FROM rk").Scan(&rows); err != nil || rows != 1 {
		t.Fatalf("%d rows, %v; want the second attempt's only", rows, err)
	}

	calls = 0
	err = c.RetryTx(ctx, nil, func(tx *aiomysql.Tx) error {
		calls++
		_, err := tx.Exec(ctx, "INSERT INTO rk VALUES (2)") // duplicate key: not retried
		return err
	})
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != 1062 || calls != 1 {
		t.Fatalf("duplicate key: %d calls, %v", calls, err)
	}

	calls = 0
	err = c.RetryTx(ctx, nil, func(tx *aiomysql.Tx) error {
		calls++
		return aiomysql.ErrCommitUnknown
	})
	if !errors.Is(err, aiomysql.ErrCommitUnknown) || calls != 1 {
		t.Fatalf("unknown outcome: %d calls, %v", calls, err)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := c.RetryTx(cctx, nil, func(*aiomysql.Tx) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled context: %v", err)
	}
}
