package aiomysql_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
	"github.com/aiomysql-go/aiomysql/mysqltest"
)

// TestLastGTIDTracked: with TrackGTID, a write's OK carries its GTID (no
// extra round trip): LastGTID is what @@last_gtid says, and the report is
// not taken for a change of the session (a pool would reset it for
// nothing). Without TrackGTID nothing is reported.
func TestLastGTIDTracked(t *testing.T) {
	ctx := testCtx(t)
	srv := mysqltest.New(t, &mysqltest.Options{IgnoreEnv: true, ExtraFlags: []string{"--log-bin=mysql-bin", "--server-id=7"}})
	cfg, err := aiomysql.ParseDSN(srv.DSN(srv.Root) + "?trackGTID=true&tls=false")
	if err != nil {
		t.Fatal(err)
	}
	c := connectT(t, cfg)
	mustExecAll(t, c, "CREATE TABLE g (id INT PRIMARY KEY)")
	for i := range 3 {
		if _, err := c.Exec(ctx, "INSERT INTO g VALUES (?)", i); err != nil {
			t.Fatal(err)
		}
		got := c.LastGTID()
		if got == "" {
			t.Fatalf("write %d: no GTID reported", i)
		}
		if c.SessionChanged() {
			t.Fatalf("write %d: the GTID report counted as a session change", i)
		}
		var want string
		if err := c.QueryRow(ctx, "SELECT @@last_gtid").Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("write %d: LastGTID %q, @@last_gtid %q", i, got, want)
		}
	}
	ctx2 := aiomysql.WithReadAfter(context.Background(), c.LastGTID())
	if aiomysql.ReadAfter(ctx2) != c.LastGTID() || aiomysql.ReadAfter(context.Background()) != "" {
		t.Error("WithReadAfter / ReadAfter do not carry the token")
	}

	cfg.TrackGTID = false
	plain := connectT(t, cfg)
	if _, err := plain.Exec(ctx, "INSERT INTO g VALUES (100)"); err != nil {
		t.Fatal(err)
	}
	if g := plain.LastGTID(); g != "" {
		t.Errorf("without TrackGTID: LastGTID %q", g)
	}
}

// TestLastGTIDMySQL: against MySQL (a fake server: MariaDB reports
// last_gtid instead), TrackGTID asks for session_track_gtids = OWN_GTID in
// the tracking SET, and the GTIDs entry of a write's OK becomes LastGTID,
// not a session change.
func TestLastGTIDMySQL(t *testing.T) {
	const gtid = "3e11fa47-71ca-11e1-9e33-c80aa9429562:23"
	var queries []string
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		return serveQueries(c, true, func(q string) error {
			queries = append(queries, q)
			ok := wire.OK{StatusFlags: wire.ServerStatusAutocommit}
			if strings.HasPrefix(q, "INSERT") {
				ok.AffectedRows = 1
				ok.StatusFlags |= wire.ServerSessionStateChanged
				ok.SessionChanges = []wire.SessionChange{{Type: wire.SessionTrackGTIDs, Value: gtid}}
			}
			return c.WriteOK(ok)
		})
	}))
	cfg := fakeConfig(t, srv)
	cfg.TrackGTID = true
	c := connectT(t, cfg)
	if _, err := c.Exec(testCtx(t), "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
	if got := c.LastGTID(); got != gtid {
		t.Errorf("LastGTID %q, want %q", got, gtid)
	}
	if c.SessionChanged() {
		t.Error("the GTIDs entry counted as a session change")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	<-srv.Conns()[0].Done()
	if len(queries) == 0 || !strings.Contains(queries[0], "session_track_gtids = OWN_GTID") {
		t.Errorf("queries %q: want the tracking SET asking for OWN_GTID first", queries)
	}
}
