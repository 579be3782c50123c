// Package vitess is the tool module that pins Vitess v0.24.1's
// vttestserver, vtcombo and mysqlctl for `make test-vitess`; run.sh builds
// and starts them. It has no code: the tool directive in go.mod is the point.
// It holds this file so that the root Makefile's go vet and go test over
// nested modules find a package and pass.
package vitess
