package mysqltest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
)

// Shared is a server that the tests of one test binary share: it starts on
// first use (so tests that need no server start none) and stops when
// TestMain calls Close. The zero value is ready to use; set Options before
// the first Get. A Shared is safe for concurrent use.
type Shared struct {
	// Options are the options of the server Get starts (nil: defaults).
	Options *Options

	once sync.Once
	srv  *Server
	err  error
}

// Get returns the shared server, starting it on first use. It fails the
// test when no server can be started; the error says what to install.
func (s *Shared) Get(t testing.TB) *Server {
	t.Helper()
	s.once.Do(func() { s.srv, s.err = Start(context.Background(), s.Options) })
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.srv
}

// Run runs a test binary's tests (m.Run), then closes the server and,
// when the tests passed, calls check (a leak check, say); it returns the
// exit code for os.Exit, non-zero when closing or check failed, each
// reported on standard error.
func (s *Shared) Run(m *testing.M, check func() error) int {
	code := m.Run()
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "mysqltest: closing the test server:", err)
		code = 1
	}
	if code == 0 && check != nil {
		if err := check(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	return code
}

// Close stops and removes the server if Get started one.
func (s *Shared) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}
