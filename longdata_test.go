package aiomysql_test

import (
	"bytes"
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql"
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
	mustExec(t, conn, "DROP TABLE IF EXISTS l3_blobs")
	mustExec(t, conn, "CREATE TABLE l3_blobs (id INT PRIMARY KEY, b LONGBLOB NULL)")
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
	}{
		{"20 MB", all, true},
		{"empty", []byte{}, false},
		{"at the threshold", all[:threshold], false},
		{"one byte over", all[:threshold+1], true},
		{"small after long data", all[:10], false},
	}
	for i, tc := range tests {
		id := i + 1
		t.Run(tc.name, func(t *testing.T) {
			sentBefore := longDataSent(t, conn)
			wroteBefore := written.Load()
			start := time.Now()
			if _, err := st.Exec(ctx, id, tc.data); err != nil {
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
