package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/aiomysql-go/aiomysql/errcode"
)

// connectHosts connects to the first server of cfg.Hosts, in cfg.HostOrder,
// that accepts and is of cfg.TargetRole; each attempt is bounded by
// ConnectTimeout, all of them by ctx. With RolePreferReplica the first
// writable server is kept while the rest are tried for a read-only one.
// When none will do, the error lists every server's.
func connectHosts(ctx context.Context, cfg *Config) (*Conn, error) {
	servers := cfg.settings().ServerList()
	if cfg.HostOrder == HostsRandom {
		rand.Shuffle(len(servers), func(i, j int) { servers[i], servers[j] = servers[j], servers[i] })
	}
	var errs []error
	var fallback *Conn
	for _, hp := range servers {
		one := cfg.Clone()
		one.Hosts, one.Host, one.Port = nil, hp.Host, hp.Port
		c, ok, err := connectAttempt(ctx, one, cfg.TargetRole, fallback == nil)
		switch {
		case err == nil && ok:
			if fallback != nil {
				_ = fallback.Close()
			}
			return c, nil
		case err == nil: // a writable server kept in case no replica answers
			fallback = c
			continue
		}
		errs = append(errs, fmt.Errorf("%s: %w", hp.Addr(), err))
		if ctx.Err() != nil {
			break
		}
	}
	if fallback != nil {
		return fallback, nil
	}
	addrs := make([]string, len(servers))
	for i, hp := range servers {
		addrs[i] = hp.Addr()
	}
	return nil, &ConnectError{Host: strings.Join(addrs, ","), User: cfg.User, Err: errors.Join(errs...)}
}

// The queries of readOnlyState: read_only and, on MariaDB with Galera on,
// whether the node takes applications' queries (wsrep_ready ON and
// wsrep_reject_queries NONE); NULL elsewhere.
const (
	roleQuery       = "SELECT @@global.read_only, NULL"
	roleQueryGalera = "SELECT @@global.read_only, IF(@@global.wsrep_on, CONCAT(" +
		"(SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_READY'), " +
		"'/', @@global.wsrep_reject_queries), NULL)"
)

// readOnlyState asks the server for read_only in one query; a Galera node
// not ready for applications (a joiner, one without quorum, one rejecting
// queries) is ErrTargetRole whatever the role.
func (c *Conn) readOnlyState(ctx context.Context) (bool, error) {
	q := roleQuery
	if c.IsMariaDB() {
		q = roleQueryGalera
	}
	var readOnly bool
	var ready any
	err := c.QueryRow(ctx, q, QueryExecModeText).Scan(&readOnly, &ready)
	if isServerError(err, errcode.UnknownSystemVariable) { // a MariaDB built without Galera
		err = c.QueryRow(ctx, roleQuery, QueryExecModeText).Scan(&readOnly, &ready)
	}
	if err != nil {
		return false, fmt.Errorf("reading the server's read_only: %w", err)
	}
	if ready != nil && fmt.Sprint(ready) != "ON/NONE" {
		return false, fmt.Errorf("%w: a Galera node not ready for applications (wsrep_ready/wsrep_reject_queries %v)", ErrTargetRole, ready)
	}
	return readOnly, nil
}

// hasRole reports whether the server is of role, asking it for read_only
// unless role is RoleAny. A writable server for RolePreferReplica is
// (false, nil) when keep is set, meaning "keep it as the fallback", and
// true when it is not (a single host, or a fallback already kept: then
// (false, ErrTargetRole) is not worth a second fallback either).
func (c *Conn) hasRole(ctx context.Context, role TargetRole, keep bool) (bool, error) {
	if role == RoleAny {
		return true, nil
	}
	readOnly, err := c.readOnlyState(ctx)
	if err != nil {
		return false, err
	}
	switch role {
	case RolePrimary:
		if !readOnly {
			return true, nil
		}
		return false, fmt.Errorf("%w: read_only is on, and a primary was asked for", ErrTargetRole)
	case RoleReplica:
		if readOnly {
			return true, nil
		}
		return false, fmt.Errorf("%w: read_only is off, and a replica was asked for", ErrTargetRole)
	}
	// RolePreferReplica.
	if readOnly {
		return true, nil
	}
	if keep {
		return false, nil
	}
	return false, fmt.Errorf("%w: read_only is off; a writable server is already kept in case no replica answers", ErrTargetRole)
}
