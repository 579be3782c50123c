package aiomysql

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// LastGTID returns the GTID of the session's last write as the server
// reported it in that write's OK packet ("0-1-42" on MariaDB, a GTID set
// on MySQL), or "" when none was reported: Config.TrackGTID is off, the
// server logs no binary log, or nothing was written yet. It costs no round
// trip. Give it to WaitGTID on a replica, or carry it in a context with
// WithReadAfter, to read what the write wrote.
func (c *Conn) LastGTID() string { return c.pc.Session().LastGTID }

// ErrGTIDWaitTimeout is returned by WaitGTID when the replica had not
// applied the GTID when the timeout passed.
var ErrGTIDWaitTimeout = errors.New("aiomysql: the replica did not reach the GTID in time")

// WaitGTID waits until the server, a replica, has applied gtid (MariaDB's
// MASTER_GTID_WAIT, MySQL's WAIT_FOR_EXECUTED_GTID_SET), at most timeout
// (rounded to milliseconds; zero or less waits for ever, bounded by ctx).
// It returns nil once it has, ErrGTIDWaitTimeout when the time passed.
// Call it on replicas only: on MariaDB a primary waits on its replication
// position, so the wait there times out even when the GTID is its own. An
// empty gtid returns nil at once.
func (c *Conn) WaitGTID(ctx context.Context, gtid string, timeout time.Duration) error {
	if gtid == "" {
		return nil
	}
	seconds := -1.0
	if timeout > 0 {
		seconds = timeout.Round(time.Millisecond).Seconds()
	}
	q, timedOut := "SELECT MASTER_GTID_WAIT(?, ?)", int64(-1)
	if !c.IsMariaDB() {
		q, timedOut = "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)", 1
		if seconds < 0 {
			seconds = 0 // no timeout there
		}
	}
	var r int64
	if err := c.QueryRow(ctx, q, QueryExecModeText, gtid, seconds).Scan(&r); err != nil {
		return fmt.Errorf("aiomysql: waiting for GTID %s: %w", gtid, err)
	}
	if r == timedOut {
		return fmt.Errorf("%w: %s after %v", ErrGTIDWaitTimeout, gtid, timeout)
	}
	return nil
}

// readAfterKey is the context key of WithReadAfter.
type readAfterKey struct{}

// WithReadAfter returns a context that carries gtid, a write's LastGTID, as
// the token of the reads made with it: a read that honours it first waits,
// on the replica it goes to, for that write (WaitGTID). An empty gtid
// returns ctx.
func WithReadAfter(ctx context.Context, gtid string) context.Context {
	if gtid == "" {
		return ctx
	}
	return context.WithValue(ctx, readAfterKey{}, gtid)
}

// ReadAfter returns the GTID that WithReadAfter put in ctx, or "".
func ReadAfter(ctx context.Context) string {
	s, _ := ctx.Value(readAfterKey{}).(string)
	return s
}
