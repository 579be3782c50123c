// Package bench is aiomysql's benchmark suite: the native API and the
// stdlib database/sql driver against go-sql-driver/mysql through
// database/sql, on the same server in the same process.
//
// It is a module of its own so that the other driver (and the charting
// library of cmd/report) never becomes a dependency of aiomysql. The
// package holds no code: the benchmarks and the tests that check their
// premises are in its test files; cmd/report turns `go test -bench` output
// into the ratio table and chart that `make bench` writes to results/.
// Benchmark names follow Benchmark<X>/impl=<native|stdlib|gsd|raw>/…, so
// that benchstat can put the implementations side by side. README.md lists
// the benchmarks and says how to run them.
//
// The server is AIOMYSQL_DSN when that is set; otherwise a private,
// throwaway MariaDB that mysqltest starts on first use (AIOMYSQL_TEST_DSN
// points mysqltest at an existing one instead).
//
// The replay benchmarks (DecodeReplay, PointReplay) record a connection
// once through the root module's internal/replay and replay the server's
// bytes through a fake net.Conn, to measure client CPU alone.
package bench
