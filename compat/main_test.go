package compat_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if a goroutine outlives the tests: every test server
// closes its listener and connections and waits for its goroutines, and the
// client closes its connections. go-mysql's server starts no goroutines of
// its own, so nothing is ignored.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
