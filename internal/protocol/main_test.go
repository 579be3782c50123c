package protocol_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// shared is the private MariaDB this test binary's tests share. It starts on
// first use, so tests that need only the fake server start none.
var shared struct {
	once sync.Once
	srv  *mysqltest.Server
	err  error
}

// testServer returns the shared server, starting it on first use.
func testServer(t testing.TB) *mysqltest.Server {
	t.Helper()
	shared.once.Do(func() {
		shared.srv, shared.err = mysqltest.Start(context.Background(), nil)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.srv != nil {
		if err := shared.srv.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "closing the test server:", err)
			code = 1
		}
	}
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}
