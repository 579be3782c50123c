package dsn

import (
	"net"
	"strconv"
	"strings"
)

// HostOrder is aiomysql.HostOrder's value, the DSN's hostOrder: the order
// in which the servers of Hosts are tried.
type HostOrder int

// The orders.
const (
	HostsInOrder HostOrder = iota // as listed
	HostsRandom                   // shuffled for each connection
)

// String returns the order's DSN name: "in-order" or "random".
func (o HostOrder) String() string {
	switch o {
	case HostsInOrder:
		return "in-order"
	case HostsRandom:
		return "random"
	}
	return "HostOrder(" + strconv.Itoa(int(o)) + ")"
}

// ParseHostOrder reads a host order by its String name, in any case, with
// '-' or '_' or neither between words.
func ParseHostOrder(s string) (HostOrder, error) {
	switch normalWord(s) {
	case "inorder", "sequential":
		return HostsInOrder, nil
	case "random", "shuffle":
		return HostsRandom, nil
	}
	return HostsInOrder, &FieldError{Field: "HostOrder", Reason: "unknown host order " + QuoteShort(s) + " (want in-order or random)"}
}

// TargetRole is aiomysql.TargetRole's value, the DSN's targetRole: which
// servers a connection may end on, told by their read_only state.
type TargetRole int

// The roles.
const (
	RoleAny           TargetRole = iota // the first server that accepts
	RolePrimary                         // a writable server (read_only off)
	RoleReplica                         // a read-only server
	RolePreferReplica                   // a read-only server if one answers, else a writable one
)

// String returns the role's DSN name: "any", "primary", "replica" or
// "prefer-replica".
func (r TargetRole) String() string {
	switch r {
	case RoleAny:
		return "any"
	case RolePrimary:
		return "primary"
	case RoleReplica:
		return "replica"
	case RolePreferReplica:
		return "prefer-replica"
	}
	return "TargetRole(" + strconv.Itoa(int(r)) + ")"
}

// ParseTargetRole reads a role by its String name, in any case, with '-' or
// '_' or neither between words; pgx's target_session_attrs names
// (read-write, read-only, standby, prefer-standby) are accepted too.
func ParseTargetRole(s string) (TargetRole, error) {
	switch normalWord(s) {
	case "any":
		return RoleAny, nil
	case "primary", "readwrite":
		return RolePrimary, nil
	case "replica", "readonly", "standby":
		return RoleReplica, nil
	case "preferreplica", "preferstandby":
		return RolePreferReplica, nil
	}
	return RoleAny, &FieldError{Field: "TargetRole", Reason: "unknown target role " + QuoteShort(s) +
		" (want any, primary, replica or prefer-replica)"}
}

func normalWord(s string) string {
	return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s))
}

// HostPort is one server of a host list.
type HostPort struct {
	Host string
	Port int
}

// Addr is host:port, an IPv6 host in brackets.
func (h HostPort) Addr() string { return net.JoinHostPort(h.Host, strconv.Itoa(h.Port)) }

// ServerList returns the servers to try, in the listed order: Hosts when
// set (a port-less entry takes Port, or DefaultPort), else Host and Port.
// An entry that does not parse is left out (Validate reports it).
func (c *Settings) ServerList() []HostPort {
	if len(c.Hosts) == 0 {
		return []HostPort{{Host: c.host(), Port: c.port()}}
	}
	out := make([]HostPort, 0, len(c.Hosts))
	for _, h := range c.Hosts {
		hp, err := parseHostEntry(h, c.port())
		if err == nil {
			out = append(out, hp)
		}
	}
	return out
}

// parseHostEntry reads host, host:port, [ipv6] or [ipv6]:port; port is the
// port of an entry without one.
func parseHostEntry(entry string, port int) (HostPort, error) {
	host, p, err := splitHostPort(entry)
	if err != nil {
		return HostPort{}, err
	}
	if host == "" || !validHost(host) {
		return HostPort{}, dsnError("address: bad host in the host list")
	}
	if !hasPort(entry) {
		p = port
	}
	return HostPort{Host: host, Port: p}, nil
}

// hasPort reports whether an address entry names a port.
func hasPort(entry string) bool {
	if strings.HasPrefix(entry, "[") {
		return strings.Contains(entry, "]:")
	}
	return strings.Count(entry, ":") == 1
}

// applyHostList sets Hosts from a comma-separated address list of a DSN
// (tcp(h1:3306,h2:3306), or the URL's h1:3306,h2:3306): Host and Port
// become the first entry's, so code that reads them sees the first server.
func applyHostList(cfg *Settings, list string) error {
	var hosts []string
	for _, e := range strings.Split(list, ",") {
		hp, err := parseHostEntry(e, DefaultPort)
		if err != nil {
			return err
		}
		hosts = append(hosts, hp.Addr())
	}
	first, _ := parseHostEntry(hosts[0], DefaultPort)
	cfg.Host, cfg.Port, cfg.Hosts = first.Host, first.Port, hosts
	return nil
}

// hostListText is Hosts as a DSN writes it, each entry host:port.
func (c *Settings) hostListText() string {
	var parts []string
	for _, hp := range c.ServerList() {
		parts = append(parts, hp.Addr())
	}
	return strings.Join(parts, ",")
}
