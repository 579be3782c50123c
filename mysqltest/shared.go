package mysqltest

import (
	"context"
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

// Close stops and removes the server if Get started one.
func (s *Shared) Close() error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Close()
}
