package mysqltest_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
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

	// Quorum loss: node 1 alone is no primary component and refuses
	// statements (1047) until it is bootstrapped.
	if err := nodes[1].Kill(); err != nil {
		t.Fatal(err)
	}
	if err := nodes[2].Kill(); err != nil {
		t.Fatal(err)
	}
	lost := time.Now()
	for {
		st, err := g.Status(ctx, nodes[0])
		if err != nil {
			t.Fatal(err)
		}
		if st.ClusterStatus != "Primary" {
			t.Logf("node 1 %v after %v", st, time.Since(lost))
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("node 1 still %v", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	err = nodes[0].ExecAs(ctx, g.App, "INSERT INTO t (v) VALUES ('no quorum')")
	if err == nil || !strings.Contains(err.Error(), "ERROR 1047") {
		t.Fatalf("write without quorum: %v; want ERROR 1047", err)
	}
	if err := g.Bootstrap(ctx, nodes[0]); err != nil {
		t.Fatal(err)
	}
	if err := nodes[0].ExecAs(ctx, g.App, "INSERT INTO t (v) VALUES ('bootstrapped')"); err != nil {
		t.Fatal(err)
	}
}

// TestGaleraStartFails cancels a start midway (after 5 s: copying node 1's
// state or joining, depending on the machine's load): every process started (state transfer scripts included) must be stopped and
// every directory removed. TMPDIR is a 0700 t.TempDir, which the nodes
// (run as mysql under root) must still reach.
func TestGaleraStartFails(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	began := time.Now()
	g, err := mysqltest.StartGalera(ctx, nil)
	if err == nil {
		g.Close()
		t.Log("the cluster started within 5 s; nothing to check")
		return
	}
	t.Logf("cancelled start after %v: %.200s", time.Since(began), err)
	// The state transfer scripts notice their server's end within a second.
	deadline := time.Now().Add(5 * time.Second)
	for {
		out, _ := exec.Command("pgrep", "-af", tmp).Output()
		if len(out) == 0 {
			t.Logf("no process left %v after the start returned", time.Since(deadline.Add(-5*time.Second)))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a cancelled start, processes remain: %s", out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("after a cancelled start, %d entries remain in TMPDIR", len(left))
	}
}
