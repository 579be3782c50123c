package aiomysql_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestCopyFromServerRefusesLocalInfile: with LocalInfile on but the server
// at local_infile=0, the rows go as INSERTs instead, all of them, and the
// connection is still in step.
func TestCopyFromServerRefusesLocalInfile(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	var was string
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.local_infile").Scan(&was); err != nil {
		t.Fatal(err)
	}
	mustExec(t, admin, "SET GLOBAL local_infile = 0")
	t.Cleanup(func() { mustExec(t, admin, "SET GLOBAL local_infile = "+was) })
	c := copyConn(t, true)
	const n = 30_000
	res, err := c.CopyFrom(ctx, "cf_src", []string{"id", "name"}, aiomysql.CopyFromSlice(n, func(i int) ([]any, error) { return srcRow(i), nil }))
	if err != nil {
		t.Fatal(err)
	}
	if res.LocalInfile || res.Rows != n || res.Sent != n {
		t.Errorf("%+v, want %d rows by INSERT", res, n)
	}
	checkRows(t, c, "SELECT COUNT(*) FROM cf_src WHERE name = CONCAT('row ', id)", n)
}

// TestCopyFromInTransaction: inside the caller's transaction the INSERTs
// are part of it (CopyFrom neither commits nor rolls back), and LOAD DATA
// too.
func TestCopyFromInTransaction(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			ctx := testCtx(t)
			if err := c.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := c.CopyFrom(ctx, "cf_src", []string{"id", "name"}, aiomysql.CopyFromRows([][]any{srcRow(1), srcRow(2)})); err != nil {
				t.Fatal(err)
			}
			if !c.InTransaction() {
				t.Fatal("the transaction ended")
			}
			checkRows(t, c, "SELECT COUNT(*) FROM cf_src", 2)
			if err := c.Rollback(ctx); err != nil {
				t.Fatal(err)
			}
			checkRows(t, c, "SELECT COUNT(*) FROM cf_src", 0)
		})
	}
}

// TestCopyFromDuplicates: a row whose key is already there is skipped with
// a warning, by either path (LOAD DATA LOCAL cannot stop mid-file, so it
// ignores; the INSERTs do as it does).
func TestCopyFromDuplicates(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			mustExec(t, c, "INSERT INTO cf_src VALUES (2, 'already')")
			res, err := c.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, aiomysql.CopyFromRows([][]any{srcRow(1), srcRow(2), srcRow(3)}))
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != 2 || res.Sent != 3 || res.Warnings != 1 || res.LocalInfile != p.local {
				t.Errorf("%+v, want 2 rows of 3 sent, 1 warning", res)
			}
			checkRows(t, c, "SELECT COUNT(*) FROM cf_src WHERE name = 'already'", 1)
		})
	}
}

// TestCopyFromNames: the table may be given with its database, and names
// holding backquotes, spaces and dots-free oddities are quoted.
func TestCopyFromNames(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			mustExecAll(t, c, "DROP TABLE IF EXISTS `cf we``ird`",
				"CREATE TABLE `cf we``ird` (`i``d` INT PRIMARY KEY, `the name` VARCHAR(10), `select` INT)")
			t.Cleanup(func() { mustExec(t, rootConn(t), "DROP TABLE IF EXISTS `cf we``ird`") })
			res, err := c.CopyFrom(testCtx(t), c.Database()+".cf we`ird", []string{"the name", "i`d"}, aiomysql.CopyFromRows([][]any{{"a", 1}, {"b", 2}}))
			if err != nil {
				t.Fatal(err)
			}
			if res.Rows != 2 {
				t.Errorf("%+v, want 2 rows", res)
			}
			checkRows(t, c, "SELECT SUM(`i``d`) FROM `cf we``ird` WHERE `the name` IN ('a', 'b') AND `select` IS NULL", 3)
			for _, bad := range []string{"", ".t", "db.", "a..b"} {
				if _, err := c.CopyFrom(testCtx(t), bad, []string{"x"}, aiomysql.CopyFromRows(nil)); err == nil {
					t.Errorf("table %q accepted", bad)
				}
			}
		})
	}
}

// TestCopyFromCharset: fields go in the connection's character set, so a
// latin1 connection's text lands converted as an INSERT's would, and bytes
// into a binary column land as they are; a character set in which 0x5c can
// hide inside a character is refused before anything is sent.
func TestCopyFromCharset(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local, func(cfg *aiomysql.Config) { cfg.Charset = "latin1" })
			mustExecAll(t, c, "DROP TABLE IF EXISTS cf_cs",
				"CREATE TABLE cf_cs (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET utf8mb4, b VARBINARY(20))")
			t.Cleanup(func() { mustExec(t, rootConn(t), "DROP TABLE IF EXISTS cf_cs") })
			res, err := c.CopyFrom(testCtx(t), "cf_cs", []string{"id", "s", "b"}, aiomysql.CopyFromRows([][]any{{1, "caf\xe9\t\\", []byte("caf\xe9\\")}}))
			if err != nil || res.Rows != 1 || res.LocalInfile != p.local {
				t.Fatalf("%+v, %v", res, err)
			}
			var s, b []byte
			if err := c.QueryRow(testCtx(t), "SELECT CONVERT(s USING utf8mb4), b FROM cf_cs").Scan(&s, &b); err != nil {
				t.Fatal(err)
			}
			// The latin1 connection reads back latin1: é is 0xe9 again.
			if string(s) != "caf\xe9\t\\" || string(b) != "caf\xe9\\" {
				t.Errorf("read back %q and %q", s, b)
			}
			checkRows(t, c, "SELECT COUNT(*) FROM cf_cs WHERE HEX(s) = HEX(_utf8mb4 X'636166C3A9095C')", 1)

			sjis := copyConn(t, p.local, func(cfg *aiomysql.Config) { cfg.Charset = "sjis" })
			_, err = sjis.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, aiomysql.CopyFromRows([][]any{srcRow(1)}))
			if !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
				t.Errorf("sjis: error %v, want ErrUnsafeInterpolation", err)
			}
		})
	}
}

// TestCopyFromNoBackslashEscapes: under sql_mode NO_BACKSLASH_ESCAPES the
// LOAD DATA statement (its separators given in hex) and the INSERTs still
// say what they mean, and backslashes land as they are.
func TestCopyFromNoBackslashEscapes(t *testing.T) {
	for _, p := range copyPaths {
		t.Run(p.name, func(t *testing.T) {
			c := copyConn(t, p.local)
			mustExec(t, c, "SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')")
			want := "a\\tb\t\\\\n\n\\N\x00'"
			res, err := c.CopyFrom(testCtx(t), "cf_src", []string{"id", "name"}, aiomysql.CopyFromRows([][]any{{1, want}, {2, nil}}))
			if err != nil || res.Rows != 2 || res.Warnings != 0 {
				t.Fatalf("%+v, %v", res, err)
			}
			var got []byte
			if err := c.QueryRow(testCtx(t), "SELECT name FROM cf_src WHERE id = 1").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("read back %q, want %q", got, want)
			}
			checkRows(t, c, "SELECT COUNT(*) FROM cf_src WHERE id = 2 AND name IS NULL", 1)
		})
	}
}
