package mysqltest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrNoGalera is returned (wrapped) when the Galera provider library or the
// rsync its state transfers use is missing.
var ErrNoGalera = errors.New("mysqltest: Galera needs libgalera_smm.so and rsync; " +
	"install Debian's galera-4 and rsync packages (apt-get install galera-4 rsync)")

// GaleraOptions configures a Galera cluster. The zero value (or nil) is
// ready to use: three nodes.
type GaleraOptions struct {
	// Options apply to every node. IgnoreEnv does not matter: a cluster is
	// always private, whatever AIOMYSQL_TEST_DSN says.
	Options

	// Nodes is the number of nodes. Default: 3.
	Nodes int

	// Provider is the Galera library. Default: libgalera_smm.so in
	// /usr/lib/galera, /usr/lib64/galera-4 or /usr/lib64/galera.
	Provider string

	// SuspectTimeout is how long a silent node takes to be suspected
	// (evs.suspect_timeout; evs.inactive_timeout is twice it), set once the
	// cluster has formed: the loss of a node stalls the others about that
	// long, plus a fraction of a second. Galera's default is 5 s; at 1 s,
	// on a machine loaded by other tests, survivors suspected each other and
	// lost the primary component. Default: 2 s.
	SuspectTimeout time.Duration
}

// Galera is a Galera cluster of private [Server] nodes on loopback (so DSN,
// Addr, Exec, Query, Kill, Stop and Restart work on every node). Its group
// communication timeouts are shortened (GaleraOptions.SuspectTimeout) so
// that the loss of a node stalls the others 2–4 s (measured here) rather
// than 6. A Galera is safe for concurrent use.
type Galera struct {
	// App is the application account (on every node): all privileges on
	// the test database and no global ones.
	App User

	nodes []*Server
	evs   string // the SET statement of the EVS timeouts

	mu    sync.Mutex
	tuned map[*Server]int // the process id each node's EVS tuning was set on
}

// GaleraStatus is a node's view of the cluster (its wsrep status variables).
type GaleraStatus struct {
	// State is wsrep_local_state_comment: "Synced", "Joining",
	// "Donor/Desynced", "Initialized" (no primary component)...
	State string
	// ClusterSize is wsrep_cluster_size.
	ClusterSize int
	// ClusterStatus is wsrep_cluster_status: "Primary", "non-Primary" or
	// "Disconnected".
	ClusterStatus string
	// Ready is wsrep_ready: whether the node accepts queries (without it,
	// statements fail with error 1047).
	Ready bool
}

// Synced reports whether the node is Synced in a primary component.
func (st GaleraStatus) Synced() bool { return st.State == "Synced" && st.ClusterStatus == "Primary" }

// String returns the status as "Synced, Primary, size 3, ready true".
func (st GaleraStatus) String() string {
	return fmt.Sprintf("%s, %s, size %d, ready %v", st.State, st.ClusterStatus, st.ClusterSize, st.Ready)
}

// evsTuning shortens the group communication timeouts. Set at start-up it
// slows the cluster's formation, so it is set at run time once formed (and
// on each node that restarts).
func evsTuning(suspect time.Duration) string {
	ms := suspect.Milliseconds()
	return fmt.Sprintf("SET GLOBAL wsrep_provider_options='evs.suspect_timeout=PT%d.%03dS;evs.inactive_timeout=PT%d.%03dS;evs.keepalive_period=PT0.2S'",
		ms/1000, ms%1000, 2*ms/1000, 2*ms%1000)
}

func findProvider(o GaleraOptions) (string, error) {
	if o.Provider != "" {
		if !fileExists(o.Provider) {
			return "", fmt.Errorf("%w (GaleraOptions.Provider %q does not exist)", ErrNoGalera, o.Provider)
		}
		return o.Provider, nil
	}
	for _, d := range []string{"/usr/lib/galera", "/usr/lib64/galera-4", "/usr/lib64/galera", "/usr/lib/galera-4"} {
		if p := filepath.Join(d, "libgalera_smm.so"); fileExists(p) {
			return p, nil
		}
	}
	return "", ErrNoGalera
}

// StartGalera starts a cluster of opts.Nodes nodes (opts may be nil) and
// returns once every node is Synced in it. Only the first node is installed;
// it bootstraps the cluster, gets the users, stops, and its datadir is
// copied to the others, which then join one after the other (joining at
// once is slower) with an incremental state transfer. Run as root, the nodes run as the system user mysql (rsync state
// transfers fail as root), so their directories are made reachable to it.
// ctx bounds the start; on failure every process started is stopped and
// every directory removed. Three nodes take about 10 s.
func StartGalera(ctx context.Context, opts *GaleraOptions) (*Galera, error) {
	var o GaleraOptions
	if opts != nil {
		o = *opts
	}
	o.Options = o.Options.withDefaults()
	if o.Nodes <= 0 {
		o.Nodes = 3
	}
	if o.SuspectTimeout <= 0 {
		o.SuspectTimeout = 2 * time.Second
	}
	provider, err := findProvider(o)
	if err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("rsync"); err != nil {
		return nil, fmt.Errorf("%w (rsync is missing)", ErrNoGalera)
	}
	bins, err := findBinaries(o.Options)
	if err != nil {
		return nil, err
	}
	sweepStale()
	nodes, err := newNodes(o.Nodes, o.Options, bins)
	if err != nil {
		return nil, err
	}
	g := &Galera{App: appUser, nodes: nodes, evs: evsTuning(o.SuspectTimeout), tuned: make(map[*Server]int)}
	if err := g.setUp(ctx, provider); err != nil {
		_ = g.Close()
		return nil, err
	}
	return g, nil
}

func (g *Galera) setUp(ctx context.Context, provider string) error {
	ctx, cancel := context.WithTimeout(ctx, g.nodes[0].opts.StartTimeout)
	defer cancel()
	if err := g.prepareDirs(); err != nil {
		return err
	}
	if err := g.setFlags(provider); err != nil {
		return err
	}
	first := g.nodes[0]
	if err := first.installDB(ctx); err != nil {
		return err
	}
	if err := g.bootstrapFirst(ctx, true); err != nil {
		return err
	}
	if err := first.createAppUser(ctx); err != nil {
		return err
	}
	if len(g.nodes) > 1 {
		// A joiner with a copy of node 1's stopped state (datadir,
		// grastate.dat, gcache) needs only an incremental transfer of the
		// configuration changes since, not a full rsync one of the whole
		// datadir: copy node 1 once it has stopped cleanly, and bootstrap
		// it again.
		if err := first.Stop(); err != nil {
			return err
		}
		for _, s := range g.nodes[1:] {
			if err := os.Remove(s.dataDir()); err != nil {
				return fmt.Errorf("mysqltest: %w", err)
			}
			if err := copyDir(ctx, first.dataDir(), s.dataDir()); err != nil {
				return err
			}
		}
		if err := g.bootstrapFirst(ctx, false); err != nil {
			return err
		}
	}
	// One after the other: joining at once is slower (views without a
	// primary component, reconnections).
	for i, s := range g.nodes[1:] {
		if err := s.launchOnFreePort(ctx); err != nil {
			return fmt.Errorf("mysqltest: Galera node %d: %w", i+2, err)
		}
		if err := g.waitNodes(ctx, g.nodes[:i+2], i+2); err != nil {
			return err
		}
	}
	if err := g.tune(ctx, g.nodes); err != nil {
		return err
	}
	for _, s := range g.nodes {
		s.copyUsers(first)
		v, err := s.QueryValue(ctx, "SELECT VERSION()")
		if err != nil {
			return err
		}
		s.Version = v
	}
	return nil
}

// prepareDirs makes the (empty) datadirs; run as root, it hands every
// node's directory to the system user mysql, which the nodes run as.
func (g *Galera) prepareDirs() error {
	uid, gid := -1, -1
	if os.Geteuid() == 0 {
		u, err := user.Lookup("mysql")
		if err != nil {
			return fmt.Errorf("mysqltest: Galera nodes run as the system user mysql: %w", err)
		}
		uid, _ = strconv.Atoi(u.Uid)
		gid, _ = strconv.Atoi(u.Gid)
	}
	for _, s := range g.nodes {
		if err := os.Mkdir(s.dataDir(), 0o750); err != nil {
			return fmt.Errorf("mysqltest: %w", err)
		}
		if uid < 0 {
			continue
		}
		s.runAs = &osUser{name: "mysql", uid: uint32(uid), gid: uint32(gid)}
		if err := makeTraversable(s.Dir, uid, gid); err != nil {
			return fmt.Errorf("mysqltest: making %s reachable to mysql: %w", s.Dir, err)
		}
	}
	return nil
}

// setFlags gives each node its wsrep flags, with free ports for group
// communication, incremental and full state transfer.
func (g *Galera) setFlags(provider string) error {
	n := len(g.nodes)
	ports, err := freePorts(3 * n)
	if err != nil {
		return err
	}
	var members []string
	for i := range n {
		members = append(members, "127.0.0.1:"+strconv.Itoa(ports[3*i]))
	}
	for i, s := range g.nodes {
		gm, ist, sst := ports[3*i], ports[3*i+1], ports[3*i+2]
		s.setNodeFlags([]string{
			"--innodb-buffer-pool-size=64M",
			"--binlog-format=ROW",
			"--innodb-autoinc-lock-mode=2",
			"--wsrep-on=ON",
			"--wsrep-provider=" + provider,
			"--wsrep-cluster-name=mysqltest",
			"--wsrep-cluster-address=gcomm://" + strings.Join(members, ","),
			"--wsrep-node-name=node" + strconv.Itoa(i+1),
			"--wsrep-node-address=127.0.0.1:" + strconv.Itoa(gm),
			fmt.Sprintf("--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:%d;ist.recv_addr=127.0.0.1:%d;gcache.size=32M", gm, ist),
			"--wsrep-sst-receive-address=127.0.0.1:" + strconv.Itoa(sst),
			"--wsrep-sst-method=rsync",
			sessionTrack,
		})
	}
	return nil
}

// bootstrapFirst starts node 1 with --wsrep-new-cluster (on a free port the
// first time, on its port again after) and waits until it is Synced alone.
// Later restarts join the cluster: the flag is for these starts only.
func (g *Galera) bootstrapFirst(ctx context.Context, freshPort bool) error {
	first := g.nodes[0]
	first.setNodeFlag("wsrep-new-cluster", "-")
	var err error
	if freshPort {
		err = first.launchOnFreePort(ctx)
	} else {
		err = first.launch(ctx)
	}
	first.setNodeFlag("wsrep-new-cluster", "")
	if err != nil {
		return fmt.Errorf("mysqltest: Galera node 1: %w", err)
	}
	return g.waitNodes(ctx, g.nodes[:1], 1)
}

// NewGalera starts a Galera cluster for one test and closes it when the test
// ends. It fails the test when the cluster cannot be started.
func NewGalera(t testing.TB, opts *GaleraOptions) *Galera {
	t.Helper()
	g, err := StartGalera(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := g.Close(); err != nil {
			t.Errorf("mysqltest: closing the Galera cluster: %v", err)
		}
	})
	return g
}

// Nodes returns the nodes in start order (the first bootstrapped the
// cluster), running or not.
func (g *Galera) Nodes() []*Server { return slices.Clone(g.nodes) }

// Status returns node's wsrep status. It works on a node outside the
// primary component too (SHOW STATUS is always allowed).
func (g *Galera) Status(ctx context.Context, node *Server) (GaleraStatus, error) {
	rows, err := node.Query(ctx, "SHOW GLOBAL STATUS WHERE Variable_name IN "+
		"('wsrep_local_state_comment', 'wsrep_cluster_size', 'wsrep_cluster_status', 'wsrep_ready')")
	if err != nil {
		return GaleraStatus{}, err
	}
	var st GaleraStatus
	for _, r := range rows {
		if len(r) != 2 {
			continue
		}
		switch strings.ToLower(r[0]) {
		case "wsrep_local_state_comment":
			st.State = r[1]
		case "wsrep_cluster_size":
			st.ClusterSize, _ = strconv.Atoi(r[1])
		case "wsrep_cluster_status":
			st.ClusterStatus = r[1]
		case "wsrep_ready":
			st.Ready = r[1] == "ON"
		}
	}
	return st, nil
}

// WaitSynced waits until every running node is Synced in a primary
// component of size nodes: after a Kill, the survivors see the smaller size
// after 2–4 s. It then sets the shortened timeouts on each node started
// since they were last set (a node restarted with [Server.Restart], say, to
// watch it answer 1047 while it joins). ctx bounds the wait; its error gives
// each node's status.
func (g *Galera) WaitSynced(ctx context.Context, size int) error {
	var running []*Server
	for _, s := range g.nodes {
		if s.Running() {
			running = append(running, s)
		}
	}
	if err := g.waitNodes(ctx, running, size); err != nil {
		return err
	}
	return g.tune(ctx, running)
}

// tune sets the shortened EVS timeouts on the nodes not yet tuned since
// their last start.
func (g *Galera) tune(ctx context.Context, nodes []*Server) error {
	for _, s := range nodes {
		pid := s.PID()
		g.mu.Lock()
		done := g.tuned[s] == pid
		g.mu.Unlock()
		if done || pid == 0 {
			continue
		}
		if err := s.Exec(ctx, g.evs); err != nil {
			return err
		}
		g.mu.Lock()
		g.tuned[s] = pid
		g.mu.Unlock()
	}
	return nil
}

func (g *Galera) waitNodes(ctx context.Context, nodes []*Server, size int) error {
	err := poll(ctx, 50*time.Millisecond, func() (bool, string, error) {
		var states []string
		done := true
		for _, s := range nodes {
			st, err := g.Status(ctx, s)
			if err != nil {
				states = append(states, nodeName(g.nodes, s)+": "+err.Error())
				done = false
				continue
			}
			states = append(states, nodeName(g.nodes, s)+": "+st.String())
			done = done && st.Synced() && st.ClusterSize == size
		}
		return done, strings.Join(states, "; "), nil
	})
	if err != nil {
		return fmt.Errorf("mysqltest: waiting for %d Synced Galera nodes: %w", size, err)
	}
	return nil
}

// Restart restarts node (stopping it first if it runs) and waits until it
// has rejoined the cluster and every running node is Synced in it. A node
// that was killed first recovers its position from InnoDB (mariadbd
// --wsrep-recover, as galera_recovery does for systemd), so it too needs only
// an incremental transfer: about 4 s here, while [Server.Restart] alone
// makes it take a full rsync one, and the others may stall meanwhile. It
// waits for every running node, so a node outside the primary component
// (after a quorum loss: Bootstrap it first) makes it wait until ctx ends.
// It cannot bring a cluster back whose nodes are all down.
func (g *Galera) Restart(ctx context.Context, node *Server) error {
	if err := node.Stop(); err != nil && !errors.Is(err, ErrNotRunning) {
		return err
	}
	if pos := recoverPosition(ctx, node); pos != "" {
		node.setNodeFlag("wsrep-start-position", pos)
		defer node.setNodeFlag("wsrep-start-position", "")
	}
	if err := node.launch(ctx); err != nil {
		return err
	}
	running := 0
	for _, s := range g.nodes {
		if s.Running() {
			running++
		}
	}
	return g.WaitSynced(ctx, running)
}

// recoverPosition returns the wsrep position ("uuid:seqno") of a node that
// did not stop cleanly (grastate.dat says seqno -1), as InnoDB recovery finds
// it; "" when the node stopped cleanly or recovery tells nothing (then the
// node gets a full state transfer).
func recoverPosition(ctx context.Context, node *Server) string {
	state, err := os.ReadFile(filepath.Join(node.dataDir(), "grastate.dat"))
	if err != nil || !strings.Contains(string(state), "seqno:   -1") {
		return ""
	}
	log := filepath.Join(node.Dir, "recover.log")
	args := append(node.serverArgs(), "--wsrep-recover", "--log-error="+log)
	cmd := exec.CommandContext(ctx, node.bins.server, args...)
	cmd.Dir = node.Dir
	cmd.SysProcAttr = node.procAttr()
	if err := cmd.Run(); err != nil {
		return ""
	}
	b, _ := os.ReadFile(log)
	_ = os.Remove(log)
	const marker = "WSREP: Recovered position: "
	i := strings.LastIndex(string(b), marker)
	if i < 0 {
		return ""
	}
	pos, _, _ := strings.Cut(string(b[i+len(marker):]), "\n")
	pos = strings.TrimSpace(pos)
	if strings.HasSuffix(pos, ":-1") || strings.HasPrefix(pos, "00000000-0000-0000-0000-000000000000") {
		return ""
	}
	return pos
}

// Bootstrap makes node's component the primary one (pc.bootstrap=YES), as
// after a quorum loss when the other nodes are gone, and waits until node is
// Primary and accepts writes again.
func (g *Galera) Bootstrap(ctx context.Context, node *Server) error {
	if err := node.Exec(ctx, "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'"); err != nil {
		return err
	}
	err := poll(ctx, 20*time.Millisecond, func() (bool, string, error) {
		st, err := g.Status(ctx, node)
		if err != nil {
			return false, err.Error(), nil
		}
		return st.Synced() && st.Ready, st.String(), nil
	})
	if err != nil {
		return fmt.Errorf("mysqltest: bootstrapping %s: %w", nodeName(g.nodes, node), err)
	}
	return nil
}

// Close kills every node (SIGKILL, all at once: their data goes, so a
// graceful stop would only take time) and removes their directories. It is
// safe to call more than once.
func (g *Galera) Close() error { return closeAll(g.nodes) }
