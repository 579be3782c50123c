package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aiomysql-go/aiomysql/errcode"
)

// ClusterConfig configures a Cluster.
type ClusterConfig struct {
	// Pool is the template of the cluster's pools: its ConnConfig says how
	// to connect (user, database, TLS...) and, in Hosts, which servers make
	// the cluster (a primary and its replicas, in any order). Required.
	Pool *PoolConfig
	// MaxLag is the replication lag (Seconds_Behind_Master) past which a
	// replica is skipped for reads. Default 10 s. The lag and the SQL
	// thread's state are read with SHOW SLAVE STATUS, which needs the
	// SLAVE MONITOR privilege (MySQL: REPLICATION CLIENT); without it a
	// replica is judged by read_only alone.
	MaxLag time.Duration
	// CheckPeriod is how often the replicas' health is checked. Default 1 s.
	CheckPeriod time.Duration
	// ReadWaitTimeout bounds the wait of a read-your-writes read (a context
	// from WithReadAfter) on a replica for the write's GTID; past it, the
	// read goes to the primary. Default 1 s.
	ReadWaitTimeout time.Duration
}

// Cluster is one object over a primary and its replicas: a writer pool
// that finds the writable server among the hosts (after a failover, the
// promoted one), and a pool per host for reads, of which the healthy
// replicas are used in turn: read-only, SQL thread running, lag within
// MaxLag (or unknown, when a replica has lost its primary: it has applied
// all it got, and reads go on there through a failover). A replica that recovers is used again from the next check on.
// Reads go to the primary when no replica is healthy. A Cluster is safe
// for concurrent use; Close it when done.
type Cluster struct {
	cfg    ClusterConfig
	writer *Pool
	nodes  []*clusterNode
	next   atomic.Uint32

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// clusterNode is one host as a read target.
type clusterNode struct {
	addr    string
	pool    *Pool
	healthy atomic.Bool
	lag     atomic.Int64 // seconds, -1 when unknown
}

// CreateCluster makes the cluster's pools, checks the replicas once, and
// starts checking them every CheckPeriod. It fails when no primary can be
// connected to. The writer's connections track GTIDs (Config.TrackGTID)
// and drop a connection refused as read-only (RejectReadOnly).
func CreateCluster(ctx context.Context, cfg *ClusterConfig) (*Cluster, error) {
	if cfg == nil || cfg.Pool == nil || cfg.Pool.ConnConfig == nil {
		return nil, errors.New("aiomysql: ClusterConfig.Pool with a ConnConfig is required")
	}
	c := &Cluster{cfg: *cfg, stop: make(chan struct{}), done: make(chan struct{})}
	if c.cfg.MaxLag <= 0 {
		c.cfg.MaxLag = 10 * time.Second
	}
	if c.cfg.CheckPeriod <= 0 {
		c.cfg.CheckPeriod = time.Second
	}
	if c.cfg.ReadWaitTimeout <= 0 {
		c.cfg.ReadWaitTimeout = time.Second
	}
	wcfg := *cfg.Pool
	wcfg.ConnConfig = cfg.Pool.ConnConfig.Clone()
	wcfg.ConnConfig.TargetRole = RolePrimary
	wcfg.ConnConfig.RejectReadOnly = true
	wcfg.ConnConfig.TrackGTID = true
	writer, err := CreatePool(ctx, &wcfg)
	if err != nil {
		return nil, err
	}
	c.writer = writer
	for _, hp := range cfg.Pool.ConnConfig.settings().ServerList() {
		ncfg := *cfg.Pool
		ncfg.MinSize = 0 // a replica that is down must not fail the cluster
		ncfg.ConnConfig = cfg.Pool.ConnConfig.Clone()
		ncfg.ConnConfig.Hosts, ncfg.ConnConfig.Host, ncfg.ConnConfig.Port = nil, hp.Host, hp.Port
		ncfg.ConnConfig.TargetRole = RoleAny
		p, err := CreatePool(ctx, &ncfg)
		if err != nil {
			c.closePools()
			return nil, err
		}
		n := &clusterNode{addr: hp.Addr(), pool: p}
		n.lag.Store(-1)
		c.nodes = append(c.nodes, n)
	}
	c.checkAll(ctx)
	go c.checkLoop()
	return c, nil
}

// Writer returns the pool of the primary.
func (c *Cluster) Writer() *Pool { return c.writer }

// Reader returns the pool of the next healthy replica, in turn, or the
// writer's when no replica is healthy.
func (c *Cluster) Reader() *Pool {
	if n := c.pick(); n != nil {
		return n.pool
	}
	return c.writer
}

// pick returns the next healthy replica, or nil.
func (c *Cluster) pick() *clusterNode {
	k := len(c.nodes)
	start := int(c.next.Add(1))
	for i := range k {
		if n := c.nodes[(start+i)%k]; n.healthy.Load() {
			return n
		}
	}
	return nil
}

// Write runs fn on a connection of the primary and returns the GTID of the
// last write fn made on it (Conn.LastGTID), the token of a later
// read-your-writes read (WithReadAfter). Nothing is retried: a statement
// whose connection was lost returns ErrConnLost, and the next Write finds
// the primary anew.
func (c *Cluster) Write(ctx context.Context, fn func(PoolConn) error) (gtid string, err error) {
	err = c.writer.AcquireFunc(ctx, func(pc PoolConn) error {
		before := pc.Conn().LastGTID()
		if err := fn(pc); err != nil {
			return err
		}
		if g := pc.Conn().LastGTID(); g != before {
			gtid = g
		}
		return nil
	})
	return gtid, err
}

// Read runs fn on a connection of a healthy replica, or of the primary
// when there is none. When ctx carries a write's GTID (WithReadAfter), the
// replica first waits for it, at most ReadWaitTimeout, and the read goes
// to the primary when it did not get there; a replica is never asked to
// wait on the primary's behalf. A replica that cannot be reached is marked
// unhealthy and the next is tried.
func (c *Cluster) Read(ctx context.Context, fn func(PoolConn) error) error {
	token := ReadAfter(ctx)
	for range len(c.nodes) {
		n := c.pick()
		if n == nil {
			break
		}
		pc, err := n.pool.Acquire(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return err
			}
			n.healthy.Store(false)
			continue
		}
		if err := pc.Conn().WaitGTID(ctx, token, c.cfg.ReadWaitTimeout); err != nil {
			pc.Release()
			if errors.Is(err, ErrGTIDWaitTimeout) {
				break // the primary has it
			}
			if ctx.Err() != nil {
				return err
			}
			n.healthy.Store(false)
			continue
		}
		defer pc.Release()
		return fn(pc)
	}
	return c.writer.AcquireFunc(ctx, fn)
}

// checkLoop checks the replicas every CheckPeriod until Close.
func (c *Cluster) checkLoop() {
	defer close(c.done)
	t := time.NewTicker(c.cfg.CheckPeriod)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), c.cfg.CheckPeriod)
			c.checkAll(ctx)
			cancel()
		}
	}
}

// checkAll checks every node, one after the other.
func (c *Cluster) checkAll(ctx context.Context) {
	for _, n := range c.nodes {
		lag, err := replicaLag(ctx, n.pool)
		n.lag.Store(lag)
		// An unknown lag (the replica lost its primary, so its IO thread
		// reconnects) keeps it: it applies all it got, and reads on it go on.
		n.healthy.Store(err == nil && time.Duration(lag)*time.Second <= c.cfg.MaxLag)
	}
}

// errNotReplica says a server is not a replica that applies its primary's
// changes.
var errNotReplica = errors.New("aiomysql: not a running replica")

// replicaLag asks a server whether it is a read-only replica whose SQL
// thread runs, and returns its lag in seconds, -1 when the server does not
// know it (its IO thread is not connected).
func replicaLag(ctx context.Context, p *Pool) (int64, error) {
	var lag int64 = -1
	err := p.AcquireFunc(ctx, func(pc PoolConn) error {
		var readOnly bool
		if err := pc.QueryRow(ctx, "SELECT @@global.read_only", QueryExecModeText).Scan(&readOnly); err != nil {
			return err
		}
		if !readOnly {
			return errNotReplica
		}
		rows, err := pc.Query(ctx, "SHOW SLAVE STATUS", QueryExecModeText)
		if isServerError(err, errcode.SpecificAccessDeniedError) {
			return nil // no SLAVE MONITOR privilege: read_only is all there is to go by
		}
		if err != nil {
			return err
		}
		defer rows.Close()
		if !rows.Next() {
			return fmt.Errorf("%w: no replication configured", errNotReplica)
		}
		vals, err := rows.Values()
		if err != nil {
			return err
		}
		status := make(map[string]any, len(vals))
		for i, name := range rows.Columns() {
			status[name] = vals[i]
		}
		if s, _ := status["Slave_SQL_Running"].(string); s != "Yes" {
			return fmt.Errorf("%w: SQL thread not running", errNotReplica)
		}
		switch v := status["Seconds_Behind_Master"].(type) {
		case uint64:
			lag = int64(v)
		case int64:
			lag = v
		}
		return rows.Close()
	})
	return lag, err
}

// Close closes the cluster's pools (see Pool.Close) and stops the checks.
func (c *Cluster) Close() {
	c.once.Do(func() {
		close(c.stop)
		<-c.done
		c.closePools()
	})
}

func (c *Cluster) closePools() {
	c.writer.Close()
	for _, n := range c.nodes {
		n.pool.Close()
	}
}

// WaitClosed waits until every pool of the cluster has closed.
func (c *Cluster) WaitClosed(ctx context.Context) error {
	var errs []error
	errs = append(errs, c.writer.WaitClosed(ctx))
	for _, n := range c.nodes {
		errs = append(errs, n.pool.WaitClosed(ctx))
	}
	return errors.Join(errs...)
}
