package protocol_test

import (
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

const readTimeout = 200 * time.Millisecond

// TestReadTimeoutPerRead: ReadTimeout bounds each read, not the statement:
// a stream read by a slow consumer for longer than the timeout in all
// arrives in full.
func TestReadTimeoutPerRead(t *testing.T) {
	const n = 50000
	opts := realOptions(t)
	opts.ReadTimeout = readTimeout
	c := connect(t, opts)
	start := time.Now()
	r, err := c.QueryText(testCtx(t), protocol.Request{Op: "query"},
		"SELECT seq, REPEAT('x', 100) FROM seq_1_to_"+strconv.Itoa(n))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for {
		row, err := r.NextRow()
		if err != nil {
			t.Fatalf("after %d rows (%v): %v", rows, time.Since(start), err)
		}
		if row == nil {
			break
		}
		rows++
		if got := firstColumn(t, row); got != strconv.Itoa(rows) {
			t.Fatalf("row %d is %q", rows, got)
		}
		if rows%1000 == 0 {
			time.Sleep(5 * time.Millisecond) // a slow consumer
		}
	}
	if rows != n {
		t.Errorf("%d rows, want %d", rows, n)
	}
	if d := time.Since(start); d <= readTimeout {
		t.Errorf("the stream took %v, not longer than the read timeout: the test proves nothing", d)
	}
	if got := queryRows(t, c, "SELECT 1"); len(got) != 1 || got[0] != "1" {
		t.Errorf("SELECT 1 afterwards = %v", got)
	}
}

// TestReadTimeoutStall: a server that stalls mid-result fails the read
// within the timeout (and a little), with an error that is a deadline error
// and says the result is incomplete.
func TestReadTimeoutStall(t *testing.T) {
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		if _, err := c.ExpectCommand(wire.CommandQuery); err != nil {
			return err
		}
		if err := c.WritePacket(wire.AppendLenEncInt(nil, 1)); err != nil {
			return err
		}
		if err := writeColumn(c, "v"); err != nil {
			return err
		}
		if err := writeTextRow(c, "1"); err != nil {
			return err
		}
		return waitGone(c) // a stall
	}))
	opts := fakeOptions(srv)
	opts.ReadTimeout = readTimeout
	c := connect(t, opts)
	r, err := c.QueryText(testCtx(t), protocol.Request{Op: "query"}, "SELECT v")
	if err != nil {
		t.Fatal(err)
	}
	if row, err := r.NextRow(); err != nil || firstColumn(t, row) != "1" {
		t.Fatalf("first row %q, %v", row, err)
	}
	start := time.Now()
	_, err = r.NextRow()
	d := time.Since(start)
	if !errors.Is(err, os.ErrDeadlineExceeded) || !errors.Is(err, protocol.ErrResultIncomplete) {
		t.Errorf("NextRow on a stalled stream = %v, want os.ErrDeadlineExceeded and ErrResultIncomplete", err)
	}
	if d > readTimeout+100*time.Millisecond {
		t.Errorf("NextRow failed after %v, want within %v", d, readTimeout+100*time.Millisecond)
	}
	if s := c.State(); s != protocol.StateBroken {
		t.Errorf("state %v, want broken", s)
	}
}
