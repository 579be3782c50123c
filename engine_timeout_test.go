package aiomysql_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
)

// t1Timeout is the read or write timeout of the T1 tests.
const t1Timeout = 300 * time.Millisecond

// t1Slack is how late past its timeout a stalled read or write may fail.
const t1Slack = 100 * time.Millisecond

// TestT1_ReadTimeoutPerRead: ReadTimeout bounds each read, not the command,
// so a slow consumer of a long stream is not cut off.
func TestT1_ReadTimeoutPerRead(t *testing.T) {
	cfg := plainConfig(t)
	cfg.ReadTimeout = t1Timeout
	c := connectT(t, cfg)
	rows, err := c.Query(testCtx(t), "SELECT seq, REPEAT('x', 100) FROM seq_1_to_50000")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	start := time.Now()
	var n, seq int64
	var pad string
	for rows.Next() {
		if err := rows.Scan(&seq, &pad); err != nil {
			t.Fatal(err)
		}
		if n++; seq != n {
			t.Fatalf("row %d holds %d", n, seq)
		}
		if n%1000 == 0 {
			time.Sleep(10 * time.Millisecond) // the scenario: a consumer that takes its time
		}
	}
	if err := rows.Err(); err != nil {
		t.Errorf("after %d rows in %v: %v", n, time.Since(start), err)
	}
	if n != 50_000 {
		t.Errorf("read %d rows, want 50000", n)
	}
	if d := time.Since(start); d <= t1Timeout {
		t.Errorf("the read took %v, not more than the timeout: the test did not test the case", d)
	}
}

// TestT1_ReadTimeoutMidResult: a server that stalls mid-result is caught
// within the read timeout of the last read that returned, with an error that
// says the statement ran and the result is incomplete.
func TestT1_ReadTimeoutMidResult(t *testing.T) {
	cfg, proxy := proxiedConfig(t)
	cfg.ReadTimeout = t1Timeout
	c := connectT(t, cfg)
	link, err := proxy.WaitLink(testCtx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	// 110 MB: far more than the socket buffers and the proxy hold, so the
	// stall is met well before the end.
	rows, err := c.Query(testCtx(t), "SELECT seq, REPEAT('x', 100) FROM seq_1_to_1000000")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	var lastOK time.Time
	for rows.Next() {
		lastOK = time.Now()
		if n++; n == 100 {
			if err := link.SetMode(faultproxy.Downstream, faultproxy.Stall()); err != nil {
				t.Fatal(err)
			}
		}
	}
	failed := time.Now()
	if n >= 1_000_000 {
		t.Fatal("every row came through the stall")
	}
	if late := failed.Sub(lastOK); late > t1Timeout+t1Slack {
		t.Errorf("the failing Next came %v after the last row, want ≤%v", late, t1Timeout+t1Slack)
	}
	err = rows.Err()
	if !aiomysql.Timeout(err) {
		t.Errorf("Err = %v, want a timeout", err)
	}
	if !errors.Is(err, aiomysql.ErrResultIncomplete) {
		t.Errorf("Err = %v, want ErrResultIncomplete (the statement ran, its result is cut short)", err)
	}
	if errors.Is(err, aiomysql.ErrConnLost) {
		t.Errorf("Err = %v wraps ErrConnLost: the statement is known to have run", err)
	}
	t.Logf("%d rows before the stall was met", n)
}

// TestT1_WriteTimeoutPerWrite: WriteTimeout bounds a write that blocks, and
// only the write: a reply slower than it is still read.
func TestT1_WriteTimeoutPerWrite(t *testing.T) {
	t.Run("blocked write", func(t *testing.T) {
		cfg, proxy := proxiedConfig(t)
		cfg.WriteTimeout = t1Timeout
		var clock writeClock
		cfg.Dialer = clock.dial
		c := connectT(t, cfg)
		link, err := proxy.WaitLink(testCtx(t), 0)
		if err != nil {
			t.Fatal(err)
		}
		if err := link.SetMode(faultproxy.Upstream, faultproxy.Stall()); err != nil {
			t.Fatal(err)
		}
		// 32 MB: more than the kernel buffers between the client and the
		// stalled proxy take.
		q := "DO '" + strings.Repeat("x", 32<<20) + "'"
		clock.arm()
		_, err = c.Exec(testCtx(t), q)
		failed := time.Now()
		if start, ok := clock.first(); !ok {
			t.Error("nothing was written")
		} else if d := failed.Sub(start); d > t1Timeout+t1Slack {
			t.Errorf("a blocked write failed %v after the write began, want ≤%v", d, t1Timeout+t1Slack)
		}
		if !aiomysql.Timeout(err) {
			t.Errorf("Exec = %v, want a timeout", err)
		}
	})
	t.Run("slow reply", func(t *testing.T) {
		cfg := plainConfig(t)
		cfg.WriteTimeout = t1Timeout
		c := connectT(t, cfg)
		var v int
		if err := c.QueryRow(testCtx(t), "SELECT SLEEP(0.6)").Scan(&v); err != nil || v != 0 {
			t.Errorf("SELECT SLEEP(0.6) with a %v write timeout = %d, %v; want 0, nil", t1Timeout, v, err)
		}
	})
}

// writeClock notes when the first connection it dialed first writes after
// arm: the start of a write, after whatever the client did to prepare it.
type writeClock struct {
	mu    sync.Mutex
	conn  net.Conn // the first connection dialed: the client's own
	armed bool
	start time.Time
}

func (w *writeClock) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	nc, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		return nc, nil
	}
	w.conn = nc
	return clockedConn{nc, w}, nil
}

func (w *writeClock) arm() {
	w.mu.Lock()
	w.armed, w.start = true, time.Time{}
	w.mu.Unlock()
}

func (w *writeClock) first() (time.Time, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.start, !w.start.IsZero()
}

type clockedConn struct {
	net.Conn
	w *writeClock
}

func (c clockedConn) Write(p []byte) (int, error) {
	c.w.mu.Lock()
	if c.w.armed && c.w.start.IsZero() {
		c.w.start = time.Now()
	}
	c.w.mu.Unlock()
	return c.Conn.Write(p)
}
