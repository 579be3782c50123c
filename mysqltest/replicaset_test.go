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

// count returns SELECT COUNT(*) FROM test.t on s, as root.
func count(t *testing.T, s *mysqltest.Server, where string) string {
	t.Helper()
	n, err := s.QueryValue(context.Background(), "SELECT COUNT(*) FROM test.t WHERE "+where)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestReplicaSet(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	rs := mysqltest.NewReplicaSet(t, nil)
	t.Logf("replica set of %d nodes up in %v", len(rs.Nodes()), time.Since(start))

	p, replicas := rs.Primary(), rs.Replicas()
	if len(replicas) != 2 || p != rs.Nodes()[0] {
		t.Fatalf("primary %v, %d replicas; want node 1 and 2 replicas", p.Addr(), len(replicas))
	}
	for _, r := range replicas {
		if r.Native.Name == "" || r.Version == "" {
			t.Errorf("replica %s: users or version not set: %+v %q", r.Addr(), r.Native, r.Version)
		}
	}
	for _, s := range rs.Nodes() {
		if v, err := s.QueryValue(ctx, "SELECT @@session_track_system_variables"); err != nil || !strings.Contains(v, "last_gtid") {
			t.Errorf("node %s tracks %q (%v); want last_gtid among them", s.Addr(), v, err)
		}
	}
	if err := p.ExecAs(ctx, rs.App, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20)); INSERT INTO t (v) VALUES ('one')"); err != nil {
		t.Fatal(err)
	}
	if err := rs.WaitReplicated(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range replicas {
		if n := count(t, r, "v = 'one'"); n != "1" {
			t.Errorf("replica %s: %s rows 'one', want 1", r.Addr(), n)
		}
	}

	// The application user cannot write on a replica: read_only applies to it.
	err := replicas[0].ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('on replica')")
	if err == nil || !strings.Contains(err.Error(), "ERROR 1290") {
		t.Fatalf("app write on a replica: %v; want ERROR 1290", err)
	}

	t.Run("delay", func(t *testing.T) {
		r := replicas[1]
		if err := rs.SetDelay(ctx, r, 2*time.Second); err != nil {
			t.Fatal(err)
		}
		written := time.Now()
		if err := p.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('delayed')"); err != nil {
			t.Fatal(err)
		}
		if err := rs.WaitReplicated(ctx, replicas[0]); err != nil {
			t.Fatal(err)
		}
		if n := count(t, r, "v = 'delayed'"); n != "0" && time.Since(written) < 1500*time.Millisecond {
			t.Errorf("the delayed replica has the fresh row after %v", time.Since(written))
		}
		if err := rs.WaitReplicated(ctx, r); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(written); d < time.Second {
			t.Errorf("the delayed replica applied the row after %v, want about 2 s", d)
		}
		t.Logf("delayed replica applied the row after %v", time.Since(written))
		if err := rs.SetDelay(ctx, r, 0); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("sql thread", func(t *testing.T) {
		r := replicas[0]
		if err := rs.StopSQLThread(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := p.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('stalled')"); err != nil {
			t.Fatal(err)
		}
		short, cancelShort := context.WithTimeout(ctx, 700*time.Millisecond)
		err := rs.WaitReplicated(short, r)
		cancelShort()
		if err == nil {
			t.Fatal("WaitReplicated returned nil with the SQL thread stopped")
		}
		if err := rs.StartSQLThread(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := rs.WaitReplicated(ctx, r); err != nil {
			t.Fatal(err)
		}

		// Stopped, then killed: the restarted replica applies again.
		if err := rs.StopSQLThread(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := p.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('stalled again')"); err != nil {
			t.Fatal(err)
		}
		if err := r.Kill(); err != nil {
			t.Fatal(err)
		}
		if err := r.Restart(ctx); err != nil {
			t.Fatal(err)
		}
		if err := rs.WaitReplicated(ctx, r); err != nil {
			t.Fatal(err)
		}
		if n := count(t, r, "v = 'stalled again'"); n != "1" {
			t.Errorf("the restarted replica has %s rows 'stalled again', want 1", n)
		}
	})

	t.Run("failover", func(t *testing.T) {
		old, next, other := p, replicas[0], replicas[1]
		if err := old.Kill(); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		if err := rs.Promote(ctx, next); err != nil {
			t.Fatal(err)
		}
		t.Logf("promoted in %v", time.Since(began))
		if rs.Primary() != next || len(rs.Replicas()) != 1 || rs.Replicas()[0] != other {
			t.Fatalf("after Promote: primary %s, replicas %v", rs.Primary().Addr(), rs.Replicas())
		}
		if err := next.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('after failover')"); err != nil {
			t.Fatal(err)
		}
		if err := rs.WaitReplicated(ctx); err != nil {
			t.Fatal(err)
		}
		if n := count(t, other, "v = 'after failover'"); n != "1" {
			t.Errorf("the remaining replica has %s rows written after failover, want 1", n)
		}

		began = time.Now()
		if err := rs.Rejoin(ctx, old); err != nil {
			t.Fatal(err)
		}
		if err := rs.WaitReplicated(ctx); err != nil {
			t.Fatal(err)
		}
		t.Logf("old primary rejoined and caught up in %v", time.Since(began))
		if n := count(t, old, "v = 'after failover'"); n != "1" {
			t.Errorf("the rejoined old primary has %s rows written after failover, want 1", n)
		}
		if err := old.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('x')"); err == nil || !strings.Contains(err.Error(), "ERROR 1290") {
			t.Errorf("app write on the rejoined old primary: %v; want ERROR 1290", err)
		}
		if len(rs.Replicas()) != 2 {
			t.Errorf("%d replicas after Rejoin, want 2", len(rs.Replicas()))
		}
	})
}

// TestReplicaSetStartFails cancels a start midway: every process started
// must be stopped and every directory removed.
func TestReplicaSetStartFails(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for _, d := range []time.Duration{500 * time.Millisecond, 1500 * time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		rs, err := mysqltest.StartReplicaSet(ctx, nil)
		cancel()
		if err == nil {
			rs.Close()
			t.Logf("started within %v; nothing to check", d)
			continue
		}
		if out, _ := exec.Command("pgrep", "-f", tmp).Output(); len(out) > 0 {
			t.Errorf("after a start cancelled at %v, processes remain: %s", d, out)
		}
		if left, _ := os.ReadDir(tmp); len(left) > 0 {
			t.Errorf("after a start cancelled at %v, %d entries remain in TMPDIR", d, len(left))
		}
	}
}

func TestReplicaSetSemiSync(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	rs := mysqltest.NewReplicaSet(t, &mysqltest.ReplicaSetOptions{Replicas: 2, SemiSync: true})
	t.Logf("semi-sync replica set up in %v", time.Since(start))
	semiSyncOn := func(s *mysqltest.Server) {
		t.Helper()
		rows, err := s.Query(ctx, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_status'")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0][1] != "ON" {
			t.Errorf("Rpl_semi_sync_master_status on %s = %v, want ON", s.Addr(), rows)
		}
	}
	// A commit that waited for the 2 s semi-sync timeout would show here.
	write := func(s *mysqltest.Server, sql string) {
		t.Helper()
		began := time.Now()
		if err := s.ExecAs(ctx, rs.App, sql); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(began); d > 1500*time.Millisecond {
			t.Errorf("%q took %v: the semi-sync acknowledgement did not come", sql, d)
		}
	}
	p := rs.Primary()
	semiSyncOn(p)
	write(p, "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))")
	write(p, "INSERT INTO t (v) VALUES ('one')")

	next := rs.Replicas()[0]
	if err := p.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := rs.Promote(ctx, next); err != nil {
		t.Fatal(err)
	}
	semiSyncOn(next)
	write(next, "INSERT INTO t (v) VALUES ('two')")
	if err := rs.WaitReplicated(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, rs.Replicas()[0], "TRUE"); n != "2" {
		t.Errorf("the remaining replica has %s rows, want 2", n)
	}

	// Switchover back to the old primary, once it has rejoined: nothing is
	// lost, and the demoted primary replicates.
	if err := rs.Rejoin(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := rs.WaitReplicated(ctx); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	if err := rs.Promote(ctx, p); err != nil {
		t.Fatal(err)
	}
	t.Logf("switched over in %v", time.Since(began))
	if rs.Primary() != p || len(rs.Replicas()) != 2 {
		t.Fatalf("after switchover: primary %s, %d replicas", rs.Primary().Addr(), len(rs.Replicas()))
	}
	semiSyncOn(p)
	write(p, "INSERT INTO t (v) VALUES ('three')")
	if err := rs.WaitReplicated(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs.Replicas() {
		if n := count(t, r, "TRUE"); n != "3" {
			t.Errorf("replica %s has %s rows after switchover, want 3", r.Addr(), n)
		}
	}
	if err := next.ExecAs(ctx, rs.App, "INSERT INTO t (v) VALUES ('x')"); err == nil || !strings.Contains(err.Error(), "ERROR 1290") {
		t.Errorf("app write on the demoted primary: %v; want ERROR 1290", err)
	}
}
