package aiomysql_test

import (
	"context"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/faultproxy"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// serverConfig is a root Config without TLS straight to srv.
func serverConfig(t *testing.T, srv *mysqltest.Server) *aiomysql.Config {
	t.Helper()
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root))
	if err != nil {
		t.Fatal(err)
	}
	cfg.TLSMode = aiomysql.TLSDisabled
	return cfg
}

// via returns a copy of cfg that connects to addr (host:port).
func via(cfg *aiomysql.Config, addr string) *aiomysql.Config {
	c := cfg.Clone()
	host, port, _ := net.SplitHostPort(addr)
	c.Host = host
	c.Port, _ = strconv.Atoi(port)
	return c
}

// nextThreadID connects to the server of cfg, and returns the thread id the
// next connection to it will get.
func nextThreadID(t *testing.T, cfg *aiomysql.Config) uint32 {
	t.Helper()
	c, err := aiomysql.Connect(testCtx(t), cfg)
	if err != nil {
		t.Fatal(err)
	}
	id := c.ThreadID()
	c.Close()
	return id + 1
}

// maxThreadGap bounds the throwaway connections sameThreadIDs opens.
const maxThreadGap = 5000

// sameThreadIDs arranges the K1 scene: a client connected through a
// round-robin proxy to a (its first connection, so on a) and a victim
// connected straight to b, with the same thread id. The client's next
// connection through the proxy, its kill side connection, goes to b.
func sameThreadIDs(t *testing.T, a, b *mysqltest.Server) (client, victim *aiomysql.Conn) {
	t.Helper()
	directA, directB := serverConfig(t, a), serverConfig(t, b)
	for range 5 {
		// A new proxy each time, so that the client is its first connection.
		proxy, err := faultproxy.New(context.Background(), faultproxy.Config{Upstreams: []string{a.Addr(), b.Addr()}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { proxy.Close() })
		// Throwaway connections on whichever server is behind.
		nextA, nextB := nextThreadID(t, directA), nextThreadID(t, directB)
		if gap := max(nextA, nextB) - min(nextA, nextB); gap > maxThreadGap {
			// An external server far ahead (TiDB's ids start near 2 million):
			// catching up would open that many connections.
			t.Fatalf("thread ids %d and %d are %d apart: too far to match", nextA, nextB, gap)
		}
		for ; nextA < nextB; nextA++ {
			nextThreadID(t, directA)
		}
		for ; nextB < nextA; nextB++ {
			nextThreadID(t, directB)
		}
		client = connectT(t, via(directA, proxy.Addr()))
		victim = connectT(t, directB)
		if client.ThreadID() == victim.ThreadID() {
			if l, err := proxy.WaitLink(testCtx(t), 0); err != nil || l.Upstream() != a.Addr() {
				t.Fatalf("the client's link: %v, %v; want one to server A", l, err)
			}
			return client, victim
		}
		t.Logf("thread ids %d (client on A) and %d (victim on B) differ; trying again", client.ThreadID(), victim.ThreadID())
		client.Close()
		victim.Close()
	}
	t.Fatal("could not give the client and the victim the same thread id")
	return nil, nil
}

// TestK1_KillMustNotReachStranger: behind an L4 proxy that sends each new
// connection to the next server, the client's KILL side connection lands on
// another server than its session. The kill must not interrupt the
// stranger there that holds the same thread id; the client's call still
// returns at once, and its connection, whose query may go on, is closed.
func TestK1_KillMustNotReachStranger(t *testing.T) {
	a := testServer(t)
	b := mysqltest.New(t, &mysqltest.Options{IgnoreEnv: true}) // always a second, private server
	client, victim := sameThreadIDs(t, a, b)
	t.Logf("client on A and victim on B both have thread id %d", client.ThreadID())

	type outcome struct {
		slept   int
		err     error
		elapsed time.Duration
	}
	victimDone := make(chan outcome, 1)
	go func() {
		start := time.Now()
		var v int
		err := victim.QueryRow(context.Background(), "SELECT SLEEP(5)").Scan(&v)
		victimDone <- outcome{v, err, time.Since(start)}
	}()
	for deadline := time.Now().Add(5 * time.Second); !threadRunning(t, b, victim.ThreadID()); {
		if time.Now().After(deadline) {
			t.Fatal("the victim's SLEEP never started")
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	canceled := make(chan time.Time, 1)
	time.AfterFunc(200*time.Millisecond, func() {
		canceled <- time.Now()
		cancel()
	})
	_, err := client.Exec(ctx, "SELECT SLEEP(5)")
	returned := time.Now()
	if late := returned.Sub(<-canceled); late > 200*time.Millisecond {
		t.Errorf("the client's call returned %v after the cancel, want ≤200ms", late)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("the client's call = %v, want an error wrapping context.Canceled", err)
	}
	if !client.IsClosed() {
		t.Error("the client's connection, whose query was not proven killed, is still open")
	}
	t.Logf("client kill stats %+v", client.KillStatsForTest())

	got := <-victimDone
	if got.err != nil || got.slept != 0 {
		t.Errorf("the victim's SLEEP(5) = %d, %v after %v; want 0 (1 means a KILL QUERY meant for the client hit it)",
			got.slept, got.err, got.elapsed)
	}
	if got.elapsed < 4500*time.Millisecond {
		t.Errorf("the victim's SLEEP(5) returned after %v: interrupted", got.elapsed)
	}
}
