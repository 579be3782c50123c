package mysqltest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// ErrExternal is returned by the process-control methods of a Server that
// describes an existing server (AIOMYSQL_TEST_DSN) rather than one it started.
var ErrExternal = errors.New("mysqltest: the server was given by " + EnvDSN + "; it has no process to control")

// ErrNotRunning is returned by Stop and Kill when the server process is not running.
var ErrNotRunning = errors.New("mysqltest: the server is not running")

// User is an account on the server.
type User struct {
	// Name is the user name.
	Name string
	// Password is the user's password ("" for root on a private server).
	Password string
	// Plugin is the authentication plugin of the account.
	Plugin string
}

// Server is a running (or stopped) test server. Its exported fields are set by
// Start and do not change afterwards; a restart keeps the port and datadir.
type Server struct {
	// Host is the TCP host: "127.0.0.1" for a private server.
	Host string
	// Port is the TCP port.
	Port int
	// Socket is the path of the unix socket ("" for an external server given by TCP).
	Socket string
	// Database is the database created for tests.
	Database string
	// Dir is the temporary directory holding everything the server writes
	// ("" for an external server). Close removes it.
	Dir string
	// Version is the server's version string, as SELECT VERSION() reports it.
	Version string
	// External is true when the server was given by AIOMYSQL_TEST_DSN.
	External bool
	// TLS is the server's certificate material (nil for an external server).
	TLS *TLSFiles

	// Root is the administrative account (root with an empty password, or the
	// DSN's user for an external server).
	Root User
	// Native authenticates with mysql_native_password.
	Native User
	// Ed25519 authenticates with MariaDB's client_ed25519.
	Ed25519 User
	// OldPassword authenticates with mysql_old_password (pre-4.1 hashing).
	OldPassword User
	// TLSOnly authenticates with mysql_native_password and REQUIRE SSL.
	TLSOnly User
	// X509 authenticates with mysql_native_password and REQUIRE X509: it must
	// present the client certificate of TLS.
	X509 User

	opts Options
	bins binaries
	// runAs is the system user the server runs as when the test runs as
	// root: nil means root itself (what a single server does), mysql is
	// what Galera's rsync SST needs.
	runAs *osUser

	mu   sync.Mutex
	proc *process
	// nodeFlags are the flags a topology gives this node (server id,
	// read-only, wsrep addresses); they change on promotion and are read at
	// every launch. nil for a single server.
	nodeFlags []string
}

// Addr returns "host:port" of the server's TCP listener.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// DSN returns a go-sql-driver-style DSN for u over TCP to the test database:
// "user:password@tcp(127.0.0.1:PORT)/test".
func (s *Server) DSN(u User) string {
	return userInfo(u) + "tcp(" + s.Addr() + ")/" + s.Database
}

// SocketDSN returns a DSN for u over the unix socket:
// "user:password@unix(/tmp/.../mysqld.sock)/test".
func (s *Server) SocketDSN(u User) string {
	return userInfo(u) + "unix(" + s.Socket + ")/" + s.Database
}

func userInfo(u User) string {
	if u.Password == "" {
		return u.Name + "@"
	}
	return u.Name + ":" + u.Password + "@"
}

// Start starts a private server (or describes the one AIOMYSQL_TEST_DSN
// names) and returns once it answers. opts may be nil. ctx bounds the start;
// the server keeps running after ctx ends, until Stop, Kill or Close.
func Start(ctx context.Context, opts *Options) (*Server, error) {
	o := opts.withDefaults()
	if dsn := os.Getenv(EnvDSN); dsn != "" && !o.IgnoreEnv {
		return external(ctx, dsn, o)
	}
	bins, err := findBinaries(o)
	if err != nil {
		return nil, err
	}
	sweepStale()
	s, err := newLocal(o, bins)
	if err != nil {
		return nil, err
	}
	if err := s.setUp(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// newLocal creates the directory and TLS material of a private server;
// nothing runs yet. On error nothing is left behind.
func newLocal(o Options, bins binaries) (*Server, error) {
	dir, err := os.MkdirTemp("", "mysqltest-")
	if err != nil {
		return nil, fmt.Errorf("mysqltest: %w", err)
	}
	s := &Server{
		Host:     "127.0.0.1",
		Socket:   filepath.Join(dir, "mysqld.sock"),
		Database: o.Database,
		Dir:      dir,
		Root:     User{Name: "root", Plugin: "mysql_native_password"},
		opts:     o,
		bins:     bins,
	}
	tlsFiles, err := makeTLSFiles(s.Dir)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("mysqltest: TLS certificates: %w", err)
	}
	s.TLS = tlsFiles
	return s, nil
}

func (s *Server) setUp(ctx context.Context) error {
	if err := s.installDB(ctx); err != nil {
		return err
	}
	if err := s.launchOnFreePort(ctx); err != nil {
		return err
	}
	if err := s.createUsers(ctx); err != nil {
		return err
	}
	rows, err := s.Query(ctx, "SELECT VERSION()")
	if err != nil {
		return err
	}
	s.Version = rows[0][0]
	return nil
}

// Stop shuts the server down gracefully (SIGTERM) and waits for it to exit.
// The datadir stays, so Restart can start it again.
func (s *Server) Stop() error {
	if s.External {
		return ErrExternal
	}
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p == nil {
		return ErrNotRunning
	}
	return p.terminate()
}

// Kill kills the server with SIGKILL and waits for it to exit, as a crash
// would end it. Restart starts it again on the same port and datadir.
func (s *Server) Kill() error {
	if s.External {
		return ErrExternal
	}
	s.mu.Lock()
	p := s.proc
	s.proc = nil
	s.mu.Unlock()
	if p == nil {
		return ErrNotRunning
	}
	p.kill()
	return nil
}

// Restart stops the server if it runs, then starts it again on the same port
// and datadir, and returns once it answers.
func (s *Server) Restart(ctx context.Context) error {
	if s.External {
		return ErrExternal
	}
	if err := s.Stop(); err != nil && !errors.Is(err, ErrNotRunning) {
		return err
	}
	return s.launch(ctx)
}

// Running reports whether the server process is running.
func (s *Server) Running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.proc != nil && !s.proc.exited()
}

// PID returns the process id of the running server, or 0.
func (s *Server) PID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.proc == nil || s.proc.exited() {
		return 0
	}
	return s.proc.cmd.Process.Pid
}

// Close stops the server and removes its directory. It is safe to call more
// than once; for an external server it does nothing.
func (s *Server) Close() error {
	if s.External {
		return nil
	}
	err := s.Stop()
	if errors.Is(err, ErrNotRunning) {
		err = nil
	}
	if s.Dir != "" {
		if rmErr := os.RemoveAll(s.Dir); rmErr != nil && err == nil {
			err = rmErr
		}
	}
	return err
}
