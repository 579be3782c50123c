package aiomysql_test

import (
	"testing"
)

// TestStmtAfterSessionReset: a Stmt of Prepare outlives Conn.ResetSession
// and Conn.ChangeUser, which deallocate it on the server: it is prepared
// again when it next runs, and closing one prepared before never sends its
// old id, which the server may have given to a newer statement.
func TestStmtAfterSessionReset(t *testing.T) {
	ctx := testCtx(t)
	c := rootConn(t)
	native := testServer(t).Native
	s1, err := c.Prepare(ctx, "SELECT ? + 1")
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string, want int) {
		t.Helper()
		var n int
		if err := s1.QueryRow(ctx, want-1).Scan(&n); err != nil || n != want {
			t.Fatalf("%s: %d, %v", step, n, err)
		}
	}
	check("prepared", 2)
	if err := c.ResetSession(ctx); err != nil {
		t.Fatal(err)
	}
	check("after ResetSession", 3)
	check("run again", 4)
	if err := c.ChangeUser(ctx, native.Name, native.Password, "test"); err != nil {
		t.Fatal(err)
	}
	check("after ChangeUser", 5)

	// s2 is prepared after a reset; s1 before it is closed after the next.
	s2, err := c.Prepare(ctx, "SELECT ? * 2")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ResetSession(ctx); err != nil {
		t.Fatal(err)
	}
	s3, err := c.Prepare(ctx, "SELECT ? * 3")
	if err != nil {
		t.Fatal(err)
	}
	if err := s2.Close(); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s3.QueryRow(ctx, 5).Scan(&n); err != nil || n != 15 {
		t.Fatalf("s3 after the stale s2 was closed: %d, %v", n, err)
	}
	if err := s3.QueryRow(ctx, 6).Scan(&n); err != nil || n != 18 {
		t.Fatalf("s3 run again: %d, %v", n, err)
	}
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s3.Close(); err != nil {
		t.Fatal(err)
	}
	if got := c.OpenStatementsForTest(); got != 0 {
		t.Fatalf("%d statements of Prepare counted open after closing all", got)
	}
}
