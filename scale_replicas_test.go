package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// replicaCluster starts a private primary with two replicas, makes table
// f(id INT PRIMARY KEY) on it, and returns a Cluster over the three nodes
// as the application user.
func replicaCluster(t *testing.T, opts *mysqltest.ReplicaSetOptions, configure func(*aiomysql.ClusterConfig)) (*mysqltest.ReplicaSet, *aiomysql.Cluster) {
	t.Helper()
	ctx := testCtx(t)
	start := time.Now()
	rs := mysqltest.NewReplicaSet(t, opts)
	t.Logf("replica set up in %v", time.Since(start).Round(time.Millisecond))
	if err := rs.Primary().ExecAs(ctx, rs.App, "CREATE TABLE f (id INT PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	// The health checks read SHOW SLAVE STATUS (the grant replicates).
	if err := rs.Primary().Exec(ctx, "GRANT SLAVE MONITOR ON *.* TO '"+rs.App.Name+"'@'%'"); err != nil {
		t.Fatal(err)
	}
	if err := rs.WaitReplicated(ctx); err != nil {
		t.Fatal(err)
	}
	cfg, err := aiomysql.ParseDSN(rs.Primary().DSN(rs.App) + "?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range rs.Nodes() {
		cfg.Hosts = append(cfg.Hosts, n.Addr())
	}
	cfg.ConnectTimeout = time.Second
	pc := aiomysql.NewPoolConfig(cfg)
	pc.MaxSize = 16
	cc := &aiomysql.ClusterConfig{Pool: pc, CheckPeriod: 200 * time.Millisecond}
	if configure != nil {
		configure(cc)
	}
	cl, err := aiomysql.CreateCluster(ctx, cc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cl.Close()
		_ = cl.WaitClosed(context.Background())
	})
	return rs, cl
}

// portOf is the server port a pool connection is on.
func portOf(ctx context.Context, pc aiomysql.PoolConn) (int, error) {
	var p int
	err := pc.QueryRow(ctx, "SELECT @@port").Scan(&p)
	return p, err
}

// percentile returns the p-th percentile of ds (sorted in place).
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[min(len(ds)-1, int(float64(len(ds))*p))]
}

// TestF1_PrimaryDiesReplicaPromoted: 8 writers and 8 readers through the
// cluster; the primary is SIGKILLed and a replica promoted 500 ms later.
// Writes in flight fail with ErrConnLost or were never sent (none is
// retried by the driver); writes succeed again within 1 s of the
// promotion; every write that returned success is on the new primary; the
// readers never see an error.
func TestF1_PrimaryDiesReplicaPromoted(t *testing.T) {
	ctx := testCtx(t)
	// Semi-sync: a commit is acknowledged once a replica has received it,
	// so the most advanced replica has every acknowledged commit.
	rs, cl := replicaCluster(t, &mysqltest.ReplicaSetOptions{SemiSync: true}, nil)
	oldPrimary := rs.Primary()

	var (
		stop      atomic.Bool
		nextID    atomic.Int64
		mu        sync.Mutex
		committed []int64
		writeErrs = map[string]int{}
		readErrs  []error
		reads     atomic.Int64
		firstOK   atomic.Int64 // unix nanos of the first write after the promotion
		promoted  atomic.Int64
	)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for !stop.Load() {
				id := nextID.Add(1)
				_, err := cl.Write(ctx, func(pc aiomysql.PoolConn) error {
					_, err := pc.Exec(ctx, "INSERT INTO f VALUES (?)", id)
					return err
				})
				mu.Lock()
				switch {
				case err == nil:
					committed = append(committed, id)
					if p := promoted.Load(); p != 0 {
						firstOK.CompareAndSwap(0, time.Now().UnixNano())
					}
				case errors.Is(err, aiomysql.ErrConnLost):
					writeErrs["ErrConnLost"]++
				case errors.Is(err, aiomysql.ErrNotSent), errors.Is(err, aiomysql.ErrTargetRole):
					writeErrs["not sent"]++
				default:
					var ce *aiomysql.ConnectError
					if errors.As(err, &ce) {
						writeErrs["connect"]++
					} else {
						writeErrs[fmt.Sprintf("other: %v", err)]++
					}
				}
				mu.Unlock()
			}
		})
	}
	for range 8 {
		wg.Go(func() {
			for !stop.Load() {
				err := cl.Read(ctx, func(pc aiomysql.PoolConn) error {
					var n int
					return pc.QueryRow(ctx, "SELECT COUNT(*) FROM f").Scan(&n)
				})
				reads.Add(1)
				if err != nil {
					mu.Lock()
					readErrs = append(readErrs, err)
					mu.Unlock()
				}
			}
		})
	}
	time.Sleep(300 * time.Millisecond) // load before the fault: the scenario's timing
	if err := oldPrimary.Kill(); err != nil {
		t.Fatal(err)
	}
	killed := time.Now()
	time.Sleep(500 * time.Millisecond) // the scenario: promote 500 ms after the crash
	chose := time.Now()
	next := mostAdvanced(t, rs)
	t.Logf("choosing the replica to promote took %v", time.Since(chose).Round(time.Millisecond))
	if err := rs.Promote(ctx, next); err != nil {
		t.Fatal(err)
	}
	promoted.Store(time.Now().UnixNano())
	deadline := time.Now().Add(5 * time.Second)
	for firstOK.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // polling a figure, not waiting for a signal
	}
	time.Sleep(200 * time.Millisecond)
	stop.Store(true)
	wg.Wait()

	if firstOK.Load() == 0 {
		t.Fatalf("no write succeeded within 5 s of the promotion; errors %v", writeErrs)
	}
	after := time.Duration(firstOK.Load() - promoted.Load())
	t.Logf("killed at +0, promoted at +%v, first write at +%v after the promotion; %d committed, write errors %v; %d reads",
		time.Duration(promoted.Load()-killed.UnixNano()).Round(time.Millisecond), after.Round(time.Millisecond), len(committed), writeErrs, reads.Load())
	if after > time.Second {
		t.Errorf("writes resumed %v after the promotion, want ≤1 s", after)
	}
	for k := range writeErrs {
		if k != "ErrConnLost" && k != "not sent" && k != "connect" {
			t.Errorf("write error of another kind: %s", k)
		}
	}
	if len(readErrs) > 0 {
		t.Errorf("%d read errors, first: %v", len(readErrs), readErrs[0])
	}
	// Every write that returned success is on the new primary.
	var have int64
	check, err := aiomysql.ConnectDSN(ctx, next.DSN(rs.App)+"?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	for _, id := range committed {
		var n int64
		if err := check.QueryRow(ctx, "SELECT COUNT(*) FROM f WHERE id = ?", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		have += n
	}
	if have != int64(len(committed)) {
		t.Errorf("%d of %d committed rows on the new primary", have, len(committed))
	}
}

// TestF2_ReadYourWritesOnLaggingReplica: one replica applies with a delay
// of 2 s; 1,000 times a row is written and read back with the write's
// token. No read is stale: a replica waits for the write, or the read goes
// to the primary when the wait times out.
func TestF2_ReadYourWritesOnLaggingReplica(t *testing.T) {
	ctx := testCtx(t)
	rs, cl := replicaCluster(t, nil, func(cc *aiomysql.ClusterConfig) { cc.ReadWaitTimeout = 10 * time.Millisecond })
	slow := rs.Replicas()[1]
	if err := rs.SetDelay(ctx, slow, 2*time.Second); err != nil {
		t.Fatal(err)
	}
	ports := map[int]int{}
	var waits []time.Duration
	for i := range 1000 {
		gtid, err := cl.Write(ctx, func(pc aiomysql.PoolConn) error {
			_, err := pc.Exec(ctx, "INSERT INTO f VALUES (?)", i)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if gtid == "" {
			t.Fatal("the write reported no GTID")
		}
		start := time.Now()
		err = cl.Read(aiomysql.WithReadAfter(ctx, gtid), func(pc aiomysql.PoolConn) error {
			waits = append(waits, time.Since(start))
			var n int
			if err := pc.QueryRow(ctx, "SELECT COUNT(*) FROM f WHERE id = ?", i).Scan(&n); err != nil {
				return err
			}
			if n != 1 {
				return fmt.Errorf("row %d not there: a stale read", i)
			}
			p, err := portOf(ctx, pc)
			ports[p]++
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("reads by port %v (primary %d, delayed replica %d); time to the read p50 %v, p99 %v",
		ports, rs.Primary().Port, slow.Port, percentile(waits, 0.5), percentile(waits, 0.99))
	if ports[slow.Port] != 0 {
		t.Errorf("%d reads on the delayed replica", ports[slow.Port])
	}
	if ports[rs.Primary().Port] == 0 || ports[rs.Replicas()[0].Port] == 0 {
		t.Errorf("reads by port %v: want both the replica in time and, for the timed-out waits, the primary", ports)
	}
}

// TestF3_ReplicaGoesAwayAndComesBack: a replica's SQL thread stops, then
// the replica is SIGKILLed, then restarted: reads go on on the others with
// no error, and it takes reads again within one check period of being
// healthy.
func TestF3_ReplicaGoesAwayAndComesBack(t *testing.T) {
	ctx := testCtx(t)
	rs, cl := replicaCluster(t, nil, nil)
	r1, r2 := rs.Replicas()[0], rs.Replicas()[1]
	readPorts := func(n int) (map[int]int, error) {
		ports := map[int]int{}
		for range n {
			err := cl.Read(ctx, func(pc aiomysql.PoolConn) error {
				p, err := portOf(ctx, pc)
				ports[p]++
				return err
			})
			if err != nil {
				return ports, err
			}
		}
		return ports, nil
	}
	if ports, err := readPorts(20); err != nil || ports[r1.Port] == 0 || ports[r2.Port] == 0 {
		t.Fatalf("before: %v, %v; want reads on both replicas", ports, err)
	}
	if err := rs.StopSQLThread(ctx, r1); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 2*time.Second, func() bool {
		ports, err := readPorts(10)
		return err == nil && ports[r1.Port] == 0
	})
	if err := r1.Kill(); err != nil {
		t.Fatal(err)
	}
	if ports, err := readPorts(50); err != nil || ports[r1.Port] != 0 {
		t.Fatalf("after the kill: %v, %v; want every read on the others, no error", ports, err)
	}
	if err := r1.Restart(ctx); err != nil {
		t.Fatal(err)
	}
	if err := rs.WaitReplicated(ctx, r1); err != nil {
		t.Fatal(err)
	}
	healthy := time.Now()
	waitUntil(t, 2*time.Second, func() bool {
		ports, err := readPorts(10)
		return err == nil && ports[r1.Port] > 0
	})
	back := time.Since(healthy)
	t.Logf("the restarted replica took reads again %v after it caught up", back.Round(time.Millisecond))
	if back > 400*time.Millisecond { // one check period (200 ms) and the reads' own time
		t.Errorf("back after %v, want within one check period", back)
	}
}

// waitUntil polls cond until it holds, failing after d.
func waitUntil(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %v", d)
		}
		time.Sleep(20 * time.Millisecond) // polling the cluster's view, which has no signal
	}
}

// mostAdvanced returns the replica that received the most of the dead
// primary's transactions (Gtid_IO_Pos), once it has applied all it
// received: the one to promote so that nothing acknowledged is lost.
func mostAdvanced(t *testing.T, rs *mysqltest.ReplicaSet) *mysqltest.Server {
	t.Helper()
	ctx := testCtx(t)
	var best *mysqltest.Server
	var bestPos string
	var bestSeq int64 = -1
	for _, r := range rs.Replicas() {
		c, err := aiomysql.ConnectDSN(ctx, r.DSN(r.Root)+"?tls=false")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := c.Query(ctx, "SHOW SLAVE STATUS", aiomysql.QueryExecModeText)
		if err != nil {
			t.Fatal(err)
		}
		pos := ""
		if rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatal(err)
			}
			for i, name := range rows.Columns() {
				if name == "Gtid_IO_Pos" {
					pos, _ = vals[i].(string)
				}
			}
		}
		rows.Close()
		c.Close()
		var seq int64
		if _, err := fmt.Sscanf(pos[strings.LastIndexByte(pos, '-')+1:], "%d", &seq); err != nil {
			t.Fatalf("Gtid_IO_Pos %q: %v", pos, err)
		}
		if seq > bestSeq {
			best, bestPos, bestSeq = r, pos, seq
		}
	}
	applied, err := best.QueryValue(ctx, "SELECT MASTER_GTID_WAIT('"+bestPos+"', 10)")
	if err != nil || applied != "0" {
		t.Fatalf("the replica to promote did not apply %s: %q, %v", bestPos, applied, err)
	}
	return best
}
