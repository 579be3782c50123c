package aiomysql_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// longDataConn connects as root with configure applied and returns the
// connection and the count of bytes it has written.
func longDataConn(t *testing.T, configure func(*aiomysql.Config)) (*aiomysql.Conn, *atomic.Int64) {
	t.Helper()
	written := new(atomic.Int64)
	conn := rootConnWith(t, func(cfg *aiomysql.Config) {
		cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			nc, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{Conn: nc, written: written}, nil
		}
		configure(cfg)
	})
	return conn, written
}

// longDataSent is the session's count of COM_STMT_SEND_LONG_DATA commands.
func longDataSent(t *testing.T, conn *aiomysql.Conn) int {
	t.Helper()
	var name string
	var n int
	if err := conn.QueryRow(testCtx(t), "SHOW SESSION STATUS LIKE 'Com_stmt_send_long_data'").Scan(&name, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestL3_LargeBinaryParameters: a prepared INSERT of a 20 MB []byte goes
// through COM_STMT_SEND_LONG_DATA (the server counts the commands, and the
// execute that follows is small), and reads back byte for byte; an empty
// []byte is stored as empty, not NULL; a value exactly at the threshold is
// sent in the execute, one byte over as long data. The same statement then
// runs again with a small value (the server forgot the long data).
func TestL3_LargeBinaryParameters(t *testing.T) {
	conn, written := longDataConn(t, func(*aiomysql.Config) {})
	ctx := testCtx(t)
	threshold := aiomysql.NewConfig().LongDataThreshold
	if threshold <= 0 {
		t.Fatalf("NewConfig().LongDataThreshold = %d, want a positive default", threshold)
	}
	var serverMax int
	if err := conn.QueryRow(ctx, "SELECT @@max_allowed_packet").Scan(&serverMax); err != nil {
		t.Fatal(err)
	}
	const big = 20_000_000
	if serverMax <= big {
		t.Fatalf("the test server's max_allowed_packet is %d, want more than %d", serverMax, big)
	}
	mustExecAll(t, conn, "DROP TABLE IF EXISTS l3_blobs")
	mustExecAll(t, conn, "CREATE TABLE l3_blobs (id INT PRIMARY KEY, b LONGBLOB NULL)")
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS l3_blobs") })
	st, err := conn.Prepare(ctx, "INSERT INTO l3_blobs (id, b) VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all := blobData(big)
	tests := []struct {
		name string
		data []byte
		long bool // sent with COM_STMT_SEND_LONG_DATA
		// conn runs Conn.Exec (a cached statement, prepared and executed
		// in one round trip on MariaDB when no long data goes) instead of
		// the prepared statement's Exec.
		conn bool
	}{
		{"20 MB", all, true, false},
		{"empty", []byte{}, false, false},
		{"at the threshold", all[:threshold], false, false},
		{"one byte over", all[:threshold+1], true, false},
		{"small after long data", all[:10], false, false},
		{"Conn.Exec: 20 MB", all, true, true},
		{"Conn.Exec: 20 MB again (cached)", all, true, true},
		{"Conn.Exec: empty", []byte{}, false, true},
	}
	for i, tc := range tests {
		id := i + 1
		t.Run(tc.name, func(t *testing.T) {
			sentBefore := longDataSent(t, conn)
			wroteBefore := written.Load()
			start := time.Now()
			exec := st.Exec
			if tc.conn {
				exec = func(ctx context.Context, args ...any) (aiomysql.Result, error) {
					return conn.Exec(ctx, "INSERT INTO l3_blobs (b, id) VALUES (?, ?)", append([]any{tc.data}, args[0])...)
				}
			}
			if _, err := exec(ctx, id, tc.data); err != nil {
				t.Fatalf("INSERT of %d bytes: %v", len(tc.data), err)
			}
			elapsed := time.Since(start)
			wrote := written.Load() - wroteBefore
			var back []byte
			var length int
			var isNull bool
			if err := conn.QueryRow(ctx, "SELECT b, LENGTH(b), b IS NULL FROM l3_blobs WHERE id = ?", id).Scan(&back, &length, &isNull); err != nil {
				t.Fatal(err)
			}
			sent := longDataSent(t, conn) - sentBefore
			if tc.long && sent == 0 {
				t.Errorf("%d bytes: no COM_STMT_SEND_LONG_DATA was sent", len(tc.data))
			}
			if !tc.long && sent != 0 {
				t.Errorf("%d bytes: %d COM_STMT_SEND_LONG_DATA sent, want the value in the execute", len(tc.data), sent)
			}
			// Everything went out once: the value, and a few hundred bytes of
			// headers, execute and the pieces' framing.
			if n := int64(len(tc.data)); wrote < n || wrote > n+1024 {
				t.Errorf("the INSERT wrote %d bytes for a %d-byte value", wrote, n)
			}
			if isNull {
				t.Fatalf("%d bytes were stored as NULL", len(tc.data))
			}
			if length != len(tc.data) || !bytes.Equal(back, tc.data) {
				t.Errorf("LENGTH(b) = %d and %d bytes read back, want %d bytes equal to those written", length, len(back), len(tc.data))
			}
			if tc.long {
				t.Logf("%d bytes in %d COM_STMT_SEND_LONG_DATA: INSERT %v", len(tc.data), sent, elapsed)
			}
		})
	}
}

// comCount is the session's count of the status variable Com_<name>.
func comCount(t *testing.T, conn *aiomysql.Conn, name string) int {
	t.Helper()
	var v string
	var n int
	if err := conn.QueryRow(testCtx(t), "SHOW SESSION STATUS LIKE 'Com_"+name+"'").Scan(&v, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLongDataOverServerMax: a value larger than the server's
// max_allowed_packet. When the client knows the limit, it refuses the value
// with ErrPacketTooLarge before writing anything; when it was told a larger
// one, the server refuses the joined long data with its error (1105), and
// the statement, which the server leaves failing every execute after that
// until COM_STMT_RESET, is reset: its next execute works.
func TestLongDataOverServerMax(t *testing.T) {
	admin := rootConn(t)
	ctx := testCtx(t)
	var oldMax int
	if err := admin.QueryRow(ctx, "SELECT @@GLOBAL.max_allowed_packet").Scan(&oldMax); err != nil {
		t.Fatal(err)
	}
	mustExecAll(t, admin, "SET GLOBAL max_allowed_packet = 16777216")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "SET GLOBAL max_allowed_packet = ?", oldMax) })
	mustExecAll(t, admin, "DROP TABLE IF EXISTS ld_over")
	mustExecAll(t, admin, "CREATE TABLE ld_over (id INT PRIMARY KEY, b LONGBLOB)")
	t.Cleanup(func() { _, _ = admin.Exec(context.Background(), "DROP TABLE IF EXISTS ld_over") })
	value := blobData(20_000_000)
	for _, tc := range []struct {
		name      string
		clientMax int // Config.MaxAllowedPacket: 0 reads the server's
	}{
		{"the client knows the limit", 0},
		{"the client assumes 64 MiB", 64 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, written := longDataConn(t, func(cfg *aiomysql.Config) { cfg.MaxAllowedPacket = tc.clientMax })
			st, err := conn.Prepare(ctx, "INSERT INTO ld_over (id, b) VALUES (?, ?)")
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			before := written.Load()
			_, err = st.Exec(ctx, 1, value)
			wrote := written.Load() - before
			var se *aiomysql.Error
			switch {
			case tc.clientMax == 0 && !errors.Is(err, aiomysql.ErrPacketTooLarge):
				t.Errorf("error %v, want ErrPacketTooLarge", err)
			case tc.clientMax == 0 && wrote != 0:
				t.Errorf("%d bytes written for a refused value", wrote)
			case tc.clientMax != 0 && (!errors.As(err, &se) || se.Number != 1105):
				t.Errorf("error %v, want the server's 1105", err)
			}
			if _, err := st.Exec(ctx, 2, []byte("small")); err != nil {
				t.Fatalf("the next execute: %v", err)
			}
			var n int
			if err := conn.QueryRow(ctx, "SELECT COUNT(*) FROM ld_over WHERE id = 2").Scan(&n); err != nil || n != 1 {
				t.Errorf("the next execute stored %d rows (%v), want 1", n, err)
			}
			mustExecAll(t, conn, "DELETE FROM ld_over")
		})
	}
}

// TestStmtReset: Stmt.Reset sends COM_STMT_RESET (the server counts it),
// the statement runs after it, and a closed statement is ErrClosed.
func TestStmtReset(t *testing.T) {
	conn := rootConn(t)
	ctx := testCtx(t)
	st, err := conn.Prepare(ctx, "SELECT ?")
	if err != nil {
		t.Fatal(err)
	}
	var v int
	if err := st.QueryRow(ctx, 7).Scan(&v); err != nil || v != 7 {
		t.Fatalf("before Reset: %d, %v", v, err)
	}
	before := comCount(t, conn, "stmt_reset")
	if err := st.Reset(ctx); err != nil {
		t.Fatalf("Reset: %v", err)
	}
	if n := comCount(t, conn, "stmt_reset") - before; n != 1 {
		t.Errorf("the server counted %d COM_STMT_RESET, want 1", n)
	}
	if err := st.QueryRow(ctx, 9).Scan(&v); err != nil || v != 9 {
		t.Fatalf("after Reset: %d, %v", v, err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Reset(ctx); !errors.Is(err, aiomysql.ErrClosed) {
		t.Errorf("Reset of a closed statement: %v, want ErrClosed", err)
	}
	if err := conn.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

// writeCountingConn counts the Write calls on a connection.
type writeCountingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c writeCountingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// longDataExecute is what the fake server saw of one execute: the long
// data of each parameter (nil when none) and the execute itself.
type longDataExecute struct {
	long [][]byte
	// pieces is the number of COM_STMT_SEND_LONG_DATA commands; maxPiece
	// the largest one's payload.
	pieces, maxPiece int
	exec             wire.ComStmtExecute
}

// TestLongDataOnTheWire checks, on the fake server, what goes out: the
// pieces of a string and of a []byte above the threshold, each packet
// smaller than max_allowed_packet, then COM_STMT_EXECUTE with the types
// sent and no value for those parameters, all in one write; a later
// execute of small values carries them itself. A value larger than
// max_allowed_packet is ErrPacketTooLarge with nothing written, and a
// COM_STMT_RESET answered with ERR is the server's error on a connection
// that stays usable.
func TestLongDataOnTheWire(t *testing.T) {
	const maxPacket = 4096
	seen := make(chan longDataExecute, 4)
	cfg := hostileServer(t, loggedIn(func(c *fakeserver.Conn) error {
		if _, err := c.ExpectCommand(wire.CommandStmtPrepare); err != nil {
			return err
		}
		ok, err := wire.StmtPrepareOK{StatementID: 7, Params: 2, MetadataFollows: true}.Encode(nil, c.Capabilities())
		if err != nil {
			return err
		}
		for _, p := range [][]byte{ok, columnDef("?"), columnDef("?")} {
			if err := c.WritePacket(p); err != nil {
				return err
			}
		}
		var prev []wire.StmtParam
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return err
			}
			switch wire.Command(pkt[0]) {
			case wire.CommandQuit:
				return nil
			case wire.CommandPing:
				if err := c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit}); err != nil {
					return err
				}
				continue
			case wire.CommandStmtReset:
				if err := c.WriteErr(1243, "HY000", "Unknown prepared statement handler"); err != nil {
					return err
				}
				continue
			}
			ex := longDataExecute{long: make([][]byte, 2)}
			for wire.Command(pkt[0]) == wire.CommandStmtSendLongData {
				var ld wire.ComStmtSendLongData
				if err := ld.Decode(pkt, c.Capabilities()); err != nil {
					return err
				}
				if ld.StatementID != 7 || ld.Param > 1 {
					return fmt.Errorf("long data for statement %d parameter %d", ld.StatementID, ld.Param)
				}
				ex.long[ld.Param] = append(ex.long[ld.Param], ld.Data...)
				ex.pieces++
				ex.maxPiece = max(ex.maxPiece, len(pkt))
				// No reply: the next command follows at once.
				if pkt, err = c.ReadCommand(); err != nil {
					return err
				}
			}
			if len(prev) == 0 {
				prev = make([]wire.StmtParam, 2)
			}
			for i := range prev {
				prev[i].LongData = ex.long[i] != nil
			}
			if err := ex.exec.Decode(pkt, c.Capabilities(), 2, prev); err != nil {
				return err
			}
			prev = append(prev[:0], ex.exec.Params...)
			seen <- ex
			if err := c.WriteOK(wire.OK{AffectedRows: 1, StatusFlags: wire.ServerStatusAutocommit}); err != nil {
				return err
			}
		}
	}))
	writes := new(atomic.Int64)
	cfg.DefaultQueryExecMode = aiomysql.QueryExecModeText
	cfg.MaxAllowedPacket = maxPacket
	cfg.LongDataThreshold = 100
	cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return writeCountingConn{Conn: nc, writes: writes}, nil
	}
	conn := connectT(t, cfg)
	ctx := testCtx(t)
	st, err := conn.Prepare(ctx, "INSERT INTO t VALUES (?, ?)")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Repeat("s", 101)
	blob := blobData(maxPacket) // the largest the server takes: two pieces
	before := writes.Load()
	if _, err := st.Exec(ctx, text, blob); err != nil {
		t.Fatalf("Exec with long data: %v", err)
	}
	if n := writes.Load() - before; n != 1 {
		t.Errorf("the long data and the execute took %d writes, want 1", n)
	}
	ex := <-seen
	if string(ex.long[0]) != text || !bytes.Equal(ex.long[1], blob) {
		t.Errorf("long data of %d and %d bytes, want %d and %d", len(ex.long[0]), len(ex.long[1]), len(text), len(blob))
	}
	if ex.pieces != 3 || ex.maxPiece >= maxPacket {
		t.Errorf("%d pieces, the largest %d bytes; want 3, each packet below %d", ex.pieces, ex.maxPiece, maxPacket)
	}
	if !ex.exec.SendTypes {
		t.Error("the execute after long data did not send the types")
	}
	for i, want := range []wire.FieldType{wire.TypeVarString, wire.TypeBlob} {
		if p := ex.exec.Params[i]; p.Type != want || !p.LongData || p.Value != nil {
			t.Errorf("parameter %d: %+v, want type %v, long data, no value", i, p, want)
		}
	}
	if _, err := st.Exec(ctx, "x", []byte("y")); err != nil {
		t.Fatalf("Exec of small values: %v", err)
	}
	ex = <-seen
	if ex.pieces != 0 || string(ex.exec.Params[0].Value) != "\x01x" || string(ex.exec.Params[1].Value) != "\x01y" {
		t.Errorf("small values: %d pieces, values %q and %q; want none and both in the execute", ex.pieces, ex.exec.Params[0].Value, ex.exec.Params[1].Value)
	}
	before = writes.Load()
	if _, err := st.Exec(ctx, "x", blobData(maxPacket+1)); !errors.Is(err, aiomysql.ErrPacketTooLarge) {
		t.Errorf("a value above max_allowed_packet: %v, want ErrPacketTooLarge", err)
	}
	if n := writes.Load() - before; n != 0 {
		t.Errorf("%d writes for a refused value", n)
	}
	var se *aiomysql.Error
	if err := st.Reset(ctx); !errors.As(err, &se) || se.Number != 1243 {
		t.Errorf("Reset answered with ERR 1243: %v", err)
	}
	if err := conn.Ping(ctx); err != nil {
		t.Fatalf("Ping after the ERR: %v", err)
	}
}
