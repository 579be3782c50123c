package dbsql_test

import (
	"context"
	"crypto/tls"
	"database/sql"
	"errors"
	"io"
	"reflect"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/stdlib"
)

// driverCase is one database/sql driver the suite runs on.
type driverCase struct {
	// name is the subtest's name.
	name string
	// driver is the name sql.Open takes.
	driver string
	// registerReader registers a LOAD DATA LOCAL INFILE 'Reader::name'
	// handler: the one call a program changes besides the import and the
	// driver name.
	registerReader func(name string, handler func() io.Reader)
	// registerLocalFile allows LOAD DATA LOCAL INFILE of a file path.
	registerLocalFile func(filePath string)
	// registerTLSConfig names a *tls.Config for the DSN's tls parameter.
	registerTLSConfig func(name string, cfg *tls.Config) error
}

// ours and peer name the two subtests.
const (
	ours = "aiomysql"
	peer = "go-sql-driver"
)

// drivers is the table every test runs on: aiomysql's stdlib driver and
// go-sql-driver/mysql, the reference its results are compared with.
var drivers = []driverCase{
	{name: ours, driver: "aiomysql", registerReader: stdlib.RegisterReaderHandler,
		registerLocalFile: stdlib.RegisterLocalFile, registerTLSConfig: stdlib.RegisterTLSConfig},
	{name: peer, driver: "mysql", registerReader: mysql.RegisterReaderHandler,
		registerLocalFile: mysql.RegisterLocalFile, registerTLSConfig: mysql.RegisterTLSConfig},
}

// both runs f as one subtest per driver and, when both subtests returned,
// fails t if their results differ: the same program must get the same
// results on both drivers. A subtest that stops with t.Fatal returns no
// result, and nothing is compared.
func both[T any](t *testing.T, f func(t *testing.T, d driverCase) T) {
	t.Helper()
	got := make(map[string]T, len(drivers))
	for _, d := range drivers {
		t.Run(d.name, func(t *testing.T) { got[d.name] = f(t, d) })
	}
	o, okO := got[ours]
	p, okP := got[peer]
	if okO && okP && !reflect.DeepEqual(o, p) {
		t.Errorf("the drivers' results differ:\n%s:      %+v\n%s: %+v", ours, o, peer, p)
	}
}

// dsn returns a go-sql-driver DSN for root on the shared server, with the
// query parameters params ("" for none).
func dsn(t *testing.T, params string) string {
	t.Helper()
	srv := shared.Get(t)
	s := srv.DSN(srv.Root)
	if params != "" {
		s += "?" + params
	}
	return s
}

// open opens d as root on the shared server with params and closes the
// *sql.DB when the test ends.
func open(t *testing.T, d driverCase, params string) *sql.DB {
	t.Helper()
	return openAs(t, d, dsn(t, params))
}

// openAs opens d with the DSN dsn and closes the *sql.DB when the test ends.
func openAs(t *testing.T, d driverCase, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		t.Fatalf("sql.Open(%q): %v", d.driver, err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("closing the *sql.DB: %v", err)
		}
	})
	if err := db.PingContext(testContext(t)); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	return db
}

// testContext bounds a test's calls.
func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// exec runs statements on db, failing the test on the first error.
func exec(t *testing.T, db *sql.DB, statements ...string) {
	t.Helper()
	for _, s := range statements {
		if _, err := db.ExecContext(testContext(t), s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// serverError is the number and SQLSTATE of a server error, whichever
// driver's type carries it.
type serverError struct {
	Number   uint16
	SQLState string
}

// serverErrorOf returns the server error in err's chain, in the type of
// d's driver: *aiomysql.Error for aiomysql, *mysql.MySQLError for
// go-sql-driver. It fails the test when there is none.
func serverErrorOf(t *testing.T, d driverCase, err error) serverError {
	t.Helper()
	switch d.name {
	case ours:
		var e *aiomysql.Error
		if errors.As(err, &e) {
			return serverError{e.Number, e.SQLState}
		}
	case peer:
		var e *mysql.MySQLError
		if errors.As(err, &e) {
			return serverError{e.Number, string(e.SQLState[:])}
		}
	}
	t.Fatalf("%s: want a server error of the driver's type, got %T: %v", d.name, err, err)
	return serverError{}
}
