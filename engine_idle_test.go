package aiomysql_test

import (
	"context"
	"errors"
	"net"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// TestCheckConn: an idle connection is checked without a round trip; one
// the server has closed is found before anything is written, with and
// without TLS.
func TestCheckConn(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	for _, mode := range []aiomysql.TLSMode{aiomysql.TLSDisabled, aiomysql.TLSRequired} {
		t.Run(mode.String(), func(t *testing.T) {
			cfg := userConfig(t, testServer(t).Root)
			cfg.TLSMode = mode
			c := connectT(t, cfg)
			if c.TLS() != (mode == aiomysql.TLSRequired) {
				t.Fatalf("TLS = %v", c.TLS())
			}
			if err := c.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if err := c.CheckConn(); err != nil {
					t.Fatalf("CheckConn of a live idle connection = %v", err)
				}
			}
			if err := admin.Kill(ctx, c.ThreadID()); err != nil {
				t.Fatal(err)
			}
			waitThreadGone(t, c.ThreadID())
			err := c.CheckConn()
			if !errors.Is(err, aiomysql.ErrNotSent) {
				t.Fatalf("CheckConn after KILL CONNECTION = %v, want an error wrapping ErrNotSent", err)
			}
			if !c.IsClosed() {
				t.Error("a connection found dead is still open")
			}
			if _, err := c.Exec(ctx, "DO 1"); !errors.Is(err, aiomysql.ErrClosed) {
				t.Errorf("Exec after CheckConn found it dead = %v, want ErrClosed", err)
			}
		})
	}
	t.Run("busy", func(t *testing.T) {
		c := rootConn(t)
		rows, err := c.Query(ctx, "SELECT seq FROM seq_1_to_100000")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if err := c.CheckConn(); !errors.Is(err, aiomysql.ErrBusy) {
			t.Errorf("CheckConn while rows are open = %v, want ErrBusy", err)
		}
	})
}

// TestSessionChanged: the connection knows when its session differs from a
// fresh one (session_track_state_change, turned on at no cost, and the
// transaction status).
func TestSessionChanged(t *testing.T) {
	ctx := testCtx(t)
	c := rootConn(t)
	if c.SessionChanged() {
		t.Fatal("a fresh connection reports a changed session")
	}
	steps := []struct {
		sql     string
		changed bool
	}{
		{"SELECT 1", false},
		{"DO 1", false},
		{"SET @x = 1", true},
		{"RESET", false}, // ResetSession, below
		{"CREATE TEMPORARY TABLE sc_tmp (a INT)", true},
		{"RESET", false},
		{"SET SESSION sql_mode = ''", true},
		{"RESET", false},
		{"USE mysql", true},
		{"RESET", false},
		{"BEGIN", true},
		{"ROLLBACK", false},
		{"PREPARE sc_s FROM 'SELECT 1'", true},
		{"RESET", false},
	}
	for _, s := range steps {
		if s.sql == "RESET" {
			if err := c.ResetSession(ctx); err != nil {
				t.Fatal(err)
			}
		} else if _, err := c.Exec(ctx, s.sql); err != nil {
			t.Fatalf("%s: %v", s.sql, err)
		}
		if got := c.SessionChanged(); got != s.changed {
			t.Errorf("after %s: SessionChanged = %v, want %v", s.sql, got, s.changed)
		}
	}
}

// TestClientFlagRefusesUnimplementedBits: capability bits the client does
// not speak are a ConfigError before anything is dialed.
func TestClientFlagRefusesUnimplementedBits(t *testing.T) {
	for _, bit := range []uint64{
		0x20,      // CLIENT_COMPRESS: every query would hang
		0x800,     // CLIENT_SSL without TLS: the handshake would hang
		1 << 25,   // CLIENT_OPTIONAL_RESULTSET_METADATA
		1 << 27,   // CLIENT_QUERY_ATTRIBUTES
		1 << 36,   // MARIADB_CLIENT_CACHE_METADATA
		1 << 63,   // unknown
		1<<32 | 1, // MARIADB_CLIENT_PROGRESS with a harmless bit
	} {
		cfg := plainConfig(t)
		cfg.ClientFlag = bit
		dialed := false
		cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
			dialed = true
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}
		_, err := aiomysql.Connect(testCtx(t), cfg)
		var ce *aiomysql.ConfigError
		if !errors.As(err, &ce) || ce.Field != "ClientFlag" || dialed {
			t.Errorf("ClientFlag %#x: Connect = %v, want a ConfigError for ClientFlag", bit, err)
		}
	}
	cfg := plainConfig(t)
	cfg.ClientFlag = 0x1 | 0x400 // CLIENT_LONG_PASSWORD | CLIENT_INTERACTIVE: implemented or harmless
	c := connectT(t, cfg)
	if err := c.Ping(testCtx(t)); err != nil {
		t.Fatal(err)
	}
}
