package protocol

import "github.com/aiomysql-go/aiomysql/internal/wire"

// Session-change tracking: whether the session differs from a fresh one
// (after connect and the caller's set-up), so that a pool can reset a
// connection only when it must.
//
// Where the server has session_track_state_change (MariaDB 10.2+, MySQL
// 5.7+), the connection turns it on with a SET that costs no round trip: it
// is queued at connect and goes out in the same write as the first command,
// its reply read and dropped before that command's. The server then sets
// SERVER_SESSION_STATE_CHANGED in the reply to any statement that changes
// the session (user variables, temporary tables, prepared statements,
// session variables, the current schema). Beside that flag, an open
// transaction counts as a change, and so does what the client itself sends
// that changes the session (COM_INIT_DB). Without the variable (an older
// server, or one that refused the SET), every statement counts as a change.

// sessionChanges is the connection's record of session changes.
type sessionChanges struct {
	tracking bool // the server flags changes (session_track_state_change is on)
	changed  bool
	queried  bool // a statement ran since the session was last clean
	schema   string
}

// sessionTrackingRequest turns on session_track_state_change.
const sessionTrackingRequest = "SET session_track_state_change = 1"

// The tracking request with GTID tracking: MariaDB reports last_gtid as a
// tracked system variable, MySQL its own GTIDs.
const (
	gtidTrackingMariaDB = sessionTrackingRequest +
		", session_track_system_variables = CONCAT_WS(',', NULLIF(@@session_track_system_variables, ''), 'last_gtid')"
	gtidTrackingMySQL = sessionTrackingRequest + ", session_track_gtids = OWN_GTID"
)

// trackingRequest is the SET that turns tracking on for this connection.
func (c *Conn) trackingRequest() string {
	switch {
	case !c.opts.TrackGTID:
		return sessionTrackingRequest
	case c.mariaDB:
		return gtidTrackingMariaDB
	}
	return gtidTrackingMySQL
}

// requestTracking queues the SET that turns tracking on; it is written with
// the next command.
func (c *Conn) requestTracking() {
	c.changes.tracking = false
	if c.serverCaps&wire.ClientSessionTrack == 0 || c.opts.side {
		return
	}
	req := Request{Op: "session tracking", internal: true}
	_ = c.queueCmd(req, func(b []byte) ([]byte, error) {
		return wire.AppendComQuery(b, c.trackingRequest()), nil
	})
}

// internalReply takes the reply to the connection's own deferred command.
func (c *Conn) internalReply(ok *wire.OK, err error) {
	c.changes.tracking = err == nil && ok != nil
}

// reset forgets the changes: the session was reset to a fresh one.
func (s *sessionChanges) reset() {
	s.changed, s.queried = false, false
}

// noteSchema records a default database set by the client.
func (s *sessionChanges) noteSchema(schema string) {
	if schema != s.schema {
		s.changed = true
	}
}

// applyOK keeps the status flags, the tracked session state and the record
// of session changes current.
func (c *Conn) applyOK(ok *wire.OK) {
	c.status = ok.StatusFlags
	if ok.StatusFlags&wire.ServerSessionStateChanged != 0 && c.changes.tracking && !onlyGTID(ok.SessionChanges) {
		c.changes.changed = true
	}
	for _, ch := range ok.SessionChanges {
		if gtid, found := gtidOf(&ch); found {
			// A write's GTID: news of the write, not a change of the
			// session a reset would undo.
			c.session.LastGTID = gtid
			continue
		}
		switch ch.Type {
		case wire.SessionTrackSchema:
			c.session.Schema = ch.Name
			c.changes.noteSchema(ch.Name)
		case wire.SessionTrackStateChange:
			c.changes.changed = true
		case wire.SessionTrackSystemVariables:
			c.changes.changed = true
			switch ch.Name {
			case "character_set_client":
				c.session.CharacterSetClient = ch.Value
			case "time_zone":
				c.session.TimeZone = ch.Value
			case "autocommit":
				c.session.Autocommit = ch.Value
			}
		}
	}
}

// gtidOf returns the GTID an entry reports: MariaDB's last_gtid variable
// or MySQL's GTIDs.
func gtidOf(ch *wire.SessionChange) (string, bool) {
	switch {
	case ch.Type == wire.SessionTrackSystemVariables && ch.Name == "last_gtid":
		return ch.Value, true
	case ch.Type == wire.SessionTrackGTIDs && ch.Data == nil:
		return ch.Value, true
	}
	return "", false
}

// onlyGTID reports whether the entries are GTID reports and nothing else,
// so that the state-changed flag they raise is no change of the session.
func onlyGTID(changes []wire.SessionChange) bool {
	for i := range changes {
		if _, ok := gtidOf(&changes[i]); !ok {
			return false
		}
	}
	return len(changes) > 0
}

// SessionChanged reports whether the session may differ from a fresh one
// since MarkSessionClean: the server flagged a change, a transaction is
// open, the client changed the default database, or, without tracking, any
// statement ran.
func (c *Conn) SessionChanged() bool {
	ch := &c.changes
	return ch.changed || c.status&wire.ServerStatusInTrans != 0 || (!ch.tracking && ch.queried)
}

// SessionTracked reports whether the server flags session changes
// (session_track_state_change is on). It is known once the first command
// after connect (or after a reset) has been answered.
func (c *Conn) SessionTracked() bool { return c.changes.tracking }

// MarkSessionClean records the session as it is now as the fresh state:
// the caller has finished setting it up.
func (c *Conn) MarkSessionClean() {
	c.changes.reset()
	c.changes.schema = c.session.Schema
}
