package sa_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/sa"
)

// hostileXID has a quote and a backslash: formatted into the SQL as
// aiomysql does, it would end the literal.
const hostileXID = `it's a \' trap`

func TestTwoPhaseCommit(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	tx, err := c.BeginTwoPhase(ctx, hostileXID)
	if err != nil {
		t.Fatal(err)
	}
	if tx.XID() != hostileXID {
		t.Fatalf("XID %q, want %q", tx.XID(), hostileXID)
	}
	fill(t, c, tbl, "xa")
	if err := tx.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Prepare(ctx); !errors.Is(err, sa.ErrInvalidRequest) {
		t.Fatalf("second Prepare: %v, want ErrInvalidRequest", err)
	}
	// The server knows it by exactly those bytes.
	c2 := acquire(t, e)
	xids, err := c2.RecoverTwoPhase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(xids, hostileXID) {
		t.Fatalf("RecoverTwoPhase %q, want it to hold %q", xids, hostileXID)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if got := vals(t, e, tbl); len(got) != 1 || got[0] != "xa" {
		t.Fatalf("rows %q, want [xa]", got)
	}
	if xids, _ := c2.RecoverTwoPhase(ctx); slices.Contains(xids, hostileXID) {
		t.Fatal("the committed xid is still prepared")
	}
}

func TestTwoPhaseCommitUnprepared(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	c := acquire(t, e)
	tx, err := c.BeginTwoPhase(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tx.XID(), "sa_") {
		t.Fatalf("a made-up xid %q", tx.XID())
	}
	fill(t, c, tbl, "one")
	if err := tx.Commit(ctx); err != nil { // prepares, then commits
		t.Fatal(err)
	}
	for _, prepare := range []bool{false, true} {
		tx, err := c.BeginTwoPhase(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		fill(t, c, tbl, "rolled back")
		if prepare {
			if err := tx.Prepare(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Rollback(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := vals(t, e, tbl); len(got) != 1 || got[0] != "one" {
		t.Fatalf("rows %q, want [one]", got)
	}
	if _, err := c.BeginTwoPhase(ctx, strings.Repeat("x", 65)); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("a 65-byte xid: %v, want ErrArgument", err)
	}
}

// TestTwoPhaseRecovery prepares an XA transaction, kills its connection,
// and commits it from another, as a transaction manager recovering after
// a crash does.
func TestTwoPhaseRecovery(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	xid := `recover 'me' \ now`
	a := acquire(t, e)
	tx, err := a.BeginTwoPhase(ctx, xid)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, a, tbl, "recovered")
	if err := tx.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	b := acquire(t, e)
	// Drop A abruptly: the server ends its session; the prepared
	// transaction outlives it.
	id := a.Connection().Conn().ThreadID()
	if err := b.Connection().Conn().Kill(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	waitSessionGone(t, b, id)
	if got := vals(t, e, tbl); len(got) != 0 {
		t.Fatalf("rows %q before the commit, want none", got)
	}
	xids, err := b.RecoverTwoPhase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(xids, xid) {
		t.Fatalf("RecoverTwoPhase %q, want it to hold %q", xids, xid)
	}
	if err := b.CommitPrepared(ctx, xid); err != nil {
		t.Fatal(err)
	}
	if got := vals(t, e, tbl); len(got) != 1 || got[0] != "recovered" {
		t.Fatalf("rows %q after CommitPrepared, want [recovered]", got)
	}
	if err := b.CommitPrepared(ctx, xid); !errors.Is(err, aiomysql.ErrDatabase) {
		t.Fatalf("second CommitPrepared: %v, want the server's XAER_NOTA", err)
	}
}

func TestRollbackPrepared(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, nil)
	tbl := testTable(t, e)
	a := acquire(t, e)
	tx, err := a.BeginTwoPhase(ctx, "to roll back")
	if err != nil {
		t.Fatal(err)
	}
	fill(t, a, tbl, "gone")
	if err := tx.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	// Close with a two-phase transaction open closes the connection: the
	// prepared transaction stays on the server.
	id := a.Connection().Conn().ThreadID()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b := acquire(t, e)
	waitSessionGone(t, b, id)
	if err := b.RollbackPrepared(ctx, "to roll back"); err != nil {
		t.Fatal(err)
	}
	if xids, _ := b.RecoverTwoPhase(ctx); slices.Contains(xids, "to roll back") {
		t.Fatal("still prepared after RollbackPrepared")
	}
	if got := vals(t, e, tbl); len(got) != 0 {
		t.Fatalf("rows %q, want none", got)
	}
	if err := b.CommitPrepared(ctx, ""); !errors.Is(err, sa.ErrArgument) {
		t.Fatalf("CommitPrepared of an empty xid: %v, want ErrArgument", err)
	}
}

func TestCloseWithActiveXA(t *testing.T) {
	ctx := testCtx(t)
	e := testEngine(t, func(pc *aiomysql.PoolConfig) { pc.MinSize, pc.MaxSize = 1, 1 })
	tbl := testTable(t, e)
	a := acquire(t, e)
	if _, err := a.BeginTwoPhase(ctx, "active at close"); err != nil {
		t.Fatal(err)
	}
	fill(t, a, tbl, "never")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	// The connection in XA ACTIVE state was closed, not handed on: the
	// next user of the pool's one slot gets a fresh session, and the
	// server rolled the work back.
	if st := e.Pool().Stat(); st.HijackedCount != 1 {
		t.Fatalf("HijackedCount %d, want 1 (the connection closed)", st.HijackedCount)
	}
	b := acquire(t, e)
	if _, err := b.Begin(ctx); err != nil {
		t.Fatalf("Begin on the next connection: %v", err)
	}
	if v, _ := mustRun(t, b, "SELECT COUNT(*) FROM "+tbl).Scalar(); v != int64(0) {
		t.Fatalf("%v rows of the unprepared XA transaction, want 0", v)
	}
}

// waitSessionGone waits until the server has ended the session of thread
// id: only then is a prepared XA transaction of that session detached, and
// XA COMMIT or XA ROLLBACK from another connection finds it (before, they
// fail with XAER_NOTA, seen under load). The process list is the server's
// only sign of it.
func waitSessionGone(t *testing.T, c *sa.Conn, id uint32) {
	t.Helper()
	ctx := testCtx(t)
	for {
		var n int
		if err := c.Connection().QueryRow(ctx, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
