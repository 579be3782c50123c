package mysqltest_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// cli runs the mariadb client as u with extra arguments and returns its output.
func cli(t *testing.T, s *mysqltest.Server, u mysqltest.User, sql string, extra ...string) (string, error) {
	t.Helper()
	args := append([]string{"--no-defaults", "--batch", "--skip-column-names",
		"--protocol=tcp", "--host=" + s.Host, "--port=" + strconv.Itoa(s.Port), "--user=" + u.Name}, extra...)
	args = append(args, "--execute="+sql)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "mariadb", args...)
	cmd.Env = append(os.Environ(), "MYSQL_PWD="+u.Password)
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

func TestServerUsersRestartKill(t *testing.T) {
	ctx := context.Background()
	start := time.Now()
	s, err := mysqltest.Start(ctx, &mysqltest.Options{IgnoreEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("started %s in %v", s.Version, time.Since(start))
	if !strings.Contains(s.Version, "MariaDB") {
		t.Errorf("Version = %q, want a MariaDB version", s.Version)
	}
	dir, pid := s.Dir, s.PID()
	if pid == 0 {
		t.Fatal("PID() = 0 for a running server")
	}

	tlsArgs := []string{"--ssl", "--ssl-ca=" + s.TLS.CAFile}
	x509Args := append(tlsArgs[:2:2], "--ssl-cert="+s.TLS.ClientCertFile, "--ssl-key="+s.TLS.ClientKeyFile)
	logins := []struct {
		name    string
		user    mysqltest.User
		args    []string
		wantErr string // "" = must succeed
	}{
		{"root", s.Root, []string{"--skip-ssl"}, ""},
		{"native", s.Native, []string{"--skip-ssl"}, ""},
		{"ed25519", s.Ed25519, []string{"--skip-ssl"}, ""},
		{"old password", s.OldPassword, []string{"--skip-ssl", "--skip-secure-auth"}, ""},
		{"tls-only over TLS", s.TLSOnly, tlsArgs, ""},
		{"tls-only without TLS", s.TLSOnly, []string{"--skip-ssl"}, "Access denied"},
		{"x509 with client cert", s.X509, x509Args, ""},
		{"x509 without client cert", s.X509, tlsArgs, "Access denied"},
		{"wrong password", mysqltest.User{Name: s.Native.Name, Password: "wrong"}, []string{"--skip-ssl"}, "Access denied"},
	}
	for _, tc := range logins {
		t.Run("login/"+tc.name, func(t *testing.T) {
			out, err := cli(t, s, tc.user, "SELECT CURRENT_USER(), DATABASE() IS NULL, @@have_ssl", append(tc.args, "--database="+s.Database)...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(out, tc.wantErr) {
					t.Fatalf("login succeeded or failed for another reason (err %v): %s", err, out)
				}
				return
			}
			if err != nil {
				t.Fatalf("login failed: %v: %s", err, out)
			}
			if !strings.HasPrefix(out, tc.user.Name+"@") || !strings.Contains(out, "\t0\tYES") {
				t.Fatalf("CURRENT_USER, DATABASE, have_ssl = %q", out)
			}
		})
	}
	t.Run("plugins", func(t *testing.T) {
		rows, err := s.Query(ctx, "SELECT user, plugin FROM mysql.user WHERE user IN ('native','ed25519','oldpw') ORDER BY user")
		if err != nil {
			t.Fatal(err)
		}
		got := make(map[string]string)
		for _, r := range rows {
			got[r[0]] = r[1]
		}
		want := map[string]string{"native": "mysql_native_password", "ed25519": "ed25519", "oldpw": "mysql_old_password"}
		for u, p := range want {
			if got[u] != p {
				t.Errorf("plugin of %s = %q, want %q", u, got[u], p)
			}
		}
	})

	// Committed data survives a graceful restart and a crash.
	if err := s.Exec(ctx, "CREATE TABLE test.t (id INT PRIMARY KEY) ENGINE=InnoDB; INSERT INTO test.t VALUES (1),(2),(3)"); err != nil {
		t.Fatal(err)
	}
	port := s.Port
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if s.PID() == pid || s.Port != port {
		t.Errorf("after Restart: pid %d (was %d), port %d (was %d)", s.PID(), pid, s.Port, port)
	}
	if n, err := s.QueryValue(ctx, "SELECT COUNT(*) FROM test.t"); err != nil || n != "3" {
		t.Fatalf("after restart: count = %q, %v; want 3", n, err)
	}
	if err := s.Exec(ctx, "INSERT INTO test.t VALUES (4)"); err != nil {
		t.Fatal(err)
	}
	pid = s.PID()
	if err := s.Kill(); err != nil {
		t.Fatal(err)
	}
	if s.Running() || processAlive(pid) {
		t.Fatal("the server still runs after Kill")
	}
	if err := s.Exec(ctx, "SELECT 1"); err == nil {
		t.Fatal("a query succeeded on a killed server")
	}
	if err := s.Kill(); !errors.Is(err, mysqltest.ErrNotRunning) {
		t.Errorf("second Kill = %v, want ErrNotRunning", err)
	}
	if err := s.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := s.QueryValue(ctx, "SELECT COUNT(*) FROM test.t"); err != nil || n != "4" {
		t.Fatalf("after kill and restart: count = %q, %v; want 4", n, err)
	}

	pid = s.PID()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if processAlive(pid) {
		t.Errorf("server process %d still alive after Close", pid)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temp dir %s still exists after Close (stat: %v)", dir, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func processAlive(pid int) bool {
	return pid > 0 && syscall.Kill(pid, 0) == nil
}

func TestParallelServers(t *testing.T) {
	servers := make([]*mysqltest.Server, 2)
	errs := make(chan error, 2)
	for i := range servers {
		go func() {
			var err error
			servers[i], err = mysqltest.Start(context.Background(), &mysqltest.Options{IgnoreEnv: true, Database: "db" + strconv.Itoa(i)})
			errs <- err
		}()
	}
	for range servers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	for _, s := range servers {
		if s != nil {
			defer s.Close()
		}
	}
	if t.Failed() {
		return
	}
	if servers[0].Port == servers[1].Port || servers[0].Dir == servers[1].Dir {
		t.Fatalf("two servers share a port or a directory: %d %d %s %s", servers[0].Port, servers[1].Port, servers[0].Dir, servers[1].Dir)
	}
	for i, s := range servers {
		if got, err := s.QueryValue(context.Background(), "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'db%'"); err != nil || got != "db"+strconv.Itoa(i) {
			t.Errorf("server %d: database = %q, %v", i, got, err)
		}
	}
}

func TestNoServerBinary(t *testing.T) {
	_, err := mysqltest.Start(context.Background(), &mysqltest.Options{IgnoreEnv: true, Binary: "/nonexistent/mariadbd"})
	if !errors.Is(err, mysqltest.ErrNoServer) {
		t.Fatalf("Start = %v, want ErrNoServer", err)
	}
	if !strings.Contains(err.Error(), "apt-get install mariadb-server") {
		t.Errorf("error does not say what to install: %v", err)
	}
}

func TestNewCleansUp(t *testing.T) {
	var dir string
	var pid int
	t.Run("inner", func(t *testing.T) {
		s := mysqltest.New(t, &mysqltest.Options{IgnoreEnv: true})
		dir, pid = s.Dir, s.PID()
		if v, err := s.QueryValue(context.Background(), "SELECT @@max_allowed_packet"); err != nil || v != strconv.Itoa(64<<20) {
			t.Errorf("max_allowed_packet = %q, %v", v, err)
		}
	})
	if processAlive(pid) {
		t.Errorf("server %d alive after the test that started it ended", pid)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("dir %s left behind", dir)
	}
}
