package aiomysql

import (
	"errors"

	"github.com/aiomysql-go/aiomysql/errcode"
	"github.com/aiomysql-go/aiomysql/internal/dsn"
)

// HostOrder is the order in which Connect tries the servers of
// Config.Hosts.
type HostOrder int

const (
	// HostsInOrder tries the servers as listed (DSN hostOrder=in-order).
	HostsInOrder HostOrder = iota
	// HostsRandom shuffles the list for each connection, spreading
	// connections over the servers (DSN hostOrder=random).
	HostsRandom
)

// String returns the order's DSN name: "in-order" or "random".
func (o HostOrder) String() string { return dsn.HostOrder(o).String() }

// TargetRole is which servers a connection may end on, told after
// connecting by the server's read_only state: a primary is writable, a
// replica is read-only.
type TargetRole int

const (
	// RoleAny takes the first server that accepts the connection (DSN
	// targetRole=any).
	RoleAny TargetRole = iota
	// RolePrimary takes the first writable server (read_only off): after a
	// failover, the promoted one (DSN targetRole=primary).
	RolePrimary
	// RoleReplica takes the first read-only server (DSN targetRole=replica).
	RoleReplica
	// RolePreferReplica takes the first read-only server, or when none
	// answers, the first writable one (DSN targetRole=prefer-replica).
	RolePreferReplica
)

// String returns the role's DSN name: "any", "primary", "replica" or
// "prefer-replica".
func (r TargetRole) String() string { return dsn.TargetRole(r).String() }

// ErrTargetRole is matched by errors.Is when a server answered but is not
// of Config.TargetRole (a read-only server for RolePrimary, a writable one
// for RoleReplica); with several hosts, when none was.
var ErrTargetRole = errors.New("aiomysql: the server is not of the target role")

// readOnlyRefusal reports whether a server error number says the server is
// read-only: ER_OPTION_PREVENTS_STATEMENT (1290, read_only),
// ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION (1792), ER_READ_ONLY_MODE (1836).
func readOnlyRefusal(n uint16) bool {
	switch n {
	case errcode.OptionPreventsStatement, errcode.CantExecuteInReadOnlyTransaction, errcode.ReadOnlyMode:
		return true
	}
	return false
}
