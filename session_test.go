package aiomysql_test

import (
	"context"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

func TestSessionSetUp(t *testing.T) {
	ctx := testCtx(t)
	cfg := plainConfig(t)
	off := false
	cfg.SQLMode = "ANSI_QUOTES,NO_ENGINE_SUBSTITUTION"
	cfg.TimeZone = "+02:00"
	cfg.Autocommit = &off
	cfg.Collation = "utf8mb4_unicode_ci"
	cfg.Params = map[string]string{"max_sort_length": "2048", "lc_time_names": "'de_DE'"}
	cfg.InitCommands = []string{"SET @init1 = 'one'", "SET @init2 = CONCAT(@init1, '+two')"}
	cfg.MaxAllowedPacket = 0 // read the server's
	c := connectT(t, cfg)
	var mode, tz, coll, sortLen, lcTime, init2 string
	var autocommit int
	err := c.QueryRow(ctx, `SELECT @@sql_mode, @@time_zone, @@autocommit, @@collation_connection,
		@@max_sort_length, @@lc_time_names, @init2`).Scan(&mode, &tz, &autocommit, &coll, &sortLen, &lcTime, &init2)
	if err != nil {
		t.Fatal(err)
	}
	if mode != "ANSI_QUOTES,NO_ENGINE_SUBSTITUTION" || tz != "+02:00" || autocommit != 0 ||
		coll != "utf8mb4_unicode_ci" || sortLen != "2048" || lcTime != "de_DE" || init2 != "one+two" {
		t.Errorf("session: sql_mode %q, time_zone %q, autocommit %d, collation %q, max_sort_length %s, lc_time_names %s, @init2 %q",
			mode, tz, autocommit, coll, sortLen, lcTime, init2)
	}
	if c.Autocommit() {
		t.Error("Autocommit() reports on")
	}
	// ResetSession applies the settings again.
	if err := c.ResetSession(ctx); err != nil {
		t.Fatal(err)
	}
	if err := c.QueryRow(ctx, "SELECT @@time_zone, @@autocommit").Scan(&tz, &autocommit); err != nil || tz != "+02:00" || autocommit != 0 {
		t.Errorf("after ResetSession: time_zone %q autocommit %d, %v", tz, autocommit, err)
	}
}

func TestSessionSettingRefusesBackslash(t *testing.T) {
	cfg := plainConfig(t)
	cfg.TimeZone = `+00:00\' OR 1`
	if _, err := aiomysql.Connect(testCtx(t), cfg); err == nil {
		t.Fatal("a session value with a backslash was accepted")
	}
}

// TestConnectIPv6 connects over [::1] through a small forwarder to the
// server (which listens on 127.0.0.1).
func TestConnectIPv6(t *testing.T) {
	srv := testServer(t)
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Fatalf("no IPv6 loopback: %v", err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer ln.Close()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			upstream, err := net.Dial("tcp", srv.Addr())
			if err != nil {
				client.Close()
				return
			}
			wg.Add(2)
			go func() { defer wg.Done(); io.Copy(upstream, client); upstream.Close() }()
			go func() { defer wg.Done(); io.Copy(client, upstream); client.Close() }()
		}
	}()
	cfg := plainConfig(t)
	cfg.Host = "::1"
	cfg.Port = ln.Addr().(*net.TCPAddr).Port
	dsn := cfg.FormatDSN()
	c, err := aiomysql.ConnectDSN(context.Background(), dsn)
	if err != nil {
		t.Fatalf("ConnectDSN(%q): %v", dsn, err)
	}
	defer c.Close()
	var v int
	if err := c.QueryRow(testCtx(t), "SELECT ?", 6).Scan(&v); err != nil || v != 6 {
		t.Fatalf("SELECT over IPv6: %d, %v", v, err)
	}
}
