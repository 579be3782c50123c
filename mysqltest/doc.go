// Package mysqltest starts a private, throwaway MariaDB server for tests, the way
// net/http/httptest starts an HTTP server.
//
// A server lives in its own temporary directory (datadir, unix socket, TLS
// certificates), listens on 127.0.0.1 on a free random port, and is removed
// with everything it wrote when it stops. Several test binaries can each run
// their own server at the same time: nothing is fixed, neither ports nor paths.
//
// In a test:
//
//	func TestSomething(t *testing.T) {
//		srv := mysqltest.New(t, nil) // stopped and removed by t.Cleanup
//		dsn := srv.DSN(srv.Root)     // "root@tcp(127.0.0.1:PORT)/test"
//		_ = dsn
//	}
//
// Most packages share one server per test binary, started in TestMain:
//
//	func TestMain(m *testing.M) {
//		srv, err := mysqltest.Start(context.Background(), nil)
//		if err != nil {
//			fmt.Fprintln(os.Stderr, err)
//			os.Exit(1)
//		}
//		code := m.Run()
//		srv.Close()
//		os.Exit(code)
//	}
//
// # Users
//
// Besides root (empty password), every server has one user per authentication
// path MariaDB offers: [Server.Native] (mysql_native_password),
// [Server.Ed25519] (client_ed25519), [Server.OldPassword] (mysql_old_password;
// the server runs with --secure-auth=0), [Server.TLSOnly] (REQUIRE SSL) and
// [Server.X509] (REQUIRE X509: a client certificate signed by the test CA,
// see [Server.TLS]). Each has all privileges on the test database.
//
// # Finding a server
//
// The server binary is looked up as Options.Binary, then mariadbd in PATH and
// the usual system directories. When none is found, Start fails with an error
// that names the Debian package to install (mariadb-server).
//
// When the environment variable AIOMYSQL_TEST_DSN is set (for example
// "root:pw@tcp(db.local:3306)/test"), [New] and [Start] return a [Server] that
// describes that server instead of starting one. Such a server has no process
// to control: [Server.Kill], [Server.Stop] and [Server.Restart] return
// [ErrExternal], and [Server.RequireProcess] skips the calling test with a
// message saying why. Users and TLS material are not created on it.
//
// Administrative SQL runs through the mariadb command-line client
// ([Server.Exec], [Server.Query]).
//
// A Server is safe for concurrent use.
package mysqltest
