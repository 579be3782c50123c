// Package compat holds interoperability tests of the aiomysql client against
// a second, independent implementation of MySQL 8's authentication: the
// server package of github.com/go-mysql-org/go-mysql.
//
// The client's own tests run against MariaDB (which has no
// caching_sha2_password or sha256_password) and against the project's
// scripted fake server (written by the same hands as the client, so a
// misreading of the MySQL documentation could be made twice and agree with
// itself). Here the other side of every exchange is go-mysql's server, run
// in-process on a loopback listener, so the client's scrambles, RSA-OAEP
// encryption, key requests, TLS upgrade and authentication switches are
// checked against code that was written from the same documentation by
// other people:
//
//   - caching_sha2_password: full authentication on a first login and the
//     fast path once the server's cache is warm; the password sent over TLS,
//     encrypted with a configured RSA key, or encrypted with the key the
//     client asked the server for;
//   - sha256_password over TLS and with RSA;
//   - mysql_native_password, and switches between the plugins;
//   - a wrong password, reported as a *aiomysql.Error 1045 inside a
//     *aiomysql.ConnectError;
//   - the client's refusal to send a password, in clear or encrypted, when
//     the channel is not TLS and it has no key and may not ask for one.
//
// This directory is its own Go module, so the main module never depends on
// go-mysql; it uses the main module through a replace directive. Run its
// tests from this directory:
//
//	go test -race -count=1 ./...
//
// The package itself has no API: everything is in its tests.
package compat
