package aiomysql_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// galera starts a private 3-node Galera cluster with table g(id INT
// PRIMARY KEY, n INT) holding row (1, 0).
func galera(t *testing.T) *mysqltest.Galera {
	t.Helper()
	start := time.Now()
	g := mysqltest.NewGalera(t, nil)
	t.Logf("Galera up in %v", time.Since(start).Round(time.Millisecond))
	ctx := testCtx(t)
	if err := g.Nodes()[0].ExecAs(ctx, g.App, "CREATE TABLE g (id INT PRIMARY KEY, n INT); INSERT INTO g VALUES (1, 0)"); err != nil {
		t.Fatal(err)
	}
	// Every node has applied it before the test reads there (the DDL
	// returns once the node it ran on has).
	for _, n := range g.Nodes() {
		if err := n.ExecAs(ctx, g.App, "SET SESSION wsrep_sync_wait = 1; SELECT n FROM g"); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// galeraPool is a pool of the application user over the cluster's nodes,
// first first; params are session variables.
func galeraPool(t *testing.T, g *mysqltest.Galera, first int, params map[string]string) *aiomysql.Pool {
	t.Helper()
	nodes := g.Nodes()
	cfg, err := aiomysql.ParseDSN(nodes[first].DSN(g.App) + "?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Hosts = []string{nodes[first].Addr()}
	for i, n := range nodes {
		if i != first {
			cfg.Hosts = append(cfg.Hosts, n.Addr())
		}
	}
	cfg.ConnectTimeout = time.Second
	cfg.TargetRole = aiomysql.RolePrimary // also skips a node not ready (1047)
	cfg.Params = params
	pc := aiomysql.NewPoolConfig(cfg)
	pc.MaxSize = 4
	p, err := aiomysql.CreatePool(testCtx(t), pc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Terminate)
	return p
}

// TestF4_GaleraNodeLoss: a client per node writes and reads back with
// wsrep_sync_wait=1; one node is SIGKILLed. The survivors' clients see the
// stall (logged) and no error; the killed node's client moves to the
// others; every committed row is on the survivors.
func TestF4_GaleraNodeLoss(t *testing.T) {
	ctx := testCtx(t)
	g := galera(t)
	if err := g.Nodes()[0].ExecAs(ctx, g.App, "CREATE TABLE f4 (id INT PRIMARY KEY, node INT)"); err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes() {
		if err := n.ExecAs(ctx, g.App, "SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM f4"); err != nil {
			t.Fatal(err)
		}
	}
	const victim = 2
	var (
		stop      atomic.Bool
		nextID    atomic.Int64
		mu        sync.Mutex
		committed []int64
		errsBy    [3][]error
		stall     [3]time.Duration
		afterKill [3]int
		killed    atomic.Bool
	)
	var wg sync.WaitGroup
	for i := range 3 {
		p := galeraPool(t, g, i, map[string]string{"wsrep_sync_wait": "1"})
		wg.Go(func() {
			for !stop.Load() {
				id := nextID.Add(1)
				start := time.Now()
				err := p.AcquireFunc(ctx, func(pc aiomysql.PoolConn) error {
					if _, err := pc.Exec(ctx, "INSERT INTO f4 VALUES (?, ?)", id, i); err != nil {
						return err
					}
					var n int
					return pc.QueryRow(ctx, "SELECT COUNT(*) FROM f4 WHERE id = ?", id).Scan(&n)
				})
				d := time.Since(start)
				mu.Lock()
				if err != nil {
					errsBy[i] = append(errsBy[i], err)
				} else {
					committed = append(committed, id)
					if killed.Load() {
						afterKill[i]++
					}
				}
				stall[i] = max(stall[i], d)
				mu.Unlock()
			}
		})
	}
	time.Sleep(500 * time.Millisecond) // load before the fault: the scenario's timing
	if err := g.Nodes()[victim].Kill(); err != nil {
		t.Fatal(err)
	}
	killed.Store(true)
	time.Sleep(8 * time.Second) // the stall (2-5 s with mysqltest's timeouts, more under load) and after
	stop.Store(true)
	wg.Wait()
	t.Logf("longest write+read per client %v; errors per client %d %d %d; writes after the kill %v; %d committed",
		stall, len(errsBy[0]), len(errsBy[1]), len(errsBy[2]), afterKill, len(committed))
	for i := range 3 {
		if i == victim {
			for _, err := range errsBy[i] {
				if !errors.Is(err, aiomysql.ErrConnLost) && !errors.Is(err, aiomysql.ErrNotSent) {
					t.Errorf("the killed node's client: %v, want only lost or unsent commands", err)
				}
			}
			if afterKill[i] == 0 {
				t.Error("the killed node's client wrote nothing after the kill: it did not move to the others")
			}
			continue
		}
		if len(errsBy[i]) > 0 {
			t.Errorf("survivor %d: %d errors, first %v", i, len(errsBy[i]), errsBy[i][0])
		}
	}
	check := galeraPool(t, g, 0, nil)
	var n int
	if err := check.QueryRow(ctx, "SELECT COUNT(*) FROM f4").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < len(committed) {
		t.Errorf("%d rows on the survivors, %d committed", n, len(committed))
	}
}

// TestF5_GaleraCertificationConflict: two nodes increment the same counter
// 1,000 times each through RetryTx; conflicts (1213 from certification)
// are retried, and the counter ends at exactly 2,000.
func TestF5_GaleraCertificationConflict(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	g := galera(t)
	var attempts atomic.Int64
	errc := make(chan error, 2)
	for i := range 2 {
		p := galeraPool(t, g, i, nil)
		go func() {
			for range 1000 {
				err := p.RetryTx(ctx, &aiomysql.RetryOptions{MaxAttempts: 50, BaseDelay: time.Millisecond}, func(tx *aiomysql.Tx) error {
					attempts.Add(1)
					_, err := tx.Exec(ctx, "UPDATE g SET n = n + 1 WHERE id = 1")
					return err
				})
				if err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatalf("RetryTx: %v", err)
		}
	}
	var n int
	if err := galeraPool(t, g, 2, map[string]string{"wsrep_sync_wait": "1"}).QueryRow(ctx, "SELECT n FROM g WHERE id = 1").Scan(&n); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d attempts for 2000 transactions: %d retried", attempts.Load(), attempts.Load()-2000)
	if n != 2000 {
		t.Fatalf("counter %d, want 2000", n)
	}
	if attempts.Load() == 2000 {
		t.Log("no conflict happened in this run")
	}
}

// TestF6_GaleraNodeNotReady: a node that refuses queries as not ready
// (1047; wsrep_reject_queries=ALL gives a rejoining node's refusal on
// demand) is routed around: with TargetRole primary the connect-time check
// skips it, and RetryTx drops a connection that meets it; no user error.
// Then quorum loss (2 of 3 killed): a statement on the survivor fails with
// a typed error (1180 or 1047) well within its timeout, no hang.
func TestF6_GaleraNodeNotReady(t *testing.T) {
	ctx := testCtx(t)
	g := galera(t)
	nodes := g.Nodes()
	pool := galeraPool(t, g, 0, nil) // node 0 first
	// A connection opened on node 0 while it is still ready.
	if _, err := pool.Exec(ctx, "UPDATE g SET n = n + 1 WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	if err := nodes[0].Exec(ctx, "SET GLOBAL wsrep_reject_queries = ALL"); err != nil {
		t.Fatal(err)
	}
	var ports = map[int]int{}
	for range 50 {
		err := pool.RetryTx(ctx, nil, func(tx *aiomysql.Tx) error {
			var p int
			if err := tx.QueryRow(ctx, "SELECT @@port").Scan(&p); err != nil {
				return err
			}
			ports[p]++
			_, err := tx.Exec(ctx, "UPDATE g SET n = n + 1 WHERE id = 1")
			return err
		})
		if err != nil {
			t.Fatalf("with node 0 not ready: %v", err)
		}
	}
	if ports[nodes[0].Port] != 0 {
		t.Errorf("transactions ran on the node that is not ready: %v", ports)
	}
	t.Logf("transactions by port %v (node 0 is %d)", ports, nodes[0].Port)
	if err := nodes[0].Exec(ctx, "SET GLOBAL wsrep_reject_queries = NONE"); err != nil {
		t.Fatal(err)
	}

	// Quorum loss.
	survivor, err := aiomysql.ConnectDSN(ctx, nodes[0].DSN(g.App)+"?tls=false")
	if err != nil {
		t.Fatal(err)
	}
	defer survivor.Close()
	if err := nodes[1].Kill(); err != nil {
		t.Fatal(err)
	}
	if err := nodes[2].Kill(); err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	start := time.Now()
	var last error
	for time.Since(start) < 10*time.Second { // until the survivor sees it is alone
		_, last = survivor.Exec(sctx, "UPDATE g SET n = n + 1 WHERE id = 1")
		if last != nil {
			break
		}
	}
	took := time.Since(start)
	var se *aiomysql.Error
	if !errors.As(last, &se) || (se.Number != 1047 && se.Number != 1180) {
		t.Fatalf("after quorum loss: %v, want error 1047 or 1180", last)
	}
	t.Logf("quorum loss: error %d after %v: %s", se.Number, took.Round(time.Millisecond), se.Message)
	if sctx.Err() != nil {
		t.Fatal("the statement ran into its timeout: a hang")
	}
}
