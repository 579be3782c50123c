package aiomysql_test

import (
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
)

// deadlineCounter counts deadline syscalls on a connection.
type deadlineCounter struct {
	net.Conn
	n *atomic.Int64
}

func (d deadlineCounter) SetDeadline(t time.Time) error {
	d.n.Add(1)
	return d.Conn.SetDeadline(t)
}

func (d deadlineCounter) SetReadDeadline(t time.Time) error {
	d.n.Add(1)
	return d.Conn.SetReadDeadline(t)
}

func (d deadlineCounter) SetWriteDeadline(t time.Time) error {
	d.n.Add(1)
	return d.Conn.SetWriteDeadline(t)
}

func TestNoDeadlineSyscallsWithoutDeadlines(t *testing.T) {
	var n atomic.Int64
	cfg := plainConfig(t)
	cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return deadlineCounter{c, &n}, nil
	}
	cfg.ConnectTimeout = 0
	c, err := aiomysql.Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before := n.Load()
	for i := range 100 {
		var v int
		if err := c.QueryRow(context.Background(), "SELECT ?", i).Scan(&v); err != nil || v != i {
			t.Fatal(v, err)
		}
	}
	if got := n.Load() - before; got != 0 {
		t.Errorf("%d deadline syscalls for 100 queries without a deadline or timeout", got)
	}
	// With a cancellable context but no deadline: still none.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	before = n.Load()
	if _, err := c.Exec(ctx, "DO 1"); err != nil {
		t.Fatal(err)
	}
	if got := n.Load() - before; got != 0 {
		t.Errorf("%d deadline syscalls for a query with a cancellable context", got)
	}
}

func TestReadTimeout(t *testing.T) {
	cfg := plainConfig(t)
	cfg.ReadTimeout = 100 * time.Millisecond
	c := connectT(t, cfg)
	start := time.Now()
	_, err := c.Exec(context.Background(), "SELECT SLEEP(2)")
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned after %v with a 100ms read timeout", d)
	}
	if !aiomysql.Timeout(err) {
		t.Errorf("Exec = %v, want a timeout", err)
	}
	if !c.IsClosed() {
		t.Error("a connection whose read timed out is still open")
	}
}
