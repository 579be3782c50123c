// Package tidb is the tool module that pins tidb-server (TiDB master
// e4e814fdc0af, unistore) for `make test-tidb`; run.sh builds and starts it.
// It has no code: the tool directive in go.mod is the point. It holds this
// file so that the root Makefile's go vet and go test over nested modules
// find a package and pass.
package tidb
