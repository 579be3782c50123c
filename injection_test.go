package aiomysql_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/sqltext"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// s7Victim is the table the S7 attacks aim at; it has s7Rows rows, none of
// whose names an attack string matches.
const (
	s7Victim = "SELECT id FROM s7_victim WHERE name = ?"
	s7Rows   = 3
)

// s7Attack is the classic argument: in gbk and big5, 0xbf followed by the
// backslash an escaper puts before the quote is one character, so the
// quote ends the string. s7AttackSJIS does the same in sjis and cp932,
// where 0xbf is a one-byte katakana but 0x95 starts a two-byte character.
const (
	s7Attack     = "\xbf' OR 1=1 -- "
	s7AttackSJIS = "\x95' OR 1=1 -- "
)

// s7Charsets are MariaDB's character sets that can hide 0x5c in a character.
var s7Charsets = []struct {
	name   string
	attack string // the argument that injects when escaped naively
}{
	{"gbk", s7Attack}, {"big5", s7Attack}, {"sjis", s7AttackSJIS}, {"cp932", s7AttackSJIS},
}

// setUpS7 creates the victim table and returns a Config for the test
// server over TCP.
func setUpS7(t *testing.T) *aiomysql.Config {
	t.Helper()
	admin := rootConn(t)
	mustExec(t, admin, "DROP TABLE IF EXISTS s7_victim")
	mustExec(t, admin, "CREATE TABLE s7_victim (id INT PRIMARY KEY, name VARCHAR(40)) CHARACTER SET utf8mb4")
	mustExec(t, admin, "INSERT INTO s7_victim VALUES (1, 'alice'), (2, 'bob'), (3, 'carol')")
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	// The S7 scenarios are about interpolation (TestS7_PreparedModesBind
	// covers the default, prepared, mode).
	cfg.DefaultQueryExecMode = aiomysql.QueryExecModeText
	return cfg
}

// TestS7_PreparedModesBind: in the prepared execution modes (the default)
// the arguments never enter the text, so in every character set where
// interpolation is refused the query runs, and the attack finds nothing.
func TestS7_PreparedModesBind(t *testing.T) {
	cfg := setUpS7(t)
	for _, mode := range []aiomysql.QueryExecMode{aiomysql.QueryExecModeDefault, aiomysql.QueryExecModePrepareExecute, aiomysql.QueryExecModeDirect} {
		for _, cs := range s7Charsets {
			t.Run(mode.String()+"/"+cs.name, func(t *testing.T) {
				c := cfg.Clone()
				c.Charset = cs.name
				c.DefaultQueryExecMode = mode
				conn := connectT(t, c)
				if n, err := countRows(t, conn, s7Victim, cs.attack); n != 0 {
					t.Fatalf("the attack returned %d rows (error %v)", n, err)
				}
				if n, err := countRows(t, conn, s7Victim, "bob"); err != nil || n != 1 {
					t.Fatalf("a plain value in %s: %d rows, %v; want 1", cs.name, n, err)
				}
			})
		}
	}
}

// countRows runs q with args and returns how many rows it gave.
func countRows(t *testing.T, c *aiomysql.Conn, q string, args ...any) (int, error) {
	t.Helper()
	rows, err := c.Query(testCtx(t), q, args...)
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Close()
}

// checkRefusedInterpolation runs the attack through Query, QueryRow and
// Exec: each must be refused before anything is sent, and the connection
// must still answer.
func checkRefusedInterpolation(t *testing.T, c *aiomysql.Conn, attack string) {
	t.Helper()
	ctx := testCtx(t)
	n, err := countRows(t, c, s7Victim, attack)
	if n != 0 {
		t.Fatalf("the attack returned %d rows (error %v)", n, err)
	}
	if !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Errorf("Query: error %v, want ErrUnsafeInterpolation", err)
	}
	var id int
	if err := c.QueryRow(ctx, s7Victim, attack).Scan(&id); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Errorf("QueryRow: error %v, want ErrUnsafeInterpolation", err)
	}
	if _, err := c.Exec(ctx, "UPDATE s7_victim SET name = 'x' WHERE name = ?", attack); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
		t.Errorf("Exec: error %v, want ErrUnsafeInterpolation", err)
	}
	if n, err := countRows(t, c, "SELECT id FROM s7_victim"); err != nil || n != s7Rows {
		t.Fatalf("after the refusals: %d rows, %v; want %d", n, err, s7Rows)
	}
}

// TestS7_NaiveEscapingInjects shows that the attack is real on this server:
// escaped as for a single-byte character set and sent as text in each of
// these character sets, it returns every row. (This is what the client
// must never do.)
func TestS7_NaiveEscapingInjects(t *testing.T) {
	cfg := setUpS7(t)
	for _, cs := range s7Charsets {
		t.Run(cs.name, func(t *testing.T) {
			c := cfg.Clone()
			c.Charset = cs.name
			conn := connectT(t, c)
			q := "SELECT id FROM s7_victim WHERE name = " + string(types.AppendQuotedString(nil, cs.attack, false))
			n, err := countRows(t, conn, q)
			if err != nil || n != s7Rows {
				t.Errorf("naive escaping in %s: %d rows, %v; want all %d (the attack)", cs.name, n, err, s7Rows)
			}
		})
	}
}

func TestS7_CharsetAtConnect(t *testing.T) {
	cfg := setUpS7(t)
	tests := []struct {
		name      string
		configure func(c *aiomysql.Config)
		attack    string
	}{
		{name: "gbk", configure: func(c *aiomysql.Config) { c.Charset = "gbk" }},
		{name: "big5", configure: func(c *aiomysql.Config) { c.Charset = "big5" }},
		{name: "sjis", configure: func(c *aiomysql.Config) { c.Charset = "sjis" }, attack: s7AttackSJIS},
		{name: "cp932", configure: func(c *aiomysql.Config) { c.Charset = "cp932" }, attack: s7AttackSJIS},
		{name: "GBK in capitals", configure: func(c *aiomysql.Config) { c.Charset = "GBK" }},
		{name: "collation only", configure: func(c *aiomysql.Config) { c.Charset, c.Collation = "", "gbk_chinese_ci" }},
		{name: "nopad collation (id above 255)", configure: func(c *aiomysql.Config) { c.Charset, c.Collation = "gbk", "gbk_chinese_nopad_ci" }},
		{name: "session variable", configure: func(c *aiomysql.Config) {
			c.Params = map[string]string{"character_set_client": "gbk"}
		}},
		{name: "init command", configure: func(c *aiomysql.Config) { c.InitCommands = []string{"SET NAMES big5"} }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg.Clone()
			tc.configure(c)
			conn := connectT(t, c)
			attack := tc.attack
			if attack == "" {
				attack = s7Attack
			}
			checkRefusedInterpolation(t, conn, attack)
		})
	}
}

func TestS7_SetNamesAtRuntime(t *testing.T) {
	cfg := setUpS7(t)
	cfg.MultiStatements = true
	for _, cs := range s7Charsets {
		for _, set := range []string{"SET NAMES " + cs.name, "SET character_set_client = " + cs.name, "DO 1; SET NAMES " + cs.name} {
			t.Run(set, func(t *testing.T) {
				conn := connectT(t, cfg)
				ctx := testCtx(t)
				if got := conn.Charset(); got != "utf8mb4" {
					t.Fatalf("Charset() = %q before, want utf8mb4", got)
				}
				if n, err := countRows(t, conn, s7Victim, cs.attack); err != nil || n != 0 {
					t.Fatalf("in utf8mb4: %d rows, %v; want 0 and no error", n, err)
				}
				mustExec(t, conn, set)
				if got := conn.Charset(); got != cs.name {
					t.Errorf("Charset() = %q after %s", got, set)
				}
				checkRefusedInterpolation(t, conn, cs.attack)
				checkRefusedInterpolation(t, conn, s7Attack)
				if _, err := conn.Exec(ctx, "SET NAMES utf8mb4"); err != nil {
					t.Fatal(err)
				}
				if n, err := countRows(t, conn, s7Victim, cs.attack); err != nil || n != 0 {
					t.Errorf("back in utf8mb4: %d rows, %v; want 0 and no error", n, err)
				}
			})
		}
	}
}

// TestS7_ResetKeepsCharsetKnown: after COM_RESET_CONNECTION or
// COM_CHANGE_USER the server's character set is the handshake's again; the
// client must not keep believing in a SET NAMES from before.
func TestS7_ResetKeepsCharsetKnown(t *testing.T) {
	cfg := setUpS7(t)
	cfg.Charset = "gbk"
	root := testServer(t).Root
	for _, reset := range []struct {
		name string
		do   func(c *aiomysql.Conn) error
	}{
		{"ResetSession", func(c *aiomysql.Conn) error { return c.ResetSession(testCtx(t)) }},
		{"ChangeUser", func(c *aiomysql.Conn) error { return c.ChangeUser(testCtx(t), root.Name, root.Password, cfg.Database) }},
	} {
		t.Run(reset.name, func(t *testing.T) {
			conn := connectT(t, cfg)
			mustExec(t, conn, "SET NAMES utf8mb4")
			if err := reset.do(conn); err != nil {
				t.Fatal(err)
			}
			var cs string
			if err := conn.QueryRow(testCtx(t), "SELECT @@character_set_client").Scan(&cs); err != nil {
				t.Fatal(err)
			}
			n, err := countRows(t, conn, s7Victim, s7Attack)
			if n != 0 {
				t.Fatalf("after %s (server charset %s): the attack returned %d rows", reset.name, cs, n)
			}
			if cs == "gbk" && !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
				t.Errorf("after %s the server is in gbk; error %v, want ErrUnsafeInterpolation", reset.name, err)
			}
		})
	}
}

// TestS7_GB18030 covers MySQL's gb18030, which MariaDB lacks, on the fake
// server: configured at connect and set at runtime (reported through
// session tracking), it refuses interpolation and sends nothing.
func TestS7_GB18030(t *testing.T) {
	const setNames = "SET NAMES gb18030"
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		cs := "utf8mb4"
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return err
			}
			ok := wire.OK{StatusFlags: wire.ServerStatusAutocommit}
			switch {
			case wire.Command(pkt[0]) == wire.CommandQuit:
				return nil
			case string(pkt[1:]) == setNames:
				cs = "gb18030"
				ok.StatusFlags |= wire.ServerSessionStateChanged
				ok.SessionChanges = []wire.SessionChange{{Type: wire.SessionTrackSystemVariables, Name: "character_set_client", Value: "gb18030"}}
			case string(pkt[1:]) == "SELECT @@character_set_client":
				// The client proves the character set after a statement
				// that could have changed it.
				for _, p := range [][]byte{{1}, columnDef("@@character_set_client"), wire.AppendLenEncStr(nil, cs)} {
					if err := c.WritePacket(p); err != nil {
						return err
					}
				}
				ok.Header = 0xFE
			}
			if err := c.WriteOK(ok); err != nil {
				return err
			}
		}
	}))
	for _, atConnect := range []bool{true, false} {
		cfg := fakeConfig(t, srv)
		if atConnect {
			cfg.Charset = "gb18030"
		}
		conn := connectT(t, cfg)
		ctx := testCtx(t)
		if !atConnect {
			if _, err := conn.Exec(ctx, "SELECT ?", "in utf8mb4"); err != nil {
				t.Fatalf("in utf8mb4: %v", err)
			}
			mustExec(t, conn, setNames)
			if got := conn.Charset(); got != "gb18030" {
				t.Errorf("Charset() = %q after %s", got, setNames)
			}
		}
		if _, err := conn.Exec(ctx, s7Victim, s7Attack); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
			t.Errorf("at connect %v: error %v, want ErrUnsafeInterpolation", atConnect, err)
		}
		if _, err := conn.Query(ctx, s7Victim, "\x81' OR 1=1 -- "); !errors.Is(err, aiomysql.ErrUnsafeInterpolation) {
			t.Errorf("at connect %v: error %v, want ErrUnsafeInterpolation", atConnect, err)
		}
		if err := conn.Close(); err != nil {
			t.Fatal(err)
		}
	}
	srv.Close()
	for _, sc := range srv.Conns() {
		if bytes.Contains(sc.Received(), []byte("OR 1=1")) {
			t.Error("the attack went on the wire")
		}
	}
}

// s8Pieces are what the S8 strings are made of: everything that escaping
// touches, in both modes, plus multibyte UTF-8 and SQL punctuation.
var s8Pieces = []string{
	`\`, `'`, `"`, "\x00", "\x1a", "\n", "\r", "\t", `\'`, `''`, `\\`, `\0`, `\Z`, `\n`,
	"%", "_", "?", "--", "-- ", "#", "/*", "*/", ";", "`", " ", "a", "Z", "0",
	"é", "中", "😀", "\u00a0", "\u2028", "ß",
}

// s8Strings returns n random strings of s8Pieces, the same ones every run.
func s8Strings(n int) []string {
	rng := rand.New(rand.NewPCG(8, 8))
	out := make([]string, n)
	var b strings.Builder
	for i := range out {
		b.Reset()
		for range rng.IntN(25) {
			b.WriteString(s8Pieces[rng.IntN(len(s8Pieces))])
		}
		out[i] = b.String()
	}
	return out
}

const (
	s8Count     = 10_000
	s8BatchSize = 500
	// serverStatusNoBackslashEscapes is SERVER_STATUS_NO_BACKSLASH_ESCAPES.
	serverStatusNoBackslashEscapes = 0x200
)

func TestS8_NoBackslashEscapes(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	mustExec(t, admin, "DROP TABLE IF EXISTS s8_strings")
	mustExec(t, admin, "CREATE TABLE s8_strings (id INT PRIMARY KEY, v TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL)")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP TABLE IF EXISTS s8_strings") })
	var globalMode string
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.sql_mode").Scan(&globalMode); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "SET GLOBAL sql_mode = ?", globalMode) })
	strs := s8Strings(s8Count)
	base := userConfig(t, testServer(t).Root)
	base.TLSMode = aiomysql.TLSDisabled

	tests := []struct {
		name      string
		configure func(cfg *aiomysql.Config)
		setUp     func(t *testing.T, c *aiomysql.Conn)
		// mode says, before each batch, whether NO_BACKSLASH_ESCAPES is on;
		// toggle switches it with a SET when it differs.
		mode   func(batch int) bool
		toggle bool
	}{
		{name: "backslash escapes", mode: func(int) bool { return false }},
		{name: "session sql_mode", mode: func(int) bool { return true },
			setUp: func(t *testing.T, c *aiomysql.Conn) {
				mustExec(t, c, "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')")
			}},
		{name: "Config.SQLMode with ANSI_QUOTES", mode: func(int) bool { return true },
			configure: func(cfg *aiomysql.Config) { cfg.SQLMode = "NO_BACKSLASH_ESCAPES,ANSI_QUOTES" }},
		{name: "global sql_mode, new connection", mode: func(int) bool { return true },
			configure: func(*aiomysql.Config) {
				mustExec(t, admin, "SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')")
			}},
		{name: "toggled at runtime", mode: func(b int) bool { return b%2 == 1 }, toggle: true},
		{name: "toggled every third batch", mode: func(b int) bool { return b%3 != 0 }, toggle: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mustExec(t, admin, "TRUNCATE TABLE s8_strings")
			cfg := base.Clone()
			if tc.configure != nil {
				tc.configure(cfg)
			}
			conn := connectT(t, cfg)
			mustExec(t, admin, "SET GLOBAL sql_mode = ?", globalMode)
			if tc.setUp != nil {
				tc.setUp(t, conn)
			}
			for b := range s8Count / s8BatchSize {
				want := tc.mode(b)
				if tc.toggle {
					if want {
						mustExec(t, conn, "SET sql_mode = 'NO_BACKSLASH_ESCAPES'")
					} else {
						mustExec(t, conn, "SET sql_mode = DEFAULT")
					}
				}
				if got := conn.ServerStatus()&serverStatusNoBackslashEscapes != 0; got != want {
					t.Fatalf("batch %d: the status says NO_BACKSLASH_ESCAPES=%v, want %v", b, got, want)
				}
				s8Batch(t, conn, b*s8BatchSize, strs[b*s8BatchSize:(b+1)*s8BatchSize])
				if t.Failed() {
					t.FailNow()
				}
			}
			var count int
			if err := conn.QueryRow(ctx, "SELECT COUNT(*) FROM s8_strings").Scan(&count); err != nil || count != s8Count {
				t.Errorf("the table has %d rows (%v), want %d", count, err, s8Count)
			}
		})
	}
}

// s8Batch inserts strs with ids from first in one multi-row INSERT, reads
// them back with their HEX(), and selects them all as one row of
// interpolated literals: each must come back exactly.
func s8Batch(t *testing.T, conn *aiomysql.Conn, first int, strs []string) {
	t.Helper()
	ctx := testCtx(t)
	var q strings.Builder
	q.WriteString("INSERT INTO s8_strings (id, v) VALUES ")
	args := make([]any, 0, 2*len(strs))
	for i, s := range strs {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?)")
		args = append(args, first+i, s)
	}
	res, err := conn.Exec(ctx, q.String(), args...)
	if err != nil {
		t.Fatalf("INSERT of ids %d..: %v", first, err)
	}
	if n, _ := res.RowsAffected(); n != int64(len(strs)) {
		t.Fatalf("INSERT of ids %d..: %d rows, want %d", first, n, len(strs))
	}

	rows, err := conn.Query(ctx, "SELECT id, v, HEX(v) FROM s8_strings WHERE id BETWEEN ? AND ? ORDER BY id", first, first+len(strs)-1)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int
		var v, hx string
		if err := rows.Scan(&id, &v, &hx); err != nil {
			t.Fatal(err)
		}
		want := strs[id-first]
		if v != want || hx != strings.ToUpper(hex.EncodeToString([]byte(want))) {
			t.Errorf("id %d: stored %q (hex %s), want %q", id, v, hx, want)
		}
		n++
	}
	if err := rows.Close(); err != nil || n != len(strs) {
		t.Fatalf("read back %d rows (%v), want %d", n, err, len(strs))
	}

	q.Reset()
	q.WriteString("SELECT ")
	for i := range strs {
		if i > 0 {
			q.WriteString(", ")
		}
		fmt.Fprintf(&q, "? AS c%d", i)
	}
	got := make([]string, len(strs))
	dest := make([]any, len(strs))
	for i := range got {
		dest[i] = &got[i]
	}
	sargs := make([]any, len(strs))
	for i, s := range strs {
		sargs[i] = s
	}
	if err := conn.QueryRow(ctx, q.String(), sargs...).Scan(dest...); err != nil {
		t.Fatalf("SELECT of %d literals: %v", len(strs), err)
	}
	for i, s := range strs {
		if got[i] != s {
			t.Errorf("SELECT ? gave %q, want %q", got[i], s)
		}
	}
}

// TestS8_SetStatementSQLMode: MariaDB's SET STATEMENT sql_mode=… FOR …
// parses its statement in the session's mode, but the status flags of its
// reply carry the statement's temporary mode. A client that escapes the
// next query by those flags escapes for the wrong mode, and an argument
// with a backslash then ends its string early (an injection).
func TestS8_SetStatementSQLMode(t *testing.T) {
	cfg := setUpS7(t)
	const attack = `\' OR 1=1 -- `
	for _, tc := range []struct {
		name, session, statement string
	}{
		{"NO_BACKSLASH_ESCAPES for one statement", "DEFAULT", "'NO_BACKSLASH_ESCAPES'"},
		{"backslash escapes for one statement", "'NO_BACKSLASH_ESCAPES'", "''"},
	} {
		for _, via := range []string{"Exec", "Query"} {
			t.Run(tc.name+" via "+via, func(t *testing.T) {
				conn := connectT(t, cfg)
				ctx := testCtx(t)
				mustExec(t, conn, "SET sql_mode = "+tc.session)
				q := "SET STATEMENT sql_mode = " + tc.statement + " FOR SELECT ?"
				var err error
				if via == "Exec" {
					_, err = conn.Exec(ctx, q, `a\b`)
				} else {
					var got string
					err = conn.QueryRow(ctx, q, `a\b`).Scan(&got)
					if err == nil && got != `a\b` {
						t.Errorf("%s gave %q", q, got)
					}
				}
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				n, err := countRows(t, conn, s7Victim, attack)
				if err != nil || n != 0 {
					t.Errorf("the next query: %d rows, %v; want 0 rows and no error", n, err)
				}
				var got string
				if err := conn.QueryRow(ctx, "SELECT ?", attack).Scan(&got); err != nil || got != attack {
					t.Errorf("SELECT ? = %q, %v; want %q", got, err, attack)
				}
			})
		}
	}
}

// TestS9_PlaceholdersInCommentsAndStrings: a ? inside a comment, a string
// or a quoted identifier is text, not a placeholder; the values land where
// the real placeholders are, on the real server, with multi-statements on.
func TestS9_PlaceholdersInCommentsAndStrings(t *testing.T) {
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MultiStatements = true
	tests := []struct {
		name  string
		mode  string // sql_mode for the session; "" leaves the default
		query string
		args  []any
		want  []string // the one row
		err   any      // a pointer to the error type errors.As must find
	}{
		{name: "block comment", query: "SELECT /* ? */ ?", args: []any{"x"}, want: []string{"x"}},
		{name: "string", query: "SELECT '?', ?", args: []any{"x"}, want: []string{"?", "x"}},
		{name: "double-quoted string", query: `SELECT "?", ?`, args: []any{"x"}, want: []string{"?", "x"}},
		{name: "escaped quote in a string", query: `SELECT 'it\'s ?', ?`, args: []any{"x"}, want: []string{"it's ?", "x"}},
		{name: "doubled quote in a string", query: `SELECT 'it''s ?', ?`, args: []any{"x"}, want: []string{"it's ?", "x"}},
		{name: "quoted identifiers", query: "SELECT `?` FROM (SELECT 1 AS `?`) t WHERE 1 = ?", args: []any{1}, want: []string{"1"}},
		{name: "line comment", query: "SELECT ?\n-- ?\n, ?", args: []any{1, 2}, want: []string{"1", "2"}},
		{name: "hash comment", query: "SELECT ? # ?\n, ?", args: []any{1, 2}, want: []string{"1", "2"}},
		{name: "-- without a space is not a comment", query: "SELECT 1 --?", args: []any{-5}, want: []string{"-4"}},
		{name: "executable comment", query: "SELECT 1 /*! + ? */", args: []any{2}, want: []string{"3"}},
		{name: "backslash in NO_BACKSLASH_ESCAPES", mode: "NO_BACKSLASH_ESCAPES", query: `SELECT 'a\', ?`, args: []any{"x"}, want: []string{`a\`, "x"}},
		{name: "ANSI_QUOTES identifiers", mode: "ANSI_QUOTES", query: `SELECT "?" FROM (SELECT 1 AS "?") t WHERE 1 = ?`, args: []any{1}, want: []string{"1"}},
		{name: "too many arguments", query: "SELECT /* ? */ ?", args: []any{1, 2}, err: new(*sqltext.ArgCountError)},
		{name: "too few arguments", query: "SELECT '?', ?, `?`, ?", args: []any{1}, err: new(*sqltext.ArgCountError)},
		{name: "conditional comment", query: "SELECT 1 /*!50700 + ? */", args: []any{2}, err: new(*sqltext.ConditionalCommentError)},
		{name: "unterminated comment", query: "SELECT ? /* ?", args: []any{1}, err: new(*sqltext.UnterminatedError)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn := connectT(t, cfg)
			if tc.mode != "" {
				mustExec(t, conn, "SET sql_mode = ?", tc.mode)
			}
			got := make([]string, len(tc.want))
			dest := make([]any, len(got))
			for i := range got {
				dest[i] = &got[i]
			}
			err := conn.QueryRow(testCtx(t), tc.query, tc.args...).Scan(dest...)
			if tc.err != nil {
				if !errors.As(err, tc.err) {
					t.Fatalf("error %v, want %T", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestS9_NoSecondStatement: with multi-statements on, no argument, wherever
// its placeholder sits, runs a second statement.
func TestS9_NoSecondStatement(t *testing.T) {
	admin := rootConn(t)
	mustExec(t, admin, "DROP TABLE IF EXISTS s9_victim")
	mustExec(t, admin, "CREATE TABLE s9_victim (id INT PRIMARY KEY, name VARCHAR(20))")
	mustExec(t, admin, "INSERT INTO s9_victim VALUES (1, 'a'), (2, 'b'), (3, 'c')")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP TABLE IF EXISTS s9_victim") })
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	cfg.MultiStatements = true
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	// Multi-statements really are on: a second statement in the text runs.
	if n := countResults(t, conn, "SELECT 1; SELECT 2"); n != 2 {
		t.Fatalf("SELECT 1; SELECT 2 gave %d results, want 2", n)
	}
	queries := []string{
		"SELECT ?",
		"SELECT id FROM s9_victim WHERE name = ?",
		"SELECT /* ? */ ?",
		"SELECT '?', ?",
		"SELECT ? -- ?",
		"SELECT ? # comment",
		"SELECT `?` FROM (SELECT 1 AS `?`) t WHERE 1 = ?",
		"SELECT 1 /*! + ? */",
	}
	attacks := []string{
		"1; DROP TABLE s9_victim",
		"1'; DROP TABLE s9_victim; -- ",
		`1\'; DROP TABLE s9_victim; -- `,
		"*/ 1; DROP TABLE s9_victim; /*",
		"x\n; DROP TABLE s9_victim; -- ",
		"\x00'; DROP TABLE s9_victim; #",
		"`; DROP TABLE s9_victim; -- ",
		`"; DROP TABLE s9_victim; -- `,
	}
	for _, mode := range []string{"DEFAULT", "'NO_BACKSLASH_ESCAPES'", "'ANSI_QUOTES'"} {
		mustExec(t, conn, "SET sql_mode = "+mode)
		for _, q := range queries {
			for _, a := range attacks {
				for _, arg := range []any{a, []byte(a)} {
					rows, err := conn.Query(ctx, q, arg)
					if err != nil {
						t.Fatalf("%s with %q in %s: %v", q, a, mode, err)
					}
					for rows.Next() {
					}
					if rows.NextResultSet() {
						t.Errorf("%s with %q in %s: a second result", q, a, mode)
					}
					if err := rows.Close(); err != nil {
						t.Fatalf("%s with %q in %s: %v", q, a, mode, err)
					}
				}
			}
		}
	}
	checkRows(t, admin, "SELECT COUNT(*) FROM s9_victim", 3)
}

// countResults runs q and counts its results.
func countResults(t *testing.T, c *aiomysql.Conn, q string) int {
	t.Helper()
	rows, err := c.Query(testCtx(t), q)
	if err != nil {
		t.Fatal(err)
	}
	n := 1
	for {
		for rows.Next() {
		}
		if !rows.NextResultSet() {
			break
		}
		n++
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	return n
}
