package aiomysql_test

import (
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestClusterWithoutHealthyReplica: a writable server and a read-only one
// that replicates nothing: writes go to the writable one (TargetRole
// primary, whatever the host order), and reads too, since no replica is
// healthy.
func TestClusterWithoutHealthyReplica(t *testing.T) {
	ctx := testCtx(t)
	primary, ro := testServer(t), readOnlyServer(t)
	cfg := userConfig(t, primary.Root)
	cfg.Hosts = []string{ro.Addr(), primary.Addr()}
	cl, err := aiomysql.CreateCluster(ctx, &aiomysql.ClusterConfig{Pool: aiomysql.NewPoolConfig(cfg)})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		cl.Close()
		if err := cl.WaitClosed(ctx); err != nil {
			t.Error(err)
		}
	}()
	port := func(pc aiomysql.PoolConn) int {
		var p int
		if err := pc.QueryRow(ctx, "SELECT @@port").Scan(&p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := cl.Write(ctx, func(pc aiomysql.PoolConn) error {
		if p := port(pc); p != primary.Port {
			t.Errorf("Write on port %d, want the writable server's %d", p, primary.Port)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := cl.Read(ctx, func(pc aiomysql.PoolConn) error {
		if p := port(pc); p != primary.Port {
			t.Errorf("Read on port %d, want the primary's %d (no healthy replica)", p, primary.Port)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if cl.Reader() != cl.Writer() {
		t.Error("Reader is not the writer's pool with no healthy replica")
	}
}
