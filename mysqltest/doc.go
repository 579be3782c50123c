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
// ([Server.Exec], [Server.Query]; [Server.ExecAs] runs as another user).
//
// # Topologies
//
// [StartReplicaSet] (or [NewReplicaSet] in a test) starts a GTID primary
// with replicas, optionally semi-synchronous; [StartGalera] (or [NewGalera])
// starts a three-node Galera cluster. Every node is a private [Server], so
// its DSN, Kill, Stop and Restart work as for a single server; the helpers
// change roles and states. Both install one datadir (parallel installs
// collide), always start private servers whatever AIOMYSQL_TEST_DSN says,
// and kill every process they started on Close (the data goes with them),
// even when the start fails midway. Write as the topology's App user, not root: root bypasses
// read_only, so a root write on a replica breaks its replication.
//
// A replica set (about 1–4 s to start, three nodes): the replicas run
// read-only, so App's writes there fail with error 1290; every node tracks
// last_gtid in its OK packets, for read-your-writes with MASTER_GTID_WAIT.
//
//	rs := mysqltest.NewReplicaSet(t, &mysqltest.ReplicaSetOptions{SemiSync: true})
//	primary, replica := rs.Primary(), rs.Replicas()[0]
//	dsn := primary.DSN(rs.App)
//	rs.SetDelay(ctx, replica, 2*time.Second) // MASTER_DELAY: a lagging replica
//	rs.WaitReplicated(ctx)                   // every running replica caught up
//	rs.StopSQLThread(ctx, replica)           // receives, applies nothing
//	primary.Kill()                           // SIGKILL: the primary crashes
//	rs.Promote(ctx, replica)                 // failover: replica is the primary
//	rs.Rejoin(ctx, primary)                  // restarted read-only, a replica again
//
// A Galera cluster (about 11–15 s to start: node 1 is installed, and the
// others join one after the other from a copy of its state, each by an
// incremental transfer through the rsync script; run as root, the nodes run
// as the system user mysql). Group communication timeouts are shortened, so a
// lost node stalls the others 2–4 s (GaleraOptions.SuspectTimeout).
//
//	g := mysqltest.NewGalera(t, nil)
//	n1, n2, n3 := g.Nodes()[0], g.Nodes()[1], g.Nodes()[2]
//	n3.Kill()                // the others stay Primary...
//	g.WaitSynced(ctx, 2)     // ...with size 2 once they notice (2–4 s)
//	g.Restart(ctx, n3)       // rejoins by state transfer; 3 Synced again
//	n2.Kill(); n3.Kill()     // quorum lost: n1 answers 1047
//	g.Bootstrap(ctx, n1)     // pc.bootstrap=YES: n1 alone is Primary again
//	st, _ := g.Status(ctx, n1)
//	_ = st.ClusterSize
//
// A Server is safe for concurrent use.
package mysqltest
