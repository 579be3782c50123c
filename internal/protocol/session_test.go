package protocol_test

import (
	"errors"
	"testing"

	"github.com/aiomysql-go/aiomysql/internal/fakeserver"
	"github.com/aiomysql-go/aiomysql/internal/wire"
)

// TestSessionChanges: on MariaDB, session_track_state_change is turned on
// with the first command, and each statement that changes the session (a
// user variable, a temporary table, a session variable) or leaves a
// transaction open makes SessionChanged true until MarkSessionClean; a
// statement that changes nothing, and a transaction that ended without
// changing the session, leave it false. ResetConnection makes it false.
func TestSessionChanges(t *testing.T) {
	c := connect(t, realOptions(t))
	if c.SessionTracked() {
		t.Error("SessionTracked before the first command, want false until the server answered the SET")
	}
	// The caller's set-up is over before any command ran (as in the public
	// package when there is nothing to set): the tracking SET, which goes
	// out with the first command, is the connection's own, not a change.
	c.MarkSessionClean()
	exec(t, c, "DO 1")
	if !c.SessionTracked() {
		t.Fatal("SessionTracked false after the first command on MariaDB")
	}
	if c.SessionChanged() {
		t.Error("SessionChanged after MarkSessionClean and DO 1 (the first command, with the tracking SET)")
	}
	c.MarkSessionClean()
	steps := []struct {
		stmt  string
		clean bool // MarkSessionClean before it
		want  bool
	}{
		{"SELECT 1", false, false},
		{"SET @x = 1", false, true},
		{"SELECT 1", true, false},
		{"BEGIN", true, true},    // a transaction is open
		{"COMMIT", false, false}, // and over, having changed nothing
		{"CREATE TEMPORARY TABLE t (a INT)", true, true},
		{"SELECT 1", false, true}, // the temporary table is still there
		{"SET SESSION sql_mode = ''", true, true},
		{"DO 1", true, false},
	}
	for _, s := range steps {
		if s.clean {
			c.MarkSessionClean()
		}
		exec(t, c, s.stmt)
		if got := c.SessionChanged(); got != s.want {
			t.Errorf("after %q (clean before: %v): SessionChanged %v, want %v", s.stmt, s.clean, got, s.want)
		}
	}
	exec(t, c, "SET @y = 2")
	if err := c.ResetConnection(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if c.SessionChanged() {
		t.Error("SessionChanged after ResetConnection")
	}
	exec(t, c, "DO 1") // the tracking SET goes again with it
	if !c.SessionTracked() || c.SessionChanged() {
		t.Errorf("after a reset and DO 1: tracked %v, changed %v; want true, false", c.SessionTracked(), c.SessionChanged())
	}
	exec(t, c, "SET @z = 3")
	if !c.SessionChanged() {
		t.Error("SET @z after a reset: SessionChanged false")
	}
}

// TestSessionUntracked: a server that refuses session_track_state_change
// (ERR 1193, unknown variable) leaves tracking off: SessionTracked is false,
// and any statement counts as a change.
func TestSessionUntracked(t *testing.T) {
	srv := fakeserver.Start(t, loggedIn(func(c *fakeserver.Conn) error {
		c.SetSequence(0)
		pkt, err := c.ReadPacket()
		if err != nil {
			return err
		}
		if string(pkt) != "\x03SET session_track_state_change = 1" {
			return errors.New("the first command is not the tracking SET: " + string(pkt))
		}
		if err := c.WriteErr(1193, "HY000", "Unknown system variable 'session_track_state_change'"); err != nil {
			return err
		}
		for {
			c.SetSequence(0)
			pkt, err := c.ReadPacket()
			if err != nil || wire.Command(pkt[0]) == wire.CommandQuit {
				return nil
			}
			if err := c.WriteOK(wire.OK{StatusFlags: autocommit}); err != nil {
				return err
			}
		}
	}))
	c := connect(t, fakeOptions(srv))
	if err := c.Ping(testCtx(t)); err != nil {
		t.Fatalf("Ping, whose reply follows the refused SET's: %v", err)
	}
	if c.SessionTracked() {
		t.Error("SessionTracked after the server refused the SET")
	}
	c.MarkSessionClean()
	if err := c.Ping(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	if c.SessionChanged() {
		t.Error("SessionChanged after a ping, which runs no statement")
	}
	exec(t, c, "SELECT 1")
	if !c.SessionChanged() {
		t.Error("SessionChanged false after a statement on a server that does not track changes")
	}
}
