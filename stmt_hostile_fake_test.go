//go:build unix

package aiomysql_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// Hostile answers to prepared statements, from the fake server. The file
// needs unix for the LOCAL INFILE canary of localinfile_test.go (a named
// pipe).

// infileStmtServer is a fake server whose statements answer their execute
// with a LOCAL INFILE request for the file the prepared text names. It
// answers COM_STMT_PREPARE with no parameters and no columns, skips
// COM_STMT_CLOSE, answers PING with OK, and reports, for each request, what
// the client sent after it.
func infileStmtServer(t *testing.T) (*fakeserver.Server, <-chan infileReply) {
	t.Helper()
	got := make(chan infileReply, 16)
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		names := map[uint32]string{}
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return err
			}
			switch wire.Command(pkt[0]) {
			case wire.CommandQuit:
				return nil
			case wire.CommandStmtClose:
				continue
			case wire.CommandPing:
				if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
					return err
				}
			case wire.CommandStmtPrepare:
				id := uint32(len(names) + 1)
				names[id] = string(pkt[1:])
				ok, err := wire.StmtPrepareOK{StatementID: id, MetadataFollows: true}.Encode(nil, c.Capabilities())
				if err != nil {
					return err
				}
				if err := c.WritePacket(ok); err != nil {
					return err
				}
			case wire.CommandStmtExecute:
				var ex wire.ComStmtExecute
				if err := ex.Decode(pkt, c.Capabilities(), 0, nil); err != nil {
					return err
				}
				r, err := requestFile(c, names[ex.StatementID])
				if err != nil {
					return err
				}
				got <- r
				if err := c.WriteOK(wire.OK{AffectedRows: uint64(len(r.data)), StatusFlags: wire.ServerStatusAutocommit}); err != nil {
					return err
				}
			default:
				return fmt.Errorf("unexpected command 0x%02x", pkt[0])
			}
		}
	}))
	return srv, got
}

// TestS1_StatementExecuteLocalInfile: a server that answers COM_STMT_EXECUTE
// with a LOCAL INFILE request for a canary file, for ../x from inside the
// allowed directory, or for a symlink out of it, gets only the empty
// terminator, whether LOCAL INFILE is off or on with an allow-list; the
// client reports ErrLocalInfileRefused, never opens the file, and the
// connection stays usable.
func TestS1_StatementExecuteLocalInfile(t *testing.T) {
	tests := []struct {
		name        string
		localInfile bool
		chdir       bool // run from inside the allowed directory
		file        func(f *infileFixture) string
	}{
		{"off: canary", false, false, func(f *infileFixture) string { return f.canary }},
		{"off: ../x", false, true, func(*infileFixture) string { return "../x" }},
		{"on: canary beside the allowed directory", true, false, func(f *infileFixture) string { return f.canary }},
		{"on: ../x from inside the allowed directory", true, true, func(*infileFixture) string { return "../x" }},
		{"on: symlink to the canary", true, false, func(f *infileFixture) string { return filepath.Join(f.allowed, "link") }},
		{"on: through a symlinked directory", true, false, func(f *infileFixture) string { return filepath.Join(f.allowed, "up", "x") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, got := infileStmtServer(t)
			ctx := testCtx(t)
			for _, via := range []string{"Exec", "Query"} {
				// A fresh fixture and connection each time: a canary serves
				// one open, so a client that wrongly opened it would block on
				// a second.
				f := newInfileFixture(t)
				if tc.chdir {
					t.Chdir(f.allowed)
				}
				cfg := fakeConfig(t, srv)
				cfg.LocalInfile = tc.localInfile
				if tc.localInfile {
					cfg.LocalInfileAllow = []string{f.allowed}
				}
				conn := connectT(t, cfg)
				name := tc.file(f)
				st, err := conn.Prepare(ctx, name)
				if err != nil {
					t.Fatalf("Prepare: %v", err)
				}
				if via == "Exec" {
					_, err = st.Exec(ctx)
				} else {
					var rows *aiomysql.Rows
					if rows, err = st.Query(ctx); err == nil {
						for rows.Next() {
						}
						err = rows.Close()
					}
				}
				var r infileReply
				select {
				case r = <-got:
				default:
					t.Fatalf("%s: the server saw no LOCAL INFILE exchange (error %v)", via, err)
				}
				checkRefused(t, via+" "+name, err, r)
				if err := st.Close(); err != nil {
					t.Fatal(err)
				}
				if err := conn.Ping(ctx); err != nil {
					t.Fatalf("Ping after %s: %v", via, err)
				}
				if f.opened() {
					t.Errorf("%s %s: the canary was opened", via, name)
				}
				if err := conn.Close(); err != nil {
					t.Fatal(err)
				}
			}
			for _, sc := range srv.Conns() {
				<-sc.Done()
				if bytes.Contains(sc.Received(), []byte(canaryData)) {
					t.Error("canary bytes on the wire")
				}
			}
		})
	}
}

// TestH2_PrepareOKHugeParamCount: a PREPARE-OK declaring 65,535 parameters
// and 65,535 columns, followed by fewer definitions and then the end of the
// connection or a packet that is no definition, gives an error and no
// panic, allocates less than 10 MB (nothing is sized by the declared
// counts), and leaves the connection closed while a new one works.
func TestH2_PrepareOKHugeParamCount(t *testing.T) {
	tests := []struct {
		name  string
		defs  int    // definitions sent before the end
		then  []byte // a packet sent after them; nil closes the connection
		proto bool   // the error is ErrProtocol
	}{
		{"no definitions, then closed", 0, nil, false},
		{"three definitions, then closed", 3, nil, false},
		{"three definitions, then an OK", 3, []byte{0x00, 0, 0, 2, 0, 0, 0}, true},
		{"three definitions, then an EOF", 3, []byte{0xFE, 0, 0, 2, 0}, true},
		{"three definitions, then an ERR header", 3, []byte{0xFF, 0x15, 0x04}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
				if _, err := c.ExpectCommand(wire.CommandStmtPrepare); err != nil {
					return err
				}
				ok, err := wire.StmtPrepareOK{StatementID: 1, Params: wire.MaxParams, Columns: 0xFFFF, MetadataFollows: true}.Encode(nil, c.Capabilities())
				if err != nil {
					return err
				}
				if err := c.WritePacket(ok); err != nil {
					return err
				}
				for range tc.defs {
					if err := c.WritePacket(columnDef("?")); err != nil {
						return err
					}
				}
				if tc.then == nil {
					return c.Close()
				}
				if err := c.WritePacket(tc.then); err != nil {
					return err
				}
				_, err = c.ReadPacket()
				return err
			}))
			conn := connectT(t, cfg)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			st, err := conn.Prepare(testCtx(t), "SELECT ?")
			runtime.ReadMemStats(&after)
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 10<<20 {
				t.Errorf("allocated %d bytes for a hostile PREPARE-OK", grew)
			}
			if st != nil || err == nil {
				t.Fatalf("Prepare = %v, %v; want an error", st, err)
			}
			if tc.proto {
				checkBrokenThenClean(t, cfg, conn, err)
				return
			}
			if !conn.IsClosed() {
				t.Errorf("the connection is open after the server closed it mid-reply (error %v)", err)
			}
			if errors.Is(err, aiomysql.ErrProtocol) {
				t.Errorf("error %v is ErrProtocol for a connection that ended", err)
			}
		})
	}
}
