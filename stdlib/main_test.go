package stdlib_test

import (
	"os"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// shared is the private MariaDB this test binary's tests share, started on
// first use.
var shared mysqltest.Shared

func TestMain(m *testing.M) {
	os.Exit(shared.Run(m, func() error { return goleak.Find() }))
}
