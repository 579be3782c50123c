package mysqltest_test

import (
	"context"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/mysqltest"
)

func TestGalera(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	start := time.Now()
	g := mysqltest.NewGalera(t, nil)
	t.Logf("Galera cluster of %d nodes Synced in %v", len(g.Nodes()), time.Since(start))

	nodes := g.Nodes()
	for i, s := range nodes {
		st, err := g.Status(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Synced() || st.ClusterSize != 3 || !st.Ready {
			t.Errorf("node %d: %v; want Synced, Primary, size 3, ready", i+1, st)
		}
	}
	if err := nodes[0].ExecAs(ctx, g.App, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t (v) VALUES ('one')"); err != nil {
		t.Fatal(err)
	}
	// wsrep_sync_wait=1: the read waits until node 3 has applied what the
	// cluster committed before it.
	n, err := nodes[2].QueryValue(ctx, "SET SESSION wsrep_sync_wait=1; SELECT COUNT(*) FROM test.t WHERE v = 'one'")
	if err != nil || n != "1" {
		t.Fatalf("node 3: count = %q, %v; want 1", n, err)
	}

	if err := nodes[1].Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	if err := g.WaitSynced(ctx, 2); err != nil {
		t.Fatal(err)
	}
	t.Logf("survivors Primary with size 2 after %v", time.Since(killed))
	if err := nodes[2].ExecAs(ctx, g.App, "INSERT INTO t (v) VALUES ('two')"); err != nil {
		t.Fatal(err)
	}

	restarted := time.Now()
	if err := g.Restart(ctx, nodes[1]); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed node rejoined, 3 Synced after %v", time.Since(restarted))
	n, err = nodes[1].QueryValue(ctx, "SET SESSION wsrep_sync_wait=1; SELECT COUNT(*) FROM test.t")
	if err != nil || n != "2" {
		t.Fatalf("rejoined node 2: count = %q, %v; want 2", n, err)
	}
	for i, s := range nodes {
		st, err := g.Status(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Synced() || st.ClusterSize != 3 {
			t.Errorf("node %d after restart: %v; want Synced, size 3", i+1, st)
		}
	}
}
