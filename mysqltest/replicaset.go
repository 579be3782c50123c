package mysqltest

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// ReplicaSetOptions configures a replica set. The zero value (or nil) is
// ready to use: a primary and two replicas without semi-sync.
type ReplicaSetOptions struct {
	// Options apply to every node. IgnoreEnv does not matter: a replica set
	// is always private, whatever AIOMYSQL_TEST_DSN says.
	Options

	// Replicas is the number of replicas. Default: 2.
	Replicas int

	// SemiSync turns semi-synchronous replication on: the primary waits for
	// one replica to acknowledge each commit, for up to 2 s
	// (rpl_semi_sync_master_timeout), then goes on asynchronously.
	SemiSync bool
}

// ReplicaSet is a GTID primary with replicas, each a private [Server]
// (so DSN, Addr, Exec, Query, Kill, Stop and Restart work on every node).
// Every node logs binary logs with log_slave_updates and
// gtid_strict_mode, and tracks last_gtid in its OK packets; replicas run
// with read_only. A replica restarted with [Server.Restart] resumes
// replicating (both threads, whatever their state before). Its methods
// change which node is the primary; the nodes
// themselves never change. A ReplicaSet is safe for concurrent use, but its
// role-changing methods (Promote, Rejoin) are meant to be called from one
// goroutine at a time.
type ReplicaSet struct {
	// App is the application account (on every node): all privileges on
	// the test database and no SUPER or READ_ONLY ADMIN, so its writes on
	// a replica fail with error 1290 (read_only), as an application's
	// would. Use it, not root, for writes: root bypasses read_only, and a
	// write on a replica breaks its replication (error 1950 under
	// gtid_strict_mode).
	App User

	// Repl is the account replicas connect to the primary with.
	Repl User

	// SemiSync is true when the set runs semi-synchronous replication.
	SemiSync bool

	nodes []*Server

	mu       sync.Mutex
	primary  *Server
	replicas map[*Server]bool // nodes that replicate from primary
}

// sessionTrack makes OK packets carry last_gtid (besides the usual
// variables), so a client can wait for its own writes on a replica without
// another round trip.
const sessionTrack = "--session-track-system-variables=autocommit,character_set_client,character_set_connection," +
	"character_set_results,time_zone,last_gtid"

func replicationFlags(serverID int, readOnly, semiSync bool) []string {
	f := []string{
		"--innodb-buffer-pool-size=64M",
		"--server-id=" + strconv.Itoa(serverID),
		"--log-bin=mysql-bin",
		"--relay-log=relay-bin",
		"--binlog-format=ROW",
		"--log-slave-updates",
		"--gtid-strict-mode=ON",
		sessionTrack,
	}
	if semiSync {
		f = append(f, "--rpl-semi-sync-slave-enabled=ON", "--rpl-semi-sync-master-timeout=2000")
	}
	if readOnly {
		f = append(f, "--read-only=1")
	}
	return f
}

// StartReplicaSet starts a primary and opts.Replicas replicas (opts may be
// nil) and returns once every replica has applied the primary's users and
// test database. mariadb-install-db runs once and its datadir is copied to
// every node (parallel installs collide). ctx bounds the start; on failure
// every process started is stopped and every directory removed. It takes
// about 1.5 s for three nodes.
func StartReplicaSet(ctx context.Context, opts *ReplicaSetOptions) (*ReplicaSet, error) {
	var o ReplicaSetOptions
	if opts != nil {
		o = *opts
	}
	o.Options = o.Options.withDefaults()
	if o.Replicas <= 0 {
		o.Replicas = 2
	}
	bins, err := findBinaries(o.Options)
	if err != nil {
		return nil, err
	}
	sweepStale()
	nodes, err := newNodes(o.Replicas+1, o.Options, bins)
	if err != nil {
		return nil, err
	}
	rs := &ReplicaSet{
		App:      appUser,
		Repl:     User{Name: "repl", Password: "repl-pw", Plugin: "mysql_native_password"},
		SemiSync: o.SemiSync,
		nodes:    nodes,
		primary:  nodes[0],
		replicas: make(map[*Server]bool),
	}
	if err := rs.setUp(ctx); err != nil {
		_ = rs.Close()
		return nil, err
	}
	return rs, nil
}

func (rs *ReplicaSet) setUp(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, rs.nodes[0].opts.StartTimeout)
	defer cancel()
	p := rs.nodes[0]
	if err := p.installDB(ctx); err != nil {
		return err
	}
	for _, r := range rs.nodes[1:] {
		if err := copyDir(ctx, p.dataDir(), r.dataDir()); err != nil {
			return err
		}
	}
	errs := make([]error, len(rs.nodes))
	var wg sync.WaitGroup
	for i, n := range rs.nodes {
		n.setNodeFlags(replicationFlags(i+1, i > 0, rs.SemiSync))
		wg.Go(func() { errs[i] = n.launchOnFreePort(ctx) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return fmt.Errorf("mysqltest: replica set node %d: %w", i+1, err)
		}
	}
	// Replicas start from the primary's first binlog event, so they get the
	// repl account and everything created after it.
	sql := fmt.Sprintf("CREATE USER '%s'@'127.0.0.1' IDENTIFIED BY '%s'; GRANT REPLICATION SLAVE ON *.* TO '%s'@'127.0.0.1'",
		rs.Repl.Name, rs.Repl.Password, rs.Repl.Name)
	if err := p.Exec(ctx, sql); err != nil {
		return err
	}
	for _, r := range rs.nodes[1:] {
		if err := r.Exec(ctx, rs.changeMaster(p, "slave_pos")+"; START SLAVE"); err != nil {
			return err
		}
		rs.replicas[r] = true
	}
	if err := p.createAppUser(ctx); err != nil {
		return err
	}
	if rs.SemiSync {
		if err := rs.enableSemiSync(ctx, p, len(rs.nodes)-1); err != nil {
			return err
		}
	}
	if err := rs.WaitReplicated(ctx); err != nil {
		return err
	}
	for _, n := range rs.nodes {
		n.copyUsers(p)
		v, err := n.QueryValue(ctx, "SELECT VERSION()")
		if err != nil {
			return err
		}
		n.Version = v
	}
	return nil
}

// NewReplicaSet starts a replica set for one test and closes it when the
// test ends. It fails the test when the set cannot be started.
func NewReplicaSet(t testing.TB, opts *ReplicaSetOptions) *ReplicaSet {
	t.Helper()
	rs, err := StartReplicaSet(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := rs.Close(); err != nil {
			t.Errorf("mysqltest: closing the replica set: %v", err)
		}
	})
	return rs
}

// changeMaster is the CHANGE MASTER statement that points a node at p.
func (rs *ReplicaSet) changeMaster(p *Server, useGTID string) string {
	return fmt.Sprintf("CHANGE MASTER TO MASTER_HOST='%s', MASTER_PORT=%d, MASTER_USER='%s', MASTER_PASSWORD='%s', "+
		"MASTER_USE_GTID=%s, MASTER_CONNECT_RETRY=1", p.Host, p.Port, rs.Repl.Name, rs.Repl.Password, useGTID)
}

// enableSemiSync turns the semi-sync master on once clients replicas are
// attached: on earlier, each commit would wait the full timeout.
func (rs *ReplicaSet) enableSemiSync(ctx context.Context, p *Server, clients int) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	err := poll(ctx, 20*time.Millisecond, func() (bool, string, error) {
		rows, err := p.Query(ctx, "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients'")
		if err != nil || len(rows) != 1 || len(rows[0]) != 2 {
			return false, fmt.Sprint(rows, err), nil
		}
		n, _ := strconv.Atoi(rows[0][1])
		return n >= clients, "Rpl_semi_sync_master_clients = " + rows[0][1], nil
	})
	if err != nil {
		return fmt.Errorf("mysqltest: waiting for %d semi-sync replicas on %s: %w", clients, nodeName(rs.nodes, p), err)
	}
	return p.Exec(ctx, "SET GLOBAL rpl_semi_sync_master_enabled=ON")
}

// Nodes returns every node in start order (the first was the first
// primary), whatever its role and state.
func (rs *ReplicaSet) Nodes() []*Server { return slices.Clone(rs.nodes) }

// Primary returns the current primary.
func (rs *ReplicaSet) Primary() *Server {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.primary
}

// Replicas returns the nodes that replicate from the current primary, in
// start order, running or not. A primary replaced by Promote while it was
// down, and a replica that was down during Promote, are not among them until
// Rejoin.
func (rs *ReplicaSet) Replicas() []*Server {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var out []*Server
	for _, n := range rs.nodes {
		if rs.replicas[n] {
			out = append(out, n)
		}
	}
	return out
}

func (rs *ReplicaSet) requireReplica(s *Server) error {
	rs.mu.Lock()
	ok := rs.replicas[s]
	rs.mu.Unlock()
	if !ok {
		return fmt.Errorf("mysqltest: %s is not a replica of the current primary", nodeName(rs.nodes, s))
	}
	return nil
}

// WaitReplicated waits until each of the given replicas (none: every
// running replica) has applied everything in the primary's binlog
// (@@gtid_binlog_pos when called), by MASTER_GTID_WAIT on the replica. A
// replica whose SQL thread is stopped, or that lags by MASTER_DELAY, makes
// it wait that long; ctx bounds the wait, and its error says how far each
// late replica got.
func (rs *ReplicaSet) WaitReplicated(ctx context.Context, replicas ...*Server) error {
	p := rs.Primary()
	pos, err := p.QueryValue(ctx, "SELECT @@gtid_binlog_pos")
	if err != nil {
		return err
	}
	if len(replicas) == 0 {
		for _, r := range rs.Replicas() {
			if r.Running() {
				replicas = append(replicas, r)
			}
		}
	}
	for _, r := range replicas {
		if err := rs.requireReplica(r); err != nil {
			return err
		}
		if err := rs.waitGTID(ctx, r, pos); err != nil {
			return err
		}
	}
	return nil
}

// waitGTID waits until r has applied pos; MASTER_GTID_WAIT waits on the
// replica's gtid_slave_pos, so it must never run on the primary.
func (rs *ReplicaSet) waitGTID(ctx context.Context, r *Server, pos string) error {
	if pos == "" {
		return nil
	}
	err := poll(ctx, time.Millisecond, func() (bool, string, error) {
		v, err := r.QueryValue(ctx, "SELECT MASTER_GTID_WAIT('"+pos+"', 0.5)")
		if err != nil {
			if ctx.Err() != nil {
				return false, err.Error(), nil
			}
			return false, "", err
		}
		return v == "0", "MASTER_GTID_WAIT returned " + v, nil
	})
	if err != nil {
		got, _ := r.QueryValue(context.Background(), "SELECT @@gtid_slave_pos")
		return fmt.Errorf("mysqltest: %s has not applied %s (gtid_slave_pos %q): %w", nodeName(rs.nodes, r), pos, got, err)
	}
	return nil
}

// SetDelay makes replica apply each event d after the primary committed it
// (CHANGE MASTER TO MASTER_DELAY, whole seconds, rounded up; 0 ends the
// delay). Replication stops and starts again around the change.
func (rs *ReplicaSet) SetDelay(ctx context.Context, replica *Server, d time.Duration) error {
	if err := rs.requireReplica(replica); err != nil {
		return err
	}
	n := int(math.Ceil(d.Seconds()))
	return replica.Exec(ctx, "STOP SLAVE; CHANGE MASTER TO MASTER_DELAY="+strconv.Itoa(n)+"; START SLAVE")
}

// StopSQLThread stops the replica's SQL thread: it goes on receiving events
// (and acknowledging them under semi-sync) but applies none, so reads there
// go stale and MASTER_GTID_WAIT times out.
func (rs *ReplicaSet) StopSQLThread(ctx context.Context, replica *Server) error {
	if err := rs.requireReplica(replica); err != nil {
		return err
	}
	return replica.Exec(ctx, "STOP SLAVE SQL_THREAD")
}

// StartSQLThread starts the replica's SQL thread again.
func (rs *ReplicaSet) StartSQLThread(ctx context.Context, replica *Server) error {
	if err := rs.requireReplica(replica); err != nil {
		return err
	}
	return replica.Exec(ctx, "START SLAVE SQL_THREAD")
}

// Promote makes replica the primary: on it STOP SLAVE, RESET SLAVE ALL and
// read_only off (and the semi-sync master on, with SemiSync); every other
// running replica then replicates from it (MASTER_USE_GTID=slave_pos).
//
// When the old primary is down (killed, say), that is a failover: what it
// had not sent is lost, and it comes back with Rejoin. When it still runs,
// Promote first sets it read-only, waits until replica has applied all it
// wrote, and makes it a replica of the new primary: a switchover that loses
// nothing (root sessions bypass read_only: write as App). A replica that is
// down during Promote keeps pointing at the old primary and leaves
// Replicas() until Rejoin.
func (rs *ReplicaSet) Promote(ctx context.Context, replica *Server) error {
	if err := rs.requireReplica(replica); err != nil {
		return err
	}
	old := rs.Primary()
	switchover := old.Running()
	if switchover {
		if err := old.Exec(ctx, "SET GLOBAL read_only=1; SET GLOBAL rpl_semi_sync_master_enabled=OFF"); err != nil {
			return err
		}
		pos, err := old.QueryValue(ctx, "SELECT @@gtid_binlog_pos")
		if err != nil {
			return err
		}
		if err := rs.waitGTID(ctx, replica, pos); err != nil {
			return err
		}
	}
	if err := replica.Exec(ctx, "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=0"); err != nil {
		return err
	}
	replica.setNodeFlag("read-only", "")
	rs.mu.Lock()
	rs.primary = replica
	delete(rs.replicas, replica)
	var others []*Server
	for _, n := range rs.nodes {
		if !rs.replicas[n] {
			continue
		}
		if n.Running() {
			others = append(others, n)
		} else {
			delete(rs.replicas, n)
		}
	}
	rs.mu.Unlock()
	for _, r := range others {
		if err := r.Exec(ctx, "STOP SLAVE; "+rs.changeMaster(replica, "slave_pos")+"; START SLAVE"); err != nil {
			return err
		}
	}
	if switchover {
		if err := rs.follow(ctx, old); err != nil {
			return err
		}
		others = append(others, old)
	}
	if rs.SemiSync && len(others) > 0 {
		return rs.enableSemiSync(ctx, replica, len(others))
	}
	return nil
}

// Rejoin makes node, a former primary or a replica left out by Promote, a
// replica of the current primary: it starts node if it is down (read-only),
// then points it at the primary with MASTER_USE_GTID=current_pos (its own
// binlog position, which a former primary needs). It does not wait for node
// to catch up: call WaitReplicated. Transactions the old primary committed
// but never sent make the primary refuse it (error 1236 under
// gtid_strict_mode), as in production.
func (rs *ReplicaSet) Rejoin(ctx context.Context, node *Server) error {
	if node == rs.Primary() {
		return fmt.Errorf("mysqltest: %s is the primary", nodeName(rs.nodes, node))
	}
	node.setNodeFlag("read-only", "1")
	if !node.Running() {
		if err := node.Restart(ctx); err != nil {
			return err
		}
	}
	return rs.follow(ctx, node)
}

// follow makes the running node a read-only replica of the current primary.
func (rs *ReplicaSet) follow(ctx context.Context, node *Server) error {
	node.setNodeFlag("read-only", "1")
	p := rs.Primary()
	sql := "SET GLOBAL read_only=1; SET GLOBAL rpl_semi_sync_master_enabled=OFF; STOP SLAVE; " +
		rs.changeMaster(p, "current_pos") + "; START SLAVE"
	if err := node.Exec(ctx, sql); err != nil {
		return err
	}
	rs.mu.Lock()
	rs.replicas[node] = true
	rs.mu.Unlock()
	return nil
}

// Close kills every node (SIGKILL, all at once: their data goes, so a
// graceful stop would only take time) and removes their directories. It is
// safe to call more than once.
func (rs *ReplicaSet) Close() error { return closeAll(rs.nodes) }
