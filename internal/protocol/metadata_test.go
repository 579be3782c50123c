package protocol_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/types"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// metadataServer answers each query with a result set of one column whose
// column-count packet carries the metadata-follows byte: "SKIP" skips the
// column definition (byte 0), anything else sends it (byte 1).
func metadataServer(t *testing.T) *fakeserver.Server {
	return fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		for {
			pkt, err := c.ReadCommand()
			if err != nil {
				return nil
			}
			if wire.Command(pkt[0]) == wire.CommandQuit {
				return nil
			}
			follows := string(pkt[1:]) != "SKIP"
			flag := byte(0)
			if follows {
				flag = 1
			}
			if err := c.WritePacket([]byte{1, flag}); err != nil {
				return err
			}
			if follows {
				if err := writeColumn(c, "sent"); err != nil {
					return err
				}
			}
			for _, v := range []string{"a", "b"} {
				if err := writeTextRow(c, v); err != nil {
					return err
				}
			}
			if err := c.WriteOK(wire.OK{Header: 0xFE, StatusFlags: autocommit}); err != nil {
				return err
			}
		}
	}))
}

// TestMetadataFollows: with MariaDB's metadata caching negotiated, a
// column count whose metadata-follows byte is 0 makes the result use the
// request's cached columns, one whose byte is 1 reads the definitions; a
// server that skips the metadata when nothing is cached is a protocol
// error.
func TestMetadataFollows(t *testing.T) {
	c := connect(t, fakeOptions(metadataServer(t)))
	// The client never asks for MARIADB_CLIENT_CACHE_METADATA (prepared
	// statements will); the seam sets it as a handshake would.
	c.AddCapabilitiesForTest(wire.MariaDBClientCacheMetadata)
	ctx := testCtx(t)
	cached := []types.Column{{Name: "cached", Type: wire.TypeVarString, Charset: 45, Length: 255}}

	r, err := c.QueryText(ctx, protocol.Request{Op: "query", Columns: cached}, "SKIP")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(r); got != "cached" || len(r.DecodeColumns()) != 1 || r.DecodeColumns()[0] != cached[0] {
		t.Errorf("skipped metadata: columns %q %+v, want the cached one", got, r.DecodeColumns())
	}
	if got := readAll(t, r); strings.Join(got, ",") != "a,b" {
		t.Errorf("rows %v", got)
	}

	r, err = c.QueryText(ctx, protocol.Request{Op: "query", Columns: cached}, "SEND")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(r); got != "sent" {
		t.Errorf("metadata sent: columns %q, want the server's", got)
	}
	if got := readAll(t, r); strings.Join(got, ",") != "a,b" {
		t.Errorf("rows %v", got)
	}

	_, err = c.QueryText(ctx, protocol.Request{Op: "query"}, "SKIP")
	if !errors.Is(err, protocol.ErrProtocol) || !strings.Contains(err.Error(), "skipped the metadata") {
		t.Errorf("skipped metadata with nothing cached = %v, want a protocol error saying so", err)
	}
	if s := c.State(); s != protocol.StateBroken {
		t.Errorf("state %v, want broken", s)
	}
}
