package dbsql_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// shared is the private MariaDB this package's tests share. It starts on
// first use.
var shared mysqltest.Shared

// TestMain runs the tests, stops the shared server and fails the run if a
// goroutine outlives them: every test closes the *sql.DB it opened (which
// ends the pool's opener goroutine and each connection's goroutines).
func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}
