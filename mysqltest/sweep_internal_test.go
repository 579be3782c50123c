package mysqltest

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestSweepStale(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old := time.Now().Add(-2 * staleAge)
	mk := func(name, pid string, mtime time.Time) string {
		dir := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(dir, "data"), 0o700); err != nil {
			t.Fatal(err)
		}
		if pid != "" {
			if err := os.WriteFile(filepath.Join(dir, "mysqld.pid"), []byte(pid+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(dir, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	dead := mk("mysqltest-dead", "999999999", old)
	noPid := mk("mysqltest-nopid", "", old)
	alive := mk("mysqltest-alive", strconv.Itoa(os.Getpid()), old)
	recent := mk("mysqltest-recent", "999999999", time.Now())
	other := mk("unrelated-dir", "999999999", old)
	sweepStale()
	for dir, want := range map[string]bool{dead: false, noPid: false, alive: true, recent: true, other: true} {
		_, err := os.Stat(dir)
		if exists := !errors.Is(err, os.ErrNotExist); exists != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(dir), exists, want)
		}
	}
}
