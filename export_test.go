package aiomysql

import (
	"context"

	"github.com/aiomysql-go/aiomysql/internal/protocol"
)

// KillStats counts what cancellation did on a connection.
type KillStats = protocol.KillStats

// KillStatsForTest returns the connection's cancellation counters.
func (c *Conn) KillStatsForTest() KillStats { return c.pc.KillStats() }

// ExecForTest runs a statement through the protocol layer and returns its
// affected rows.
func ExecForTest(ctx context.Context, c *Conn, q string) (int64, error) {
	ok, err := c.pc.ExecText(ctx, protocol.Request{Op: "exec"}, q)
	if err != nil {
		return 0, err
	}
	return int64(ok.AffectedRows), nil
}

// QueryValueForTest returns the one value of a one-row, one-column query.
func QueryValueForTest(ctx context.Context, c *Conn, q string) (string, error) {
	return c.pc.QueryValue(ctx, q)
}

// KillErrorForTest returns the error of the last kill sent on cancellation.
func (c *Conn) KillErrorForTest() error { return c.pc.KillError() }

// SetAwaitEndedForTest makes f run each time a waiter's wait for a
// connection ends, before it leaves the queue. Set it before the pool is
// used concurrently.
func (p *Pool) SetAwaitEndedForTest(f func()) { p.awaitEnded = f }

// OpenStatementsForTest returns how many statements of Prepare the
// connection counts as open.
func (c *Conn) OpenStatementsForTest() int { return c.userStmts }
