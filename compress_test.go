package aiomysql_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// compressedConn connects as root over the compressed protocol (LOCAL
// INFILE on) and returns the connection and its socket's byte counts.
func compressedConn(t *testing.T) (*aiomysql.Conn, *byteCounter) {
	t.Helper()
	n := &byteCounter{}
	c := rootConnWith(t, func(cfg *aiomysql.Config) {
		cfg.Compress = true
		cfg.LocalInfile = true
		cfg.MultiStatements = true
		cfg.MaxAllowedPacket = 64 << 20
		cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			nc, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{Conn: nc, written: &n.written, read: &n.read}, nil
		}
	})
	if !c.Compressed() {
		t.Fatal("Compressed() = false: the server did not take CLIENT_COMPRESS")
	}
	return c, n
}

// byteCounter is what a countingConn counted.
type byteCounter struct{ read, written atomic.Int64 }

// TestCompressedProtocol runs each kind of exchange over the compressed
// protocol against the server: the server says the session is compressed,
// compressible traffic takes fewer bytes on the wire, and results are the
// same as uncompressed.
func TestCompressedProtocol(t *testing.T) {
	c, n := compressedConn(t)

	t.Run("server agrees", func(t *testing.T) {
		ctx := testCtx(t)
		var name, on string
		if err := c.QueryRow(ctx, "SHOW SESSION STATUS LIKE 'Compression'").Scan(&name, &on); err != nil || on != "ON" {
			t.Fatalf("Compression = %q, %v; want ON", on, err)
		}
	})

	t.Run("fewer bytes", func(t *testing.T) {
		ctx := testCtx(t)
		const size = 4 << 20
		r0, w0 := n.read.Load(), n.written.Load()
		q := "SELECT LENGTH('" + strings.Repeat("compressible ", size/13) + "'), REPEAT('abc', ?)"
		var l int
		var s string
		if err := c.QueryRow(ctx, q, size/3).Scan(&l, &s); err != nil {
			t.Fatal(err)
		}
		if l != size/13*13 || len(s) != size/3*3 {
			t.Fatalf("lengths %d and %d", l, len(s))
		}
		read, written := n.read.Load()-r0, n.written.Load()-w0
		t.Logf("%d bytes up for %d of query, %d down for %d of result", written, len(q), read, len(s))
		if written > int64(len(q)/10) || read > int64(len(s)/10) {
			t.Errorf("%d bytes written, %d read: not compressed", written, read)
		}
	})

	t.Run("streamed rows across frames", func(t *testing.T) {
		ctx := testCtx(t)
		rows, err := c.Query(ctx, "SELECT seq, REPEAT('x', 40) FROM seq_1_to_200000", aiomysql.QueryExecModeText)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var count, sum int64
		for rows.Next() {
			var id int64
			var pad string
			if err := rows.Scan(&id, &pad); err != nil {
				t.Fatal(err)
			}
			count++
			sum += id
		}
		if err := rows.Err(); err != nil || count != 200000 || sum != 200000*200001/2 {
			t.Fatalf("%d rows, sum %d, %v", count, sum, err)
		}
	})

	t.Run("prepared and cursor", func(t *testing.T) {
		ctx := testCtx(t)
		rows, err := c.Query(ctx, "SELECT seq, REPEAT('y', 40) FROM seq_1_to_100000 WHERE seq > ?", aiomysql.FetchSize(1000), 0)
		if err != nil {
			t.Fatal(err)
		}
		var count int
		for rows.Next() {
			count++
		}
		if err := rows.Close(); err != nil || count != 100000 {
			t.Fatalf("%d rows through the cursor, %v", count, err)
		}
		st, err := c.Prepare(ctx, "SELECT ? + 1, CONCAT(?, REPEAT('z', 100))")
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		var v int
		var s string
		if err := st.QueryRow(ctx, 41, "a").Scan(&v, &s); err != nil || v != 42 || len(s) != 101 {
			t.Fatalf("%d, %d bytes, %v", v, len(s), err)
		}
	})

	t.Run("pipelined batch", func(t *testing.T) {
		ctx := testCtx(t)
		// Several commands queued together: each goes out in frames of
		// its own (a server reads only the first command of a frame).
		b := &aiomysql.Batch{}
		for i := range 5 {
			b.Queue("SELECT ? /* "+strings.Repeat("padding ", 20)+" */", i)
		}
		br := c.SendBatch(ctx, b)
		for i := range 5 {
			var v int
			if err := br.QueryRow().Scan(&v); err != nil || v != i {
				t.Fatalf("query %d: %d, %v", i, v, err)
			}
		}
		if err := br.Close(); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("large packets both ways", func(t *testing.T) {
		ctx := testCtx(t)
		mustExecAll(t, c, "DROP TABLE IF EXISTS comp_big", "CREATE TABLE comp_big (id INT PRIMARY KEY, b LONGBLOB)")
		defer mustExec(t, c, "DROP TABLE comp_big")
		for i, blob := range [][]byte{
			randomBytes(maxPayload + 17),                          // stored frames, over two packets
			bytes.Repeat([]byte("0123456789"), maxPayload/10+123), // compressed, over two packets
		} {
			if _, err := c.Exec(ctx, "INSERT INTO comp_big VALUES (?, ?)", i, blob); err != nil {
				t.Fatalf("insert %d (%d bytes): %v", i, len(blob), err)
			}
			var back []byte
			if err := c.QueryRow(ctx, "SELECT b FROM comp_big WHERE id = ?", i).Scan(&back); err != nil {
				t.Fatal(err)
			}
			if sha256.Sum256(back) != sha256.Sum256(blob) {
				t.Fatalf("blob %d: %d bytes back, want %d", i, len(back), len(blob))
			}
		}
	})

	t.Run("load data", func(t *testing.T) {
		ctx := testCtx(t)
		mustExecAll(t, c, "DROP TABLE IF EXISTS comp_load", "CREATE TABLE comp_load (id INT PRIMARY KEY, name VARCHAR(40))")
		defer mustExec(t, c, "DROP TABLE comp_load")
		var b strings.Builder
		for i := range 50000 {
			fmt.Fprintf(&b, "%d,row %d\n", i, i)
		}
		res, err := c.LoadData(ctx, strings.NewReader(b.String()), "LOAD DATA LOCAL INFILE 'r' INTO TABLE comp_load FIELDS TERMINATED BY ','")
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := res.RowsAffected(); n != 50000 {
			t.Fatalf("%d rows loaded", n)
		}
	})

	t.Run("multi statements", func(t *testing.T) {
		ctx := testCtx(t)
		rows, err := c.Query(ctx, "SELECT 1; SELECT 2; SELECT 3")
		if err != nil {
			t.Fatal(err)
		}
		var got []int
		for {
			for rows.Next() {
				var v int
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				got = append(got, v)
			}
			if !rows.NextResultSet() {
				break
			}
		}
		if err := rows.Close(); err != nil || len(got) != 3 || got[2] != 3 {
			t.Fatalf("%v, %v", got, err)
		}
	})

	t.Run("reset and change user", func(t *testing.T) {
		ctx := testCtx(t)
		if err := c.ResetSession(ctx); err != nil {
			t.Fatal(err)
		}
		native := testServer(t).Native
		if err := c.ChangeUser(ctx, native.Name, native.Password, "test"); err != nil {
			t.Fatal(err)
		}
		var user string
		if err := c.QueryRow(ctx, "SELECT CURRENT_USER()").Scan(&user); err != nil || !strings.HasPrefix(user, native.Name+"@") {
			t.Fatalf("CURRENT_USER() = %q, %v", user, err)
		}
	})

	t.Run("cancel", func(t *testing.T) {
		// A connection of its own: a refused change of user above (on a
		// server without the test users) closes the shared one.
		c, _ := compressedConn(t)
		ctx := testCtx(t)
		cctx, cancel := context.WithCancel(ctx)
		errc := make(chan error, 1)
		go func() {
			_, err := c.Exec(cctx, "DO SLEEP(30)")
			errc <- err
		}()
		waitRunning(t, ctx, "DO SLEEP(30)")
		cancel()
		if err := <-errc; err == nil {
			t.Fatal("the sleep was not interrupted")
		}
		var v int
		if err := c.QueryRow(ctx, "SELECT 7").Scan(&v); err != nil || v != 7 {
			t.Fatalf("after the kill: %d, %v", v, err)
		}
	})
}

// randomBytes returns n bytes that do not compress.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{1}).Read(b)
	return b
}
