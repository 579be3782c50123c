package mysqltest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// staleAge is how old a leftover server directory must be before Start
// removes it.
const staleAge = 30 * time.Minute

// sweepStale removes directories that earlier test processes left behind
// when they died before Close (a panic, a killed test binary): directories
// named mysqltest-* in the temp dir, untouched for staleAge, whose server
// process is gone (Pdeathsig killed it with its parent). A directory whose
// server still runs, or that is recent, is left alone.
func sweepStale() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "mysqltest-*"))
	for _, dir := range dirs {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() || time.Since(st.ModTime()) < staleAge {
			continue
		}
		if pidAlive(filepath.Join(dir, "mysqld.pid")) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}

// pidAlive reports whether the pid file names a running process.
func pidAlive(pidFile string) bool {
	b, err := os.ReadFile(pidFile)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return false
	}
	return syscall.Kill(pid, 0) == nil
}
