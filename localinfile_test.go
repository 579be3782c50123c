//go:build unix

package aiomysql_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// This file needs unix for its canary: a named pipe (see fifoCanary).

// canaryData is what the canary file holds: it must never be on the wire.
const canaryData = "S1-LOCAL-INFILE-CANARY-3f9a1c77"

// fifoCanary makes a named pipe at path that gives canaryData to the first
// reader that opens it, and returns a check that reports whether anything
// but the check itself opened it.
//
// A plain file cannot tell that it was opened (root reads mode-000 files,
// atime is unreliable); a pipe can: its one writer waits for a reader, so
// if the check's own open is what the writer serves, nobody opened the pipe
// before. The check runs once (later calls repeat its answer), and at the
// test's end at the latest, so the writer never outlives the test. Each pipe
// serves one open: give each request a fresh one, or a client that wrongly
// opened it once would block on a second open.
func fifoCanary(t *testing.T, path string) (opened func() bool) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	done := make(chan struct{})
	var served atomic.Bool // the whole canary went to a reader
	go func() {
		defer close(done)
		f, err := os.OpenFile(path, os.O_WRONLY, 0) // waits for a reader
		if err != nil {
			return
		}
		n, err := f.Write([]byte(canaryData)) // EPIPE if the reader left: fine
		served.Store(err == nil && n == len(canaryData))
		_ = f.Close()
	}()
	var once sync.Once
	var result bool
	check := func() bool {
		once.Do(func() { result = checkFIFO(t, path, done, &served) })
		return result
	}
	t.Cleanup(func() { check() })
	return check
}

// checkFIFO reads the pipe of fifoCanary and reports whether its writer
// served someone else first.
func checkFIFO(t *testing.T, path string, done <-chan struct{}, served *atomic.Bool) bool {
	for {
		// The open does not block, so that a writer already gone cannot
		// leave the check waiting; the read does: a writer that was waiting
		// in its open and now proceeds is waited for, where a non-blocking
		// read could find its data not yet written and take it for gone.
		r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Errorf("opening the canary pipe: %v", err)
			return false
		}
		if err := syscall.SetNonblock(int(r.Fd()), false); err != nil {
			t.Errorf("canary pipe: %v", err)
		}
		data, _ := io.ReadAll(r)
		_ = r.Close()
		if len(data) > 0 {
			<-done
			return string(data) != canaryData
		}
		select {
		case <-done:
			// It left: having served someone else, or having met this
			// check's reader closing (no client reads half a file).
			return served.Load()
		default:
			// The writer has not reached its open yet: try again.
			time.Sleep(time.Millisecond)
		}
	}
}

// infileFixture is a directory tree for LOCAL INFILE requests:
//
//	base/x             the canary (a named pipe)
//	base/allowed/      the allowed directory
//	base/allowed/ok    a legitimate file (legitData)
//	base/allowed/link  a symlink to ../x
//	base/allowed/up    a symlink to .. (a directory escaping the allowed one)
//	base/control       a second canary, allow-listed by the control case
type infileFixture struct {
	base, allowed string
	canary        string
	opened        func() bool
	control       string
	controlOpened func() bool
}

// legitData is the content of the allowed file.
const legitData = "1,allowed file\n"

func newInfileFixture(t *testing.T) *infileFixture {
	t.Helper()
	f := &infileFixture{base: t.TempDir()}
	f.allowed = filepath.Join(f.base, "allowed")
	f.canary = filepath.Join(f.base, "x")
	f.control = filepath.Join(f.base, "control")
	if err := os.Mkdir(f.allowed, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(f.allowed, "ok"), []byte(legitData), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(f.canary, filepath.Join(f.allowed, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(f.base, filepath.Join(f.allowed, "up")); err != nil {
		t.Fatal(err)
	}
	f.opened = fifoCanary(t, f.canary)
	f.controlOpened = fifoCanary(t, f.control)
	return f
}

// infileServer is a fake server that answers every query with a LOCAL
// INFILE request for the file the query's text names, and reports what it
// saw.
type infileServer struct {
	srv  *fakeserver.Server
	caps chan wire.Capability // the client's capabilities, from its handshake response
	// got delivers, for each request, the file's bytes and the number of
	// packets after the request (data packets plus the empty terminator).
	got chan infileReply
}

type infileReply struct {
	data    []byte
	packets int
}

// requestFile sends a LOCAL INFILE request for name, as a server answering
// a statement does, and reads the client's file up to its empty
// terminator.
func requestFile(c *fakeserver.Conn, name string) (infileReply, error) {
	var r infileReply
	if err := c.WritePacket(append([]byte{0xFB}, name...)); err != nil {
		return r, err
	}
	for {
		p, err := c.ReadPacket()
		if err != nil {
			return r, err
		}
		r.packets++
		if len(p) == 0 {
			return r, nil
		}
		r.data = append(r.data, p...)
	}
}

// errReply makes the server answer a request with ERR instead of OK.
const errReplyPrefix = "ERR:"

func startInfileServer(t *testing.T) *infileServer {
	t.Helper()
	s := &infileServer{caps: make(chan wire.Capability, 1), got: make(chan infileReply, 16)}
	s.srv = fakeserver.Start(t, func(c *fakeserver.Conn) error {
		if err := c.Greet(nativeGreeting()); err != nil {
			return err
		}
		hr, _, err := c.ReadHandshakeResponse(nil)
		if err != nil {
			return err
		}
		s.caps <- hr.Capabilities
		if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
			return err
		}
		return serveQueries(c, false, func(q string) error {
			name, replyErr := strings.CutPrefix(q, errReplyPrefix)
			r, err := requestFile(c, name)
			if err != nil {
				return err
			}
			s.got <- r
			if replyErr {
				return c.WriteErr(1148, "42000", "The used command is not allowed with this MariaDB version")
			}
			return c.WriteOK(wire.OK{AffectedRows: uint64(len(r.data)), StatusFlags: wire.ServerStatusAutocommit})
		})
	})
	return s
}

// reply returns what the server saw for the last request.
func (s *infileServer) reply(t *testing.T) infileReply {
	t.Helper()
	select {
	case r := <-s.got:
		return r
	default:
		t.Fatal("the server saw no LOCAL INFILE exchange")
	}
	return infileReply{}
}

func TestS1_RogueLocalInfile(t *testing.T) {
	type request struct {
		name    string
		refused bool   // else the file is served
		want    string // the bytes that must arrive when served
	}
	tests := []struct {
		name        string
		localInfile bool
		clientFlag  uint64
		allow       func(f *infileFixture) []string
		chdir       func(f *infileFixture) string // working directory during the requests
		requests    func(f *infileFixture) []request
		control     bool // the control canary is allow-listed and must be read
	}{
		{
			name:     "off: canary",
			requests: func(f *infileFixture) []request { return []request{{name: f.canary, refused: true}} },
		},
		{
			name:       "off: client_flag asks for CLIENT_LOCAL_FILES",
			clientFlag: uint64(wire.ClientLocalFiles),
			requests:   func(f *infileFixture) []request { return []request{{name: f.canary, refused: true}} },
		},
		{
			name:        "on without an allow-list",
			localInfile: true,
			requests: func(f *infileFixture) []request {
				return []request{{name: f.canary, refused: true}, {name: filepath.Join(f.allowed, "ok"), refused: true}}
			},
		},
		{
			name:        "on: a file beside the allowed directory",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed} },
			requests:    func(f *infileFixture) []request { return []request{{name: f.canary, refused: true}} },
		},
		{
			name:        "on: ../x from inside the allowed directory",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed} },
			chdir:       func(f *infileFixture) string { return f.allowed },
			requests: func(f *infileFixture) []request {
				return []request{{name: "../x", refused: true}, {name: "ok/../../x", refused: true}, {name: "ok", want: legitData}}
			},
		},
		{
			name:        "on: allowed/../x",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed} },
			requests: func(f *infileFixture) []request {
				return []request{{name: f.allowed + "/../x", refused: true}, {name: f.allowed + "/./../allowed/../x", refused: true}}
			},
		},
		{
			name:        "on: symlinks escaping the allowed directory",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed} },
			requests: func(f *infileFixture) []request {
				return []request{
					{name: filepath.Join(f.allowed, "link"), refused: true},
					{name: filepath.Join(f.allowed, "up", "x"), refused: true},
					{name: filepath.Join(f.allowed, "up", "allowed", "ok"), want: legitData}, // back inside: allowed
				}
			},
		},
		{
			name:        "on: the allowed directory itself, and odd names",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed} },
			requests: func(f *infileFixture) []request {
				return []request{{name: f.allowed, refused: true}, {name: "", refused: true}, {name: f.allowed + "/ok\x00", refused: true}}
			},
		},
		{
			name:        "on: an allowed file (control)",
			localInfile: true,
			allow:       func(f *infileFixture) []string { return []string{f.allowed, f.control} },
			requests: func(f *infileFixture) []request {
				return []request{{name: filepath.Join(f.allowed, "ok"), want: legitData}, {name: f.control, want: canaryData}}
			},
			control: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startInfileServer(t)
			cfg := fakeConfig(t, s.srv)
			cfg.LocalInfile = tc.localInfile
			cfg.ClientFlag = tc.clientFlag
			// Each request gets a fresh fixture: its canaries are read once,
			// so a client that wrongly opened one would block on a second open.
			fixture := func() *infileFixture {
				f := newInfileFixture(t)
				cfg.LocalInfileAllow = nil
				if tc.allow != nil {
					cfg.LocalInfileAllow = tc.allow(f)
				}
				if tc.chdir != nil {
					t.Chdir(tc.chdir(f))
				}
				return f
			}
			n := len(tc.requests(fixture()))
			conn := connectT(t, cfg) // the handler reads the allow-list when it connects
			ctx := testCtx(t)
			if caps := <-s.caps; (caps&wire.ClientLocalFiles != 0) != tc.localInfile {
				t.Errorf("CLIENT_LOCAL_FILES in the handshake response = %v, want %v", caps&wire.ClientLocalFiles != 0, tc.localInfile)
			}
			for i := range n {
				for _, via := range []string{"Exec", "Query"} {
					f := fixture()
					conn := conn
					if tc.allow != nil {
						conn = connectT(t, cfg) // with this fixture's allow-list
						<-s.caps
					}
					req := tc.requests(f)[i]
					err := runInfileQuery(ctx, conn, via, req.name)
					r := s.reply(t)
					if req.refused {
						checkRefused(t, via+" "+req.name, err, r)
					} else {
						if err != nil {
							t.Errorf("%s %q: %v", via, req.name, err)
						}
						if string(r.data) != req.want {
							t.Errorf("%s %q: the server got %q, want %q", via, req.name, r.data, req.want)
						}
					}
					if err := conn.Ping(ctx); err != nil {
						t.Fatalf("Ping after %s %q: %v", via, req.name, err)
					}
					if f.opened() {
						t.Errorf("%s %q: the canary was opened", via, req.name)
					}
					if got, want := f.controlOpened(), req.want == canaryData; got != want {
						t.Errorf("%s %q: the control canary opened: %v, want %v", via, req.name, got, want)
					}
					if tc.allow != nil {
						if err := conn.Close(); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			if err := conn.Close(); err != nil {
				t.Fatal(err)
			}
			onWire := false
			for _, sc := range s.srv.Conns() {
				<-sc.Done()
				onWire = onWire || bytes.Contains(sc.Received(), []byte(canaryData))
			}
			if onWire != tc.control {
				t.Errorf("canary bytes on the wire: %v, want %v", onWire, tc.control)
			}
		})
	}
}

// runInfileQuery sends name as the query text, to which the fake server
// answers with a LOCAL INFILE request for name, through Exec or Query.
func runInfileQuery(ctx context.Context, conn *aiomysql.Conn, via, name string) error {
	if via == "Exec" {
		_, err := conn.Exec(ctx, name)
		return err
	}
	rows, err := conn.Query(ctx, name)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	return rows.Close()
}

// checkRefused checks a refused request: a typed error saying why, and only
// the empty terminator on the wire.
func checkRefused(t *testing.T, what string, err error, r infileReply) {
	t.Helper()
	if !errors.Is(err, aiomysql.ErrLocalInfileRefused) {
		t.Errorf("%s: error %v, want ErrLocalInfileRefused", what, err)
	} else if msg := err.Error(); !strings.Contains(msg, "not enabled") && !strings.Contains(msg, "not on Config.LocalInfileAllow") &&
		!strings.Contains(msg, "is not allowed") && !strings.Contains(msg, "cannot be resolved") && !strings.Contains(msg, "not a file name") &&
		!strings.Contains(msg, "directory") {
		t.Errorf("%s: error %q does not say which rule refused the file", what, msg)
	}
	if len(r.data) != 0 || r.packets != 1 {
		t.Errorf("%s: the client sent %d bytes in %d packets after the request, want only the empty terminator", what, len(r.data), r.packets)
	}
}

// TestS1_RogueLocalInfileErrReply: a server that answers the empty file with
// ERR; the client still reports the refusal, and stays usable.
func TestS1_RogueLocalInfileErrReply(t *testing.T) {
	f := newInfileFixture(t)
	s := startInfileServer(t)
	cfg := fakeConfig(t, s.srv)
	cfg.LocalInfile = true
	cfg.LocalInfileAllow = []string{f.allowed}
	conn := connectT(t, cfg)
	<-s.caps
	ctx := testCtx(t)
	for _, via := range []string{"Exec", "Query"} {
		err := runInfileQuery(ctx, conn, via, errReplyPrefix+f.canary)
		checkRefused(t, via, err, s.reply(t))
		var se *aiomysql.Error
		if !errors.As(err, &se) || se.Number != 1148 {
			t.Errorf("%s: error %v does not carry the server's ERR 1148", via, err)
		}
		if err := conn.Ping(ctx); err != nil {
			t.Fatalf("Ping after %s: %v", via, err)
		}
	}
	if f.opened() {
		t.Error("the canary was opened")
	}
}

// TestS1_RogueLocalInfileInHandshake: a server that sends a LOCAL INFILE
// request in place of the authentication reply gets a closed connection,
// even from a client with LOCAL INFILE on and the canary allow-listed.
func TestS1_RogueLocalInfileInHandshake(t *testing.T) {
	tests := []struct {
		name        string
		plugin      string
		switchFirst bool // switch plugins first, then send the request
	}{
		{name: "native", plugin: pluginNative},
		{name: "caching_sha2", plugin: pluginSHA2},
		{name: "after an auth switch", plugin: pluginSHA2, switchFirst: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newInfileFixture(t)
			srv := fakeserver.Start(t, func(c *fakeserver.Conn) error {
				if _, err := greetAndRead(c, fakeGreeting(tc.plugin, false), nil); err != nil {
					return err
				}
				if tc.switchFirst {
					if _, err := c.AuthSwitch(pluginNative, fakeserver.Nonce()); err != nil {
						return err
					}
				}
				if err := c.WritePacket(append([]byte{0xFB}, f.canary...)); err != nil {
					return err
				}
				return expectClose(c, "a LOCAL INFILE request during authentication")
			})
			cfg := fakeConfig(t, srv)
			cfg.LocalInfile = true
			cfg.LocalInfileAllow = []string{f.canary, f.base}
			conn, err := aiomysql.Connect(testCtx(t), cfg)
			if err == nil {
				conn.Close()
				t.Fatal("Connect succeeded")
			}
			if !errors.Is(err, aiomysql.ErrProtocol) {
				t.Errorf("Connect error %v, want ErrProtocol", err)
			}
			sc := serverSide(t, srv)
			if bytes.Contains(sc.Received(), []byte(canaryData)) {
				t.Error("canary bytes on the wire")
			}
			if f.opened() {
				t.Error("the canary was opened")
			}
		})
	}
}

func TestS2_LegitimateLocalInfile(t *testing.T) {
	ctx := testCtx(t)
	admin := rootConn(t)
	mustExec(t, admin, "DROP TABLE IF EXISTS s2_load")
	mustExec(t, admin, "CREATE TABLE s2_load (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP TABLE IF EXISTS s2_load") })

	dir := t.TempDir()
	allowed := filepath.Join(dir, "rows.csv")
	if err := os.WriteFile(allowed, []byte("1,one\n2,two\n3,three\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "other.csv")
	if err := os.WriteFile(other, []byte("90,not allowed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.LocalInfile = true
	cfg.LocalInfileAllow = []string{dir}
	conn := connectT(t, cfg)
	if conn.Capabilities()&uint64(wire.ClientLocalFiles) == 0 {
		t.Fatal("CLIENT_LOCAL_FILES was not negotiated with LocalInfile on")
	}
	const load = "LOAD DATA LOCAL INFILE ? INTO TABLE s2_load FIELDS TERMINATED BY ','"

	t.Run("allow-listed file", func(t *testing.T) {
		res, err := conn.Exec(ctx, load, allowed)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 3 {
			t.Errorf("rows affected %d, want 3", n)
		}
	})
	t.Run("per-call reader", func(t *testing.T) {
		// Several packets' worth: 200k rows, about 3.5 MB.
		var b strings.Builder
		const first, n = 1000, 200_000
		for i := range n {
			fmt.Fprintf(&b, "%d,row %d\n", first+i, first+i)
		}
		res, err := conn.LoadData(ctx, strings.NewReader(b.String()),
			"LOAD DATA LOCAL INFILE 'any-name.csv' INTO TABLE s2_load FIELDS TERMINATED BY ','")
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := res.RowsAffected(); got != n {
			t.Errorf("rows affected %d, want %d", got, n)
		}
		var count, sum int64
		if err := conn.QueryRow(ctx, "SELECT COUNT(*), SUM(id) FROM s2_load WHERE id >= ?", first).Scan(&count, &sum); err != nil {
			t.Fatal(err)
		}
		if wantSum := int64(n)*first + int64(n)*(n-1)/2; count != n || sum != wantSum {
			t.Errorf("loaded %d rows with id sum %d, want %d and %d", count, sum, n, wantSum)
		}
	})
	t.Run("file off the allow-list", func(t *testing.T) {
		_, err := conn.Exec(ctx, load, other)
		if !errors.Is(err, aiomysql.ErrLocalInfileRefused) {
			t.Errorf("error %v, want ErrLocalInfileRefused", err)
		}
		checkRows(t, conn, "SELECT COUNT(*) FROM s2_load WHERE id = 90", 0)
	})
	t.Run("LocalInfile off", func(t *testing.T) {
		off := cfg.Clone()
		off.LocalInfile = false
		c := connectT(t, off)
		if c.Capabilities()&uint64(wire.ClientLocalFiles) != 0 {
			t.Error("CLIENT_LOCAL_FILES negotiated with LocalInfile off")
		}
		_, err := c.Exec(ctx, load, allowed)
		checkServerRefusal(t, c, err)
		if _, err := c.LoadData(ctx, strings.NewReader("91,x\n"), "LOAD DATA LOCAL INFILE 'x' INTO TABLE s2_load"); !errors.Is(err, aiomysql.ErrLocalInfileRefused) {
			t.Errorf("LoadData with LocalInfile off: %v, want ErrLocalInfileRefused", err)
		}
	})
	t.Run("server local_infile=0", func(t *testing.T) {
		var was string
		if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.local_infile").Scan(&was); err != nil {
			t.Fatal(err)
		}
		mustExec(t, admin, "SET GLOBAL local_infile = 0")
		t.Cleanup(func() { mustExec(t, admin, "SET GLOBAL local_infile = "+was) })
		fresh := connectT(t, cfg)
		for name, c := range map[string]*aiomysql.Conn{"open before": conn, "opened after": fresh} {
			_, err := c.Exec(ctx, load, allowed)
			checkServerRefusal(t, c, err)
			_, err = c.LoadData(ctx, strings.NewReader("92,y\n"), "LOAD DATA LOCAL INFILE 'y' INTO TABLE s2_load FIELDS TERMINATED BY ','")
			checkServerRefusal(t, c, err)
			if t.Failed() {
				t.Fatalf("connection %s", name)
			}
		}
		checkRows(t, conn, "SELECT COUNT(*) FROM s2_load WHERE id IN (1, 92)", 1)
	})
}

// checkServerRefusal checks that the server refused LOAD DATA LOCAL with an
// error of its own, and that the connection still answers.
func checkServerRefusal(t *testing.T, c *aiomysql.Conn, err error) {
	t.Helper()
	var se *aiomysql.Error
	if !errors.As(err, &se) {
		t.Errorf("error %v, want the server's refusal", err)
	} else if se.Number != 1148 && se.Number != 4166 { // ER_NOT_ALLOWED_COMMAND; MySQL 8's ER_CLIENT_LOCAL_FILES_DISABLED
		t.Errorf("server error %v, want 1148", se)
	}
	checkRows(t, c, "SELECT 1", 1)
}

// checkRows checks the one integer a query returns.
func checkRows(t *testing.T, c *aiomysql.Conn, q string, want int64) {
	t.Helper()
	var got int64
	if err := c.QueryRow(testCtx(t), q).Scan(&got); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	if got != want {
		t.Errorf("%s = %d, want %d", q, got, want)
	}
}

// mustExec runs a statement or fails the test.
func mustExec(t *testing.T, c *aiomysql.Conn, q string, args ...any) {
	t.Helper()
	if _, err := c.Exec(testCtx(t), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestS2_LocalInfileCapability: with LocalInfile off, CLIENT_LOCAL_FILES is
// never in the handshake response, even when client_flag asks for it.
func TestS2_LocalInfileCapability(t *testing.T) {
	for _, tc := range []struct {
		name       string
		on         bool
		clientFlag uint64
	}{
		{name: "off"},
		{name: "off, client_flag set", clientFlag: uint64(wire.ClientLocalFiles)},
		{name: "on", on: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startInfileServer(t)
			cfg := fakeConfig(t, s.srv)
			cfg.LocalInfile = tc.on
			cfg.ClientFlag = tc.clientFlag
			conn := connectT(t, cfg)
			if got := (<-s.caps)&wire.ClientLocalFiles != 0; got != tc.on {
				t.Errorf("CLIENT_LOCAL_FILES sent: %v, want %v", got, tc.on)
			}
			if got := conn.Capabilities()&uint64(wire.ClientLocalFiles) != 0; got != tc.on {
				t.Errorf("CLIENT_LOCAL_FILES negotiated: %v, want %v", got, tc.on)
			}
		})
	}
}
