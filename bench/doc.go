// Package bench is aiomysql's benchmark suite: the native API (and, once it
// exists, the stdlib driver) against go-sql-driver/mysql through
// database/sql, on the same server in the same process.
//
// It is a module of its own so that the other driver never becomes a
// dependency of aiomysql. The package holds no code: the benchmarks and the
// tests that check their premises are in its test files. Benchmark names
// follow Benchmark<X>/impl=<native|stdlib|gsd>/…, so that benchstat can put
// the implementations side by side. README.md says how to run them and
// records figures.
//
// The server is AIOMYSQL_DSN when that is set; otherwise a private,
// throwaway MariaDB that mysqltest starts on first use (AIOMYSQL_TEST_DSN
// points mysqltest at an existing one instead).
package bench
