package mysqltest

import (
	"context"
	"testing"
)

// New starts a server for one test (or describes AIOMYSQL_TEST_DSN's) and
// stops and removes it when the test ends. It fails the test when no server
// can be started; the error says what to install.
func New(t testing.TB, opts *Options) *Server {
	t.Helper()
	s, err := Start(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("mysqltest: closing the server: %v", err)
		}
	})
	return s
}

// RequireProcess skips the test when the server is external
// (AIOMYSQL_TEST_DSN): such a server cannot be killed, stopped or restarted
// from a test. This is the only reason a test of this project may skip.
func (s *Server) RequireProcess(t testing.TB) {
	t.Helper()
	if s.External {
		t.Skip("needs a private server to control its process, but AIOMYSQL_TEST_DSN names an external one; unset it to run this test")
	}
}
