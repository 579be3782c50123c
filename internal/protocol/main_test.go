package protocol_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// shared is the private MariaDB this test binary's tests share. It starts on
// first use, so tests that need no server start none.
var shared mysqltest.Shared

// testServer returns the shared server, starting it on first use.
func testServer(t testing.TB) *mysqltest.Server {
	t.Helper()
	return shared.Get(t)
}

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}
