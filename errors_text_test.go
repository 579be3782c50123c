package aiomysql_test

import (
	"net"
	"strconv"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// checkErrorText checks an error's text: one "aiomysql:" prefix, and each
// of want exactly once.
func checkErrorText(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	msg := err.Error()
	if n := strings.Count(msg, "aiomysql:"); n != 1 {
		t.Errorf("%s: %d %q prefixes in %q, want 1", what, n, "aiomysql:", msg)
	}
	for _, w := range want {
		if n := strings.Count(msg, w); n != 1 {
			t.Errorf("%s: %q appears %d times in %q, want once", what, w, n, msg)
		}
	}
}

// TestErrorTextOnce: errors say what failed once, with one prefix and the
// operation that failed, not "query" for every command.
func TestErrorTextOnce(t *testing.T) {
	ctx := testCtx(t)
	t.Run("refused connection", func(t *testing.T) {
		cfg := plainConfig(t)
		cfg.Port = freePort(t)
		_, err := aiomysql.Connect(ctx, cfg)
		checkErrorText(t, "Connect", err, "127.0.0.1:"+strconv.Itoa(cfg.Port))
	})
	t.Run("wrong password", func(t *testing.T) {
		cfg := plainConfig(t)
		cfg.Password = "wrong"
		_, err := aiomysql.Connect(ctx, cfg)
		checkErrorText(t, "Connect", err, "Access denied")
	})
	admin := rootConn(t)
	lost := func(t *testing.T, inTx bool) *aiomysql.Conn {
		c := connectT(t, plainConfig(t))
		if err := c.Ping(ctx); err != nil { // the connection's own set-up goes out
			t.Fatal(err)
		}
		if inTx {
			if err := c.Begin(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if err := admin.Kill(ctx, c.ThreadID()); err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, tc := range []struct {
		op   string
		inTx bool
		run  func(c *aiomysql.Conn) error
	}{
		{"exec", false, func(c *aiomysql.Conn) error { _, err := c.Exec(ctx, "DO 1"); return err }},
		{"query", false, func(c *aiomysql.Conn) error { _, err := c.Query(ctx, "SELECT 1"); return err }},
		{"ping", false, func(c *aiomysql.Conn) error { return c.Ping(ctx) }},
		{"commit", true, func(c *aiomysql.Conn) error { return c.Commit(ctx) }},
		{"rollback", true, func(c *aiomysql.Conn) error { return c.Rollback(ctx) }},
	} {
		t.Run(tc.op+" on a killed connection", func(t *testing.T) {
			c := lost(t, tc.inTx)
			err := tc.run(c)
			checkErrorText(t, tc.op, err, ": "+tc.op+": ")
			// The next call says the connection is closed, and why, with
			// one prefix still.
			_, err = c.Exec(ctx, "DO 1")
			checkErrorText(t, "the next call", err, "connection is closed", ": "+tc.op+": ")
		})
	}
}

// freePort returns a TCP port on 127.0.0.1 that nothing listens on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}
