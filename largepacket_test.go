package aiomysql_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
)

// maxPayload is the largest payload of one packet, 2^24-1 bytes.
const maxPayload = 1<<24 - 1

// countingConn counts the bytes written to a connection, and those read
// when read is set.
type countingConn struct {
	net.Conn
	written *atomic.Int64
	read    *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if c.read != nil {
		c.read.Add(int64(n))
	}
	return n, err
}

func (c countingConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.written.Add(int64(n))
	return n, err
}

// largePacketConn connects as root with MaxAllowedPacket 64 MiB (the test
// server's max_allowed_packet too) and returns the connection and the
// count of bytes it has written.
func largePacketConn(t *testing.T) (*aiomysql.Conn, *atomic.Int64) {
	t.Helper()
	cfg := userConfig(t, testServer(t).Root)
	cfg.TLSMode = aiomysql.TLSDisabled
	// The byte counts are the plain framing's, and so is the exact bound:
	// with compression, MariaDB refuses a command a few bytes short of
	// max_allowed_packet (compress_test.go covers large packets there).
	cfg.Compress = false
	cfg.MaxAllowedPacket = 64 << 20
	written := new(atomic.Int64)
	cfg.Dialer = func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		nc, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{Conn: nc, written: written}, nil
	}
	conn := connectT(t, cfg)
	var serverMax int
	if err := conn.QueryRow(testCtx(t), "SELECT @@max_allowed_packet").Scan(&serverMax); err != nil {
		t.Fatal(err)
	}
	if serverMax != 64<<20 {
		t.Fatalf("the test server's max_allowed_packet is %d, want 64 MiB", serverMax)
	}
	return conn, written
}

// blobData returns n random bytes, none of which interpolation escapes, so
// that the literal's length is known.
func blobData(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.NewChaCha8([32]byte{'L', '1'}).Read(b)
	for i, c := range b {
		switch c {
		case 0, '\n', '\r', '\\', '\'', '"', 0x1a:
			b[i] = 'x'
		}
	}
	return b
}

// framed is the number of bytes a payload of n bytes takes on the wire:
// packets of maxPayload bytes, then a shorter one (empty when n is a
// multiple), each with a 4-byte header.
func framed(n int) int64 { return int64(n + 4*(n/maxPayload+1)) }

func TestL1_PacketBoundaryWrite(t *testing.T) {
	conn, written := largePacketConn(t)
	ctx := testCtx(t)
	mustExec(t, conn, "DROP TABLE IF EXISTS l1_blobs")
	mustExec(t, conn, "CREATE TABLE l1_blobs (id INT PRIMARY KEY, b LONGBLOB NOT NULL)")
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS l1_blobs") })
	all := blobData(40 << 20)
	for i, payload := range []int{maxPayload - 1, maxPayload, maxPayload + 1, 2 * maxPayload, 40 << 20} {
		id := i + 1
		t.Run(fmt.Sprint(payload), func(t *testing.T) {
			// COM_QUERY's payload is the command byte and the statement, whose
			// value is _binary'…' with nothing escaped in it.
			prefix := fmt.Sprintf("INSERT INTO l1_blobs (id, b) VALUES (%d, ", id)
			n := payload - 1 - len(prefix) - len("_binary''") - len(")")
			data := all[:n]
			before := written.Load()
			if _, err := conn.Exec(ctx, prefix+"?)", aiomysql.QueryExecModeText, data); err != nil {
				t.Fatalf("INSERT of %d bytes: %v", n, err)
			}
			if got, want := written.Load()-before, framed(payload); got != want {
				t.Errorf("the INSERT took %d bytes on the wire, want %d (a %d-byte payload)", got, want, payload)
			}
			sum := sha256.Sum256(data)
			var length int
			var hash string
			if err := conn.QueryRow(ctx, "SELECT LENGTH(b), SHA2(b, 256) FROM l1_blobs WHERE id = ?", id).Scan(&length, &hash); err != nil {
				t.Fatal(err)
			}
			if length != n || hash != hex.EncodeToString(sum[:]) {
				t.Errorf("the server stored %d bytes with SHA-256 %s, want %d and %x", length, hash, n, sum)
			}
			// Read back: a row of n bytes plus its length prefix, across the
			// packet boundary.
			var back []byte
			if err := conn.QueryRow(ctx, "SELECT b FROM l1_blobs WHERE id = ?", id).Scan(&back); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back, data) {
				t.Errorf("read back %d bytes, want the %d written", len(back), n)
			}
		})
	}
}

func TestL1_PacketBoundaryRead(t *testing.T) {
	conn, _ := largePacketConn(t)
	ctx := testCtx(t)
	want := bytes.Repeat([]byte{'a'}, 16777212+maxPayload)
	// A row of one value of n < 2^24 bytes is n+4 bytes long (0xfd and a
	// 3-byte length first): these rows are 2^24-2, 2^24-1 and 2^24 bytes;
	// then rows past one and two full packets.
	for _, n := range []int{16777210, 16777211, 16777212, maxPayload, 2*maxPayload - 9, 2*maxPayload - 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var got []byte
			if err := conn.QueryRow(ctx, "SELECT REPEAT('a', ?)", n).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want[:n]) {
				t.Errorf("got %d bytes (%d of them 'a'), want %d times 'a'", len(got), bytes.Count(got, []byte{'a'}), n)
			}
			// The stream is in step after it.
			var one int
			if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
				t.Fatalf("SELECT 1 after it: %d, %v", one, err)
			}
		})
	}
}

func TestL2_OverMaxAllowedPacket(t *testing.T) {
	conn, written := largePacketConn(t)
	ctx := testCtx(t)
	big := strings.Repeat("b", 70_000_000)
	tests := []struct {
		name string
		run  func() error
	}{
		{"interpolated", func() error { _, err := conn.Exec(ctx, "SELECT LENGTH(?)", big); return err }},
		{"as text", func() error { _, err := conn.Exec(ctx, "SELECT LENGTH('"+big+"')"); return err }},
		{"Query", func() error { _, err := conn.Query(ctx, "SELECT LENGTH(?)", big); return err }},
		{"one byte over", func() error {
			q := "SELECT LENGTH('" + big[:64<<20-len("SELECT LENGTH('')")] + "')" // 1 + len(q) = 64 MiB + 1
			_, err := conn.Exec(ctx, q)
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := written.Load()
			err := tc.run()
			if !errors.Is(err, aiomysql.ErrPacketTooLarge) {
				t.Errorf("error %v, want ErrPacketTooLarge", err)
			}
			if n := written.Load() - before; n != 0 {
				t.Errorf("%d bytes were written", n)
			}
			var one int
			if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
				t.Fatalf("SELECT 1 after it: %d, %v", one, err)
			}
		})
	}
}

// TestL2_AtMaxAllowedPacket: the server takes a command only when its
// payload is smaller than max_allowed_packet (MariaDB answers one of exactly
// that size with ERR 1153 and closes the connection), so the client must
// refuse it before sending.
func TestL2_AtMaxAllowedPacket(t *testing.T) {
	conn, written := largePacketConn(t)
	ctx := testCtx(t)
	fill := strings.Repeat("b", 64<<20)
	for _, payload := range []int{64<<20 - 1, 64 << 20} {
		q := "SELECT LENGTH('" + fill[:payload-1-len("SELECT LENGTH('')")] + "')"
		before := written.Load()
		var n int
		err := conn.QueryRow(ctx, q).Scan(&n)
		switch {
		case payload < 64<<20 && (err != nil || n != len(q)-len("SELECT LENGTH('')")):
			t.Errorf("a %d-byte payload: %d, %v; want it accepted", payload, n, err)
		case payload == 64<<20 && !errors.Is(err, aiomysql.ErrPacketTooLarge):
			t.Errorf("a %d-byte payload: error %v, want ErrPacketTooLarge", payload, err)
		case payload == 64<<20 && written.Load() != before:
			t.Errorf("a %d-byte payload: %d bytes were written", payload, written.Load()-before)
		}
		var one int
		if err := conn.QueryRow(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
			t.Fatalf("SELECT 1 after a %d-byte payload: %d, %v", payload, one, err)
		}
	}
}
