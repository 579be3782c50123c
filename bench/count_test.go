package bench_test

import (
	"context"
	"net"
	"sync/atomic"
)

// wireCount counts what a connection does on the wire: writes (one per
// flush of the client's pending commands) and round trips (a read that
// follows a write: the client waits for the server). A command that gets
// no reply (COM_STMT_CLOSE) is a write but no round trip of its own.
type wireCount struct {
	writes, roundTrips atomic.Int64
	wrote              atomic.Bool // the last operation was a write
}

func (w *wireCount) snapshot() (writes, roundTrips int64) {
	return w.writes.Load(), w.roundTrips.Load()
}

// dial is a Dialer (aiomysql.Config.Dialer, mysql.Config.DialFunc) whose
// connections w counts.
func (w *wireCount) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return countedConn{Conn: nc, w: w}, nil
}

type countedConn struct {
	net.Conn
	w *wireCount
}

func (c countedConn) Write(p []byte) (int, error) {
	c.w.writes.Add(1)
	c.w.wrote.Store(true)
	return c.Conn.Write(p)
}

func (c countedConn) Read(p []byte) (int, error) {
	if c.w.wrote.Swap(false) {
		c.w.roundTrips.Add(1)
	}
	return c.Conn.Read(p)
}
