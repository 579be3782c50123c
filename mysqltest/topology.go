package mysqltest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// appUser is the application account of a topology: all privileges on the
// test database and no global ones, so neither SUPER nor READ_ONLY ADMIN:
// read_only applies to it (error 1290 on a replica), as it would to an
// application. root bypasses read_only and would break replication.
var appUser = User{Name: "app", Password: "app-pw", Plugin: "mysql_native_password"}

// newNodes creates n server directories (nothing runs yet). On error the
// ones already made are removed.
func newNodes(n int, o Options, bins binaries) ([]*Server, error) {
	nodes := make([]*Server, 0, n)
	for range n {
		s, err := newLocal(o, bins)
		if err != nil {
			_ = closeAll(nodes)
			return nil, err
		}
		nodes = append(nodes, s)
	}
	return nodes, nil
}

// closeAll discards the nodes at once and waits for all of them.
func closeAll(nodes []*Server) error {
	errs := make([]error, len(nodes))
	var wg sync.WaitGroup
	for i, s := range nodes {
		wg.Go(func() { errs[i] = s.discard() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// discard kills the server (its data is removed next: a graceful stop
// would only take time, 2-5 s for a Galera donor) and removes its
// directory. A state transfer script that outlives its server for a moment
// may still write there, so the removal is retried for a while.
func (s *Server) discard() error {
	if err := s.Kill(); err != nil && !errors.Is(err, ErrNotRunning) {
		return err
	}
	var err error
	for range 50 {
		if err = os.RemoveAll(s.Dir); err == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return err
}

// createAppUser creates the test database, the per-plugin users and the
// application user on s; copy them to the other nodes with copyUsers.
func (s *Server) createAppUser(ctx context.Context) error {
	if err := s.createUsers(ctx); err != nil {
		return err
	}
	sql := fmt.Sprintf("CREATE USER '%s'@'%%' IDENTIFIED BY '%s'; GRANT ALL ON `%s`.* TO '%s'@'%%'",
		appUser.Name, appUser.Password, s.Database, appUser.Name)
	if err := s.Exec(ctx, sql); err != nil {
		return fmt.Errorf("mysqltest: creating the application user: %w", err)
	}
	return nil
}

// copyUsers sets the User fields of s to those of from: the accounts came
// to s by replication or state transfer.
func (s *Server) copyUsers(from *Server) {
	s.Native, s.Ed25519, s.OldPassword, s.TLSOnly, s.X509 = from.Native, from.Ed25519, from.OldPassword, from.TLSOnly, from.X509
}

// copyDir copies the directory src to dst (which must not exist), keeping
// owners and modes, as cp -a does.
func copyDir(ctx context.Context, src, dst string) error {
	out, err := exec.CommandContext(ctx, "cp", "-a", src, dst).CombinedOutput()
	if err != nil {
		return fmt.Errorf("mysqltest: copying the installed datadir: %w: %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// freePorts returns n distinct free TCP ports on 127.0.0.1; the listeners
// are held until all are picked so that no port comes twice.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var closers []func() error
	defer func() {
		for _, c := range closers {
			_ = c()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("mysqltest: finding a free port: %w", err)
		}
		closers = append(closers, l.Close)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// nodeName names a node in errors: "node 2 (port 34567)".
func nodeName(nodes []*Server, s *Server) string {
	for i, n := range nodes {
		if n == s {
			return "node " + strconv.Itoa(i+1) + " (port " + strconv.Itoa(s.Port) + ")"
		}
	}
	return "a server not of this topology (port " + strconv.Itoa(s.Port) + ")"
}

// poll calls check every interval until it reports done, fails, or ctx ends;
// then the error says what check last reported.
func poll(ctx context.Context, interval time.Duration, check func() (done bool, state string, err error)) error {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		done, state, err := check()
		if err != nil {
			return err
		}
		if done {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w; last seen: %s", ctx.Err(), state)
		case <-tick.C:
		}
	}
}

// makeTraversable lets the system user mysql reach dir: it adds o+x to
// every parent directory that lacks it (os.MkdirTemp and t.TempDir make 0700
// directories) and hands dir and everything in it to uid:gid.
func makeTraversable(dir string, uid, gid int) error {
	for p := filepath.Dir(dir); ; p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if st.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(p, st.Mode().Perm()|0o011); err != nil {
				return err
			}
		}
		if p == filepath.Dir(p) {
			break
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	return filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
}
