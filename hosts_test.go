package aiomysql_test

import (
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// deadAddr returns an address on loopback where nothing listens.
func deadAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// readOnlyServer is a private server started with read_only on: a replica
// as TargetRole sees one.
func readOnlyServer(t *testing.T) *mysqltest.Server {
	t.Helper()
	return mysqltest.New(t, &mysqltest.Options{IgnoreEnv: true, ExtraFlags: []string{"--read-only=1"}})
}

func serverID(t *testing.T, c *aiomysql.Conn) (port int) {
	t.Helper()
	if err := c.QueryRow(testCtx(t), "SELECT @@port").Scan(&port); err != nil {
		t.Fatal(err)
	}
	return port
}

// TestHostList: Connect tries Hosts in order and takes the first that
// accepts; a DSN with tcp(a,b) says the same; when none accepts, the error
// names every server and keeps each cause.
func TestHostList(t *testing.T) {
	ctx := testCtx(t)
	srv := testServer(t)
	dead1, dead2 := deadAddr(t), deadAddr(t)

	cfg := userConfig(t, srv.Root)
	cfg.Hosts = []string{dead1, srv.Addr()}
	c, err := aiomysql.Connect(ctx, cfg)
	if err != nil {
		t.Fatalf("dead host first: %v", err)
	}
	if serverID(t, c) != srv.Port {
		t.Error("connected to another server")
	}
	c.Close()

	parsed, err := aiomysql.ParseDSN("root@tcp(" + dead1 + "," + srv.Addr() + ")/test?hostOrder=random&tls=false")
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Hosts) != 2 || parsed.Hosts[1] != srv.Addr() || parsed.HostOrder != aiomysql.HostsRandom {
		t.Fatalf("parsed Hosts %q, order %v", parsed.Hosts, parsed.HostOrder)
	}
	for range 4 { // whatever the order, the live one is found
		c, err := aiomysql.Connect(ctx, parsed)
		if err != nil {
			t.Fatalf("random order: %v", err)
		}
		c.Close()
	}

	cfg.Hosts = []string{dead1, dead2}
	_, err = aiomysql.Connect(ctx, cfg)
	var ce *aiomysql.ConnectError
	if !errors.As(err, &ce) || !strings.Contains(ce.Host, dead1) || !strings.Contains(ce.Host, dead2) {
		t.Fatalf("all dead: %v, want a ConnectError naming both", err)
	}
	var op *net.OpError
	if !errors.As(err, &op) || !strings.Contains(err.Error(), dead2) {
		t.Fatalf("all dead: %v, want each cause kept", err)
	}
}

// TestTargetRole: the role is told by read_only: a primary is skipped for
// a replica and the other way round; prefer-replica takes a replica when one
// answers, else the primary; a single server of the wrong role is
// ErrTargetRole.
func TestTargetRole(t *testing.T) {
	ctx := testCtx(t)
	primary := testServer(t)
	replica := readOnlyServer(t)
	both := []string{primary.Addr(), replica.Addr()}
	cases := []struct {
		role  aiomysql.TargetRole
		hosts []string
		want  *mysqltest.Server // nil: ErrTargetRole
	}{
		{aiomysql.RoleAny, both, primary},
		{aiomysql.RolePrimary, []string{replica.Addr(), primary.Addr()}, primary},
		{aiomysql.RoleReplica, both, replica},
		{aiomysql.RolePreferReplica, both, replica},
		{aiomysql.RolePreferReplica, []string{primary.Addr()}, primary},
		{aiomysql.RolePreferReplica, []string{primary.Addr(), deadAddr(t)}, primary},
		{aiomysql.RoleReplica, []string{primary.Addr()}, nil},
		{aiomysql.RolePrimary, []string{replica.Addr(), deadAddr(t)}, nil},
	}
	for _, tc := range cases {
		cfg := userConfig(t, primary.Root)
		cfg.TargetRole = tc.role
		cfg.Hosts = tc.hosts
		if len(tc.hosts) == 1 {
			cfg.Hosts = nil
			cfg.Host, cfg.Port = primary.Host, primary.Port
		}
		c, err := aiomysql.Connect(ctx, cfg)
		if tc.want == nil {
			if !errors.Is(err, aiomysql.ErrTargetRole) {
				t.Errorf("%v on %v: %v, want ErrTargetRole", tc.role, tc.hosts, err)
			}
			if c != nil {
				c.Close()
			}
			continue
		}
		if err != nil {
			t.Errorf("%v on %v: %v", tc.role, tc.hosts, err)
			continue
		}
		if got := serverID(t, c); got != tc.want.Port {
			t.Errorf("%v on %v: connected to port %d, want %d", tc.role, tc.hosts, got, tc.want.Port)
		}
		c.Close()
	}
	parsed, err := aiomysql.ParseDSN("root@tcp(127.0.0.1:1)/?targetRole=read-only")
	if err != nil || parsed.TargetRole != aiomysql.RoleReplica {
		t.Fatalf("targetRole=read-only: %v, %v", parsed, err)
	}
}

// TestPoolRejectReadOnly: with RejectReadOnly, a pool closes a connection
// given back after a statement the server refused as read-only (1290), so
// that the next acquire connects anew (after a failover, to the promoted
// primary); without it the connection is kept.
func TestPoolRejectReadOnly(t *testing.T) {
	ctx := testCtx(t)
	srv := readOnlyServer(t)
	if err := srv.Exec(ctx, "CREATE TABLE test.ro (id INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	for _, reject := range []bool{true, false} {
		cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Native) + "?tls=false")
		if err != nil {
			t.Fatal(err)
		}
		cfg.RejectReadOnly = reject
		pool, err := aiomysql.CreatePool(ctx, aiomysql.NewPoolConfig(cfg))
		if err != nil {
			t.Fatal(err)
		}
		_, err = pool.Exec(ctx, "INSERT INTO ro VALUES (1)")
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != 1290 {
			t.Fatalf("INSERT on a read-only server: %v, want error 1290", err)
		}
		st := pool.Stat()
		if got := st.DestroyedReadOnly == 1; got != reject || st.IdleConns != map[bool]int{true: 0, false: 1}[reject] {
			t.Errorf("RejectReadOnly %v: DestroyedReadOnly %d, idle %d", reject, st.DestroyedReadOnly, st.IdleConns)
		}
		pool.Close()
		if err := pool.WaitClosed(ctx); err != nil {
			t.Fatal(err)
		}
	}
}
