package protocol_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/protocol"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestSetContextRebinds: a context governs only the reads it was given to.
// A streaming read started under ctx1, which is cancelled after the first
// row, goes on under ctx2 to the last row with no error and no cancellation.
func TestSetContextRebinds(t *testing.T) {
	const n = 200000
	c := connect(t, realOptions(t))
	ctx1, cancel1 := context.WithCancel(context.Background())
	defer cancel1()
	r, err := c.QueryText(ctx1, protocol.Request{Op: "query"}, "SELECT seq FROM seq_1_to_"+strconv.Itoa(n))
	if err != nil {
		t.Fatal(err)
	}
	row, err := r.NextRow()
	if err != nil || firstColumn(t, row) != "1" {
		t.Fatalf("first row %q, %v", row, err)
	}
	cancel1()
	r.SetContext(testCtx(t))
	rows := 1
	last := ""
	for {
		row, err := r.NextRow()
		if err != nil {
			t.Fatalf("after %d rows: %v", rows, err)
		}
		if row == nil {
			break
		}
		rows++
		last = firstColumn(t, row)
	}
	if rows != n || last != strconv.Itoa(n) {
		t.Errorf("%d rows, the last %q; want %d", rows, last, n)
	}
	if k := c.KillStats(); k.Cancels != 0 || k.Sent != 0 {
		t.Errorf("kill stats %+v: the cancelled ctx1 still governed the reads", k)
	}
	if s := c.State(); s != protocol.StateIdle {
		t.Errorf("state %v, want idle", s)
	}
}

// TestSetContextEnds: the context given to SetContext governs the wait for
// the next row: when it ends while the server stalls, NextRow fails with an
// error wrapping the context's error and ErrResultIncomplete.
func TestSetContextEnds(t *testing.T) {
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
		if err := writeTextRow(c, "first"); err != nil {
			return err
		}
		return waitGone(c) // then nothing: a stall
	}))
	c := connect(t, fakeOptions(srv))
	r, err := c.QueryText(context.Background(), protocol.Request{Op: "query"}, "SELECT v")
	if err != nil {
		t.Fatal(err)
	}
	if row, err := r.NextRow(); err != nil || firstColumn(t, row) != "first" {
		t.Fatalf("first row %q, %v", row, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.SetContext(ctx)
	timer := time.AfterFunc(100*time.Millisecond, cancel)
	defer timer.Stop()
	start := time.Now()
	_, err = r.NextRow()
	if !errors.Is(err, context.Canceled) || !errors.Is(err, protocol.ErrResultIncomplete) {
		t.Errorf("NextRow = %v, want context.Canceled and ErrResultIncomplete", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("NextRow returned %v after it started waiting, want soon after the cancel", d)
	}
	if s := c.State(); s != protocol.StateBroken {
		t.Errorf("state %v, want broken (no kill can end a fake server's statement)", s)
	}
}

// TestCancelRacingCompletion: a deadline about as long as the query fires
// before, during or after the reply, for about 2 s. After each, the same
// connection (or, when the cancellation closed it, a new one) answers a
// query correctly: no stale KILL hits the next command, no reply is read as
// another's. Some kills must have been skipped because their command had
// already finished, or the race was never run.
func TestCancelRacingCompletion(t *testing.T) {
	opts := realOptions(t)
	c := connect(t, opts)
	var total protocol.KillStats
	add := func(c *protocol.Conn) {
		k := c.KillStats()
		total.Cancels += k.Cancels
		total.Sent += k.Sent
		total.Skipped += k.Skipped
	}
	rng := rand.New(rand.NewPCG(1, 2))
	ctx := testCtx(t)
	rounds := 0
	for start := time.Now(); time.Since(start) < 2*time.Second; rounds++ {
		qctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(400))*time.Microsecond)
		_, _ = c.ExecText(qctx, protocol.Request{Op: "exec"}, "DO 1")
		cancel()
		if s := c.State(); s == protocol.StateBroken || s == protocol.StateClosed {
			_ = c.Close()
			add(c)
			c = connect(t, opts)
		}
		want := strconv.Itoa(rounds)
		if got := queryRows(t, c, "SELECT "+want); len(got) != 1 || got[0] != want {
			t.Fatalf("round %d: the follow-up query returned %v: a stale kill or a desync", rounds, got)
		}
		if err := ctx.Err(); err != nil {
			t.Fatal(err)
		}
	}
	add(c)
	t.Logf("%d rounds: %d cancellations, %d kills sent, %d skipped", rounds, total.Cancels, total.Sent, total.Skipped)
	if total.Skipped == 0 {
		t.Error("no kill was skipped: no cancellation raced a finished query, the race was not tested")
	}
}
