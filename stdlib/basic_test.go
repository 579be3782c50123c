package stdlib_test

import (
	"testing"
)

func TestOpenQueryExec(t *testing.T) {
	ctx := testCtx(t)
	db := openDB(t, "")
	var n int
	if err := db.QueryRowContext(ctx, "SELECT ? + 1", 41).Scan(&n); err != nil || n != 42 {
		t.Fatalf("SELECT ? + 1 = %d, %v; want 42", n, err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS basic (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))"); err != nil {
		t.Fatal(err)
	}
	res, err := db.ExecContext(ctx, "INSERT INTO basic (v) VALUES (?), (?)", "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("RowsAffected = %d, want 2", n)
	}
	if id, _ := res.LastInsertId(); id == 0 {
		t.Error("LastInsertId = 0")
	}
}
