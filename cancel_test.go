package aiomysql_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// plainConfig is a root Config without TLS (cancellation tests reconnect a lot).
func plainConfig(t *testing.T) *aiomysql.Config {
	t.Helper()
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	return cfg
}

// threadRunning reports whether thread id is running a statement.
func threadRunning(t *testing.T, srv *mysqltest.Server, id uint32) bool {
	t.Helper()
	n, err := srv.QueryValue(context.Background(),
		"SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query' AND ID = "+strconv.FormatUint(uint64(id), 10))
	if err != nil {
		t.Fatal(err)
	}
	return n != "0"
}

// waitNotRunning waits up to limit for thread id to stop running a statement.
func waitNotRunning(t *testing.T, srv *mysqltest.Server, id uint32, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for threadRunning(t, srv, id) {
		if time.Since(start) > limit {
			t.Fatalf("thread %d still runs its statement after %v", id, limit)
		}
	}
	return time.Since(start)
}

func TestC1_CancelLongQuery(t *testing.T) {
	srv := testServer(t)
	c := connectT(t, plainConfig(t))
	ctx, cancel := context.WithCancel(context.Background())
	canceled := make(chan time.Time, 1)
	time.AfterFunc(200*time.Millisecond, func() {
		canceled <- time.Now()
		cancel()
	})
	_, err := c.Exec(ctx, "SELECT SLEEP(10)")
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Exec = %v, want an error wrapping context.Canceled", err)
	}
	if late := returned.Sub(<-canceled); late > 100*time.Millisecond {
		t.Errorf("returned %v after the cancel, want ≤100ms", late)
	}
	waitNotRunning(t, srv, c.ThreadID(), time.Second)
	if c.IsClosed() {
		t.Fatal("the connection was closed although the server answered the kill")
	}
	var one int
	if err := c.QueryRow(testCtx(t), "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("SELECT 1 after the cancel = %d, %v", one, err)
	}
}

// cancelStorm runs workers goroutines, each doing each rounds of step on its
// own connection followed by a SELECT ? that must come back right on the
// same connection (or on a fresh one when step left it closed). It returns
// the kill counters summed over every connection used, replaced ones too.
func cancelStorm(t *testing.T, workers, each int, step func(conn *aiomysql.Conn, rng *rand.Rand) error) aiomysql.KillStats {
	t.Helper()
	cfg := plainConfig(t)
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	var mu sync.Mutex
	var total aiomysql.KillStats
	count := func(c *aiomysql.Conn) {
		k := c.KillStatsForTest()
		mu.Lock()
		total.Cancels += k.Cancels
		total.Sent += k.Sent
		total.Skipped += k.Skipped
		mu.Unlock()
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 42))
			conn, err := aiomysql.Connect(context.Background(), cfg)
			if err != nil {
				errs <- err
				return
			}
			defer func() {
				conn.Close() // waits for a kill in flight: the counts are final
				count(conn)
			}()
			for i := range each {
				if err := step(conn, rng); err != nil {
					errs <- err
					return
				}
				if conn.IsClosed() {
					conn.Close()
					count(conn)
					if conn, err = aiomysql.Connect(context.Background(), cfg); err != nil {
						errs <- err
						return
					}
				}
				var v int
				if err := conn.QueryRow(context.Background(), "SELECT ?", i).Scan(&v); err != nil || v != i {
					errs <- fmt.Errorf("follow-up query after round %d = %d, %v: a stale kill or a desync", i, v, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	return total
}

func TestC2_CancelMidStream(t *testing.T) {
	cancelStorm(t, 4, 250, func(conn *aiomysql.Conn, rng *rand.Rand) error {
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20_000))*time.Microsecond)
		defer cancel()
		rows, err := conn.Query(ctx, "SELECT seq, 'some text to make the rows longer' FROM seq_1_to_200000")
		if err != nil {
			return nil
		}
		defer rows.Close()
		var n, got int64
		var s string
		for rows.Next() {
			if err := rows.Scan(&got, &s); err != nil {
				return nil
			}
			if n++; got != n {
				return fmt.Errorf("row %d holds %d: desync", n, got)
			}
		}
		return nil
	})
}

func TestC3_CancelRacingCompletion(t *testing.T) {
	k := cancelStorm(t, 4, 2500, func(conn *aiomysql.Conn, rng *rand.Rand) error {
		// A deadline about as long as the query: it fires before, during or
		// after the reply.
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(400))*time.Microsecond)
		defer cancel()
		_, _ = conn.Exec(ctx, "DO 1")
		return nil
	})
	t.Logf("over all connections: %d cancellations, %d kills sent, %d skipped (the command had finished)",
		k.Cancels, k.Sent, k.Skipped)
	if k.Skipped == 0 {
		t.Error("no cancellation raced a finished query: the test did not test the race")
	}
}

// proxiedConfig returns a Config that reaches the test server through a
// fault proxy, the proxy, and (once connected) its first link.
func proxiedConfig(t *testing.T) (*aiomysql.Config, *faultproxy.Proxy) {
	t.Helper()
	proxy, err := faultproxy.New(context.Background(), faultproxy.Config{Upstream: testServer(t).Addr()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { proxy.Close() })
	cfg := plainConfig(t)
	// The proxy's packet modes read the plain framing.
	cfg.Compress = false
	host, port, _ := net.SplitHostPort(proxy.Addr())
	cfg.Host = host
	cfg.Port, _ = strconv.Atoi(port)
	return cfg, proxy
}

func TestC4_BlackholedNetwork(t *testing.T) {
	cfg, proxy := proxiedConfig(t)
	c := connectT(t, cfg)
	link, err := proxy.WaitLink(testCtx(t), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := link.SetMode(faultproxy.Downstream, faultproxy.Blackhole()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Exec(ctx, "SELECT SLEEP(5)")
	if d := time.Since(start); d > 400*time.Millisecond {
		t.Errorf("returned after %v, want ≤400ms", d)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !aiomysql.Timeout(err) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if !c.IsClosed() {
		t.Error("a connection whose reply never came is still open")
	}
	start = time.Now()
	c.Close()
	if d := time.Since(start); d > time.Second {
		t.Errorf("Close took %v", d)
	}
	// Through the proxy the server sees the proxy's port, not the
	// client's: the kill cannot prove its target and is not sent.
	if st := c.KillStatsForTest(); st.Sent != 0 {
		t.Errorf("kill stats %+v: a kill was sent through a proxy that hides the client's port", st)
	}

}

func TestC5_HandshakeStalls(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var held sync.WaitGroup
	accepted := make(chan net.Conn, 4)
	held.Add(1)
	go func() {
		defer held.Done()
		for {
			nc, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- nc // never greets
		}
	}()
	defer func() {
		ln.Close()
		held.Wait()
		close(accepted)
		for nc := range accepted {
			nc.Close()
		}
	}()
	cfg := aiomysql.NewConfig()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	cfg.Host = host
	cfg.Port, _ = strconv.Atoi(port)
	cfg.User = "u"

	t.Run("context deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := aiomysql.Connect(ctx, cfg)
		if d := time.Since(start); d > 400*time.Millisecond || !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Connect = %v after %v, want DeadlineExceeded at ~150ms", err, d)
		}
	})
	t.Run("connect timeout", func(t *testing.T) {
		cfg := cfg.Clone()
		cfg.ConnectTimeout = 150 * time.Millisecond
		start := time.Now()
		_, err := aiomysql.Connect(context.Background(), cfg)
		if d := time.Since(start); d > 400*time.Millisecond || !aiomysql.Timeout(err) {
			t.Fatalf("Connect = %v after %v, want a timeout at ~150ms", err, d)
		}
	})
}

// With KillOnCancel off, a cancelled command is woken at once and its
// connection, whose state is unknown, is closed.
func TestCancelWithoutKill(t *testing.T) {
	cfg := plainConfig(t)
	cfg.KillOnCancel = false
	c := connectT(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Exec(ctx, "SELECT SLEEP(3)")
	if d := time.Since(start); d > 250*time.Millisecond {
		t.Errorf("returned after %v", d)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Exec = %v, want DeadlineExceeded", err)
	}
	if !c.IsClosed() {
		t.Error("connection left open in an unknown state")
	}
	if err := c.KillErrorForTest(); err != nil {
		t.Errorf("a kill was attempted: %v", err)
	}
}
