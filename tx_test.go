package aiomysql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/errcode"
)

// txPair gives two connections and an empty InnoDB table tx_t.
func txPair(t *testing.T) (*aiomysql.Conn, *aiomysql.Conn) {
	t.Helper()
	a, b := rootConn(t), rootConn(t)
	mustExecAll(t, a, "DROP TABLE IF EXISTS tx_t", "CREATE TABLE tx_t (id INT PRIMARY KEY) ENGINE=InnoDB")
	return a, b
}

func countTx(t *testing.T, c *aiomysql.Conn) int {
	t.Helper()
	return queryScalar[int](t, c, "SELECT COUNT(*) FROM tx_t")
}

func TestTxBeginCommitRollback(t *testing.T) {
	a, b := txPair(t)
	ctx := testCtx(t)
	if err := a.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	if !a.InTransaction() {
		t.Error("InTransaction false after Begin")
	}
	mustExecAll(t, a, "INSERT INTO tx_t VALUES (1)")
	if n := countTx(t, b); n != 0 {
		t.Errorf("the other connection sees %d uncommitted rows", n)
	}
	if err := a.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if a.InTransaction() {
		t.Error("InTransaction true after Commit")
	}
	if n := countTx(t, b); n != 1 {
		t.Errorf("the other connection sees %d rows after Commit, want 1", n)
	}

	if err := a.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	mustExecAll(t, a, "INSERT INTO tx_t VALUES (2)")
	if n := countTx(t, a); n != 2 {
		t.Errorf("the transaction sees %d rows, want its own 2", n)
	}
	if err := a.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if na, nb := countTx(t, a), countTx(t, b); na != 1 || nb != 1 {
		t.Errorf("after Rollback: %d and %d rows, want 1", na, nb)
	}
}

func TestTxAutocommit(t *testing.T) {
	a, b := txPair(t)
	ctx := testCtx(t)
	if !a.Autocommit() {
		t.Fatal("Autocommit() false on a new connection")
	}
	if err := a.SetAutocommit(ctx, false); err != nil {
		t.Fatal(err)
	}
	if a.Autocommit() {
		t.Error("Autocommit() true after SetAutocommit(false)")
	}
	mustExecAll(t, a, "INSERT INTO tx_t VALUES (1)")
	if !a.InTransaction() {
		t.Error("autocommit off: no transaction after an INSERT")
	}
	if n := countTx(t, b); n != 0 {
		t.Errorf("autocommit off: the other connection sees %d rows", n)
	}
	if err := a.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countTx(t, b); n != 1 {
		t.Errorf("after Commit the other connection sees %d rows, want 1", n)
	}
	if err := a.SetAutocommit(ctx, true); err != nil {
		t.Fatal(err)
	}
	if !a.Autocommit() || queryScalar[int](t, a, "SELECT @@autocommit") != 1 {
		t.Error("autocommit not back on")
	}
	mustExecAll(t, a, "INSERT INTO tx_t VALUES (2)")
	if n := countTx(t, b); n != 2 {
		t.Errorf("autocommit on: the other connection sees %d rows, want 2", n)
	}
}

// The isolation level is checked by behaviour: information_schema.INNODB_TRX
// is a cache MariaDB refreshes at most every 0.1 s, and @@tx_isolation shows
// the session's level, not the transaction's.
func TestTxIsolationLevels(t *testing.T) {
	cases := []struct {
		level aiomysql.IsolationLevel
		name  string
		// whether a read in the transaction, after its first read, sees
		// another connection's insert not yet committed, and committed
		seesUncommitted, seesCommitted bool
	}{
		{aiomysql.LevelReadUncommitted, "READ UNCOMMITTED", true, true},
		{aiomysql.LevelReadCommitted, "READ COMMITTED", false, true},
		{aiomysql.LevelRepeatableRead, "REPEATABLE READ", false, false},
		{aiomysql.LevelSerializable, "SERIALIZABLE", false, false},
		{aiomysql.LevelDefault, "default", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, b := txPair(t)
			ctx := testCtx(t)
			mustExecAll(t, a, "INSERT INTO tx_t VALUES (1)")
			tx, err := a.BeginTx(ctx, aiomysql.TxOptions{Isolation: tc.level})
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			first := countTx(t, a) // the first read
			if tc.level == aiomysql.LevelSerializable {
				// Plain reads take shared locks: b's insert waits for a.
				mustExecAll(t, b, "SET SESSION innodb_lock_wait_timeout = 1")
				_, err := b.Exec(ctx, "INSERT INTO tx_t VALUES (2)")
				var se *aiomysql.Error
				if !errors.As(err, &se) || se.Number != errcode.LockWaitTimeout {
					t.Errorf("an insert against a serializable read: %v, want error %d", err, errcode.LockWaitTimeout)
				}
			} else {
				mustExecAll(t, b, "BEGIN", "INSERT INTO tx_t VALUES (2)")
				if got := countTx(t, a) > first; got != tc.seesUncommitted {
					t.Errorf("sees an uncommitted insert: %v, want %v", got, tc.seesUncommitted)
				}
				mustExecAll(t, b, "COMMIT")
				if got := countTx(t, a) > first; got != tc.seesCommitted {
					t.Errorf("sees a committed insert: %v, want %v", got, tc.seesCommitted)
				}
			}
			if err := tx.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			// The level was for that transaction only: the next one runs at
			// the session's REPEATABLE READ, and takes no shared locks.
			if err := a.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			first = countTx(t, a)
			mustExecAll(t, b, "INSERT INTO tx_t VALUES (3)")
			if got := countTx(t, a); got != first {
				t.Errorf("the next transaction saw %d rows, then %d", first, got)
			}
			if err := a.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
	a := rootConn(t)
	if _, err := a.BeginTx(testCtx(t), aiomysql.TxOptions{Isolation: aiomysql.IsolationLevel(42)}); err == nil {
		t.Error("an unknown isolation level was accepted")
	}
	if a.InTransaction() {
		t.Error("an unknown level left a transaction open")
	}
}

func TestTxReadOnlyAndSnapshot(t *testing.T) {
	a, b := txPair(t)
	ctx := testCtx(t)
	tx, err := a.BeginTx(ctx, aiomysql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(ctx, "INSERT INTO tx_t VALUES (1)")
	var se *aiomysql.Error
	if !errors.As(err, &se) || se.Number != errcode.CantExecuteInReadOnlyTransaction {
		t.Errorf("a write in a read-only transaction: %v, want error %d", err, errcode.CantExecuteInReadOnlyTransaction)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}

	// Without a snapshot, the view is taken at the first read; WITH
	// CONSISTENT SNAPSHOT takes it at once.
	for _, snapshot := range []bool{false, true} {
		mustExecAll(t, a, "DELETE FROM tx_t")
		tx, err := a.BeginTx(ctx, aiomysql.TxOptions{ConsistentSnapshot: snapshot, ReadOnly: snapshot})
		if err != nil {
			t.Fatal(err)
		}
		mustExecAll(t, b, "INSERT INTO tx_t VALUES (1)")
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM tx_t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{false: 1, true: 0}[snapshot]; n != want {
			t.Errorf("ConsistentSnapshot %v: the transaction sees %d rows, want %d", snapshot, n, want)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestTxSavepoints(t *testing.T) {
	a, b := txPair(t)
	ctx := testCtx(t)
	tx, err := a.BeginTx(ctx, aiomysql.TxOptions{})
	if err != nil {
		t.Fatal(err)
	}
	steps := []func() error{
		func() error { _, err := tx.Exec(ctx, "INSERT INTO tx_t VALUES (?)", 1); return err },
		func() error { return tx.Savepoint(ctx, "sp one") },
		func() error { _, err := tx.Exec(ctx, "INSERT INTO tx_t VALUES (?)", 2); return err },
		func() error { return tx.Savepoint(ctx, "sp`two") },
		func() error { _, err := tx.Exec(ctx, "INSERT INTO tx_t VALUES (?)", 3); return err },
		func() error { return tx.RollbackTo(ctx, "sp one") }, // undoes 2 and 3
		func() error { _, err := tx.Exec(ctx, "INSERT INTO tx_t VALUES (?)", 4); return err },
		func() error { return tx.ReleaseSavepoint(ctx, "sp one") },
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	var se *aiomysql.Error
	if err := tx.RollbackTo(ctx, "sp one"); !errors.As(err, &se) || se.Number != errcode.SPDoesNotExist {
		t.Errorf("RollbackTo a released savepoint: %v", err)
	}
	rows, err := tx.Query(ctx, "SELECT id FROM tx_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	ids, err := aiomysql.CollectRows(rows, aiomysql.RowTo[int])
	if err != nil || len(ids) != 2 || ids[0] != 1 || ids[1] != 4 {
		t.Errorf("rows %v, %v; want [1 4]", ids, err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countTx(t, b); n != 2 {
		t.Errorf("%d rows committed, want 2", n)
	}
}

func TestTxDone(t *testing.T) {
	a, _ := txPair(t)
	ctx := testCtx(t)
	for _, end := range []string{"commit", "rollback"} {
		tx, err := a.BeginTx(ctx, aiomysql.TxOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tx.Conn() != a {
			t.Error("Tx.Conn is not the connection")
		}
		if end == "commit" {
			err = tx.Commit(ctx)
		} else {
			err = tx.Rollback(ctx)
		}
		if err != nil {
			t.Fatal(err)
		}
		_, errExec := tx.Exec(ctx, "DO 1")
		_, errQuery := tx.Query(ctx, "SELECT 1")
		checks := map[string]error{
			"Exec": errExec, "Query": errQuery,
			"QueryRow":         tx.QueryRow(ctx, "SELECT 1").Scan(new(int)),
			"Commit":           tx.Commit(ctx),
			"Rollback":         tx.Rollback(ctx),
			"Savepoint":        tx.Savepoint(ctx, "s"),
			"RollbackTo":       tx.RollbackTo(ctx, "s"),
			"ReleaseSavepoint": tx.ReleaseSavepoint(ctx, "s"),
		}
		for name, err := range checks {
			if !errors.Is(err, aiomysql.ErrTxDone) {
				t.Errorf("after %s, %s: %v, want ErrTxDone", end, name, err)
			}
		}
	}
	// BeginTx inside a transaction would commit it: refused.
	if err := a.Begin(ctx); err != nil {
		t.Fatal(err)
	}
	mustExecAll(t, a, "INSERT INTO tx_t VALUES (9)")
	if _, err := a.BeginTx(ctx, aiomysql.TxOptions{}); !errors.Is(err, aiomysql.ErrInTransaction) {
		t.Errorf("BeginTx in a transaction: %v, want ErrInTransaction", err)
	}
	if err := a.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countTx(t, a); n != 0 {
		t.Errorf("the refused BeginTx committed: %d rows", n)
	}
}
