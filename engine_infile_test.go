package aiomysql_test

import (
	"errors"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aiomysql-go/aiomysql"
	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// infileLoopMax is how many LOCAL INFILE requests the hostile server would
// send: the scenario's 100,000.
const infileLoopMax = 100_000

// infileGiveUp is where the server stops early: past 2 the test has failed
// already, and a client that recurses per request (and wraps an error per
// level on the way back, O(n²)) would take far too long to fail at 100,000.
// A client that stops at the first repeat never gets near it.
const infileGiveUp = 1_000

// infileLoop is a server that answers a query with a LOCAL INFILE request
// and every terminator the client sends with another, up to infileLoopMax
// times (infileGiveUp in practice, then it hangs up). It counts the requests
// it sent in requests.
func infileLoop(requests *atomic.Int64) fakeserver.Handler {
	return loggedIn(func(c *fakeserver.Conn) error {
		if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
			return err
		}
		for requests.Load() < infileLoopMax {
			if requests.Load() == infileGiveUp {
				return c.Close()
			}
			if err := c.WritePacket(append([]byte{0xFB}, "data.csv"...)); err != nil {
				return nil // the client has gone
			}
			requests.Add(1)
			for { // the file's packets, up to the empty terminator
				pkt, err := c.ReadPacket()
				if err != nil {
					return nil // the client has gone
				}
				if len(pkt) == 0 {
					break
				}
			}
		}
		return c.WriteOK(wire.OK{StatusFlags: wire.ServerStatusAutocommit})
	})
}

// TestH5_LocalInfileRequestLoop: a second LOCAL INFILE request for one
// command is a protocol error, met at once, with no recursion and no growth.
func TestH5_LocalInfileRequestLoop(t *testing.T) {
	for _, tc := range []struct {
		name string
		on   bool
	}{{"LocalInfile off", false}, {"LocalInfile on, LoadData", true}} {
		t.Run(tc.name, func(t *testing.T) {
			var requests atomic.Int64
			srv := fakeserver.Start(t, infileLoop(&requests))
			cfg := fakeConfig(t, srv)
			cfg.LocalInfile = tc.on
			conn, err := aiomysql.Connect(testCtx(t), cfg)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			if tc.on {
				_, err = conn.LoadData(testCtx(t), strings.NewReader("1\n2\n"),
					"LOAD DATA LOCAL INFILE 'data.csv' INTO TABLE t")
			} else {
				_, err = conn.Exec(testCtx(t), "SELECT 1")
			}
			runtime.ReadMemStats(&after)
			conn.Close()
			serverSide(t, srv) // the script has ended: the count is final
			if !errors.Is(err, aiomysql.ErrProtocol) {
				t.Errorf("the call = %.300v (%d bytes of text), want an error wrapping ErrProtocol", err, errLen(err))
			}
			if n := requests.Load(); n > 2 {
				t.Errorf("the server sent %d LOCAL INFILE requests, want the error at the first repeat (≤2)", n)
			}
			if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 10<<20 {
				t.Errorf("the heap in use grew by %d bytes", grew)
			}
			if grew := int64(after.StackInuse) - int64(before.StackInuse); grew > 10<<20 {
				t.Errorf("the stacks in use grew by %d bytes: recursion", grew)
			}
		})
	}
}

// errLen is the length of err's text (0 for nil).
func errLen(err error) int {
	if err == nil {
		return 0
	}
	return len(err.Error())
}
