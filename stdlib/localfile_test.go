package stdlib_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// TestRegisteredLocalFileAndReader: LOAD DATA LOCAL INFILE reads a file
// registered with RegisterLocalFile and a reader registered with
// RegisterReaderHandler ('Reader::name'); an unregistered file is refused.
func TestRegisteredLocalFileAndReader(t *testing.T) {
	ctx := testCtx(t)
	adminExec(t, "CREATE TABLE IF NOT EXISTS test.lf (id INT, v VARCHAR(10))", "DELETE FROM test.lf")
	dir := t.TempDir()
	allowed := filepath.Join(dir, "allowed.csv")
	if err := os.WriteFile(allowed, []byte("1,a\n2,b\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "other.csv")
	if err := os.WriteFile(other, []byte("9,z\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	stdlib.RegisterLocalFile(allowed)
	defer stdlib.DeregisterLocalFile(allowed)
	stdlib.RegisterReaderHandler("rows", func() io.Reader {
		return strings.NewReader("3,c\n")
	})
	defer stdlib.DeregisterReaderHandler("rows")
	db := openDB(t, "")
	load := "LOAD DATA LOCAL INFILE '%s' INTO TABLE test.lf FIELDS TERMINATED BY ','"
	if _, err := db.ExecContext(ctx, strings.Replace(load, "%s", allowed, 1)); err != nil {
		t.Fatalf("registered file: %v", err)
	}
	res, err := db.ExecContext(ctx, strings.Replace(load, "%s", "Reader::rows", 1))
	if err != nil {
		t.Fatalf("registered reader: %v", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Errorf("reader rows = %d, want 1", n)
	}
	_, err = db.ExecContext(ctx, strings.Replace(load, "%s", other, 1))
	if !errors.Is(err, aiomysql.ErrLocalInfileRefused) {
		t.Errorf("unregistered file: %v, want ErrLocalInfileRefused", err)
	}
	if n := adminValue(t, "SELECT COUNT(*) FROM test.lf"); n != "3" {
		t.Errorf("rows = %s, want 3", n)
	}
}
