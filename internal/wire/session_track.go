package wire

import "fmt"

// SessionTrackType says what a SessionChange reports.
type SessionTrackType byte

// The session-state change types.
const (
	// SessionTrackSystemVariables: a tracked system variable changed;
	// Name and Value hold it.
	SessionTrackSystemVariables SessionTrackType = 0
	// SessionTrackSchema: the default schema changed; Name holds it.
	SessionTrackSchema SessionTrackType = 1
	// SessionTrackStateChange: some session state changed; Value is "1".
	SessionTrackStateChange SessionTrackType = 2
	// SessionTrackGTIDs: Value holds the GTIDs (MySQL).
	SessionTrackGTIDs SessionTrackType = 3
	// SessionTrackTransactionCharacteristics: Value holds the statements
	// that would recreate the transaction's characteristics.
	SessionTrackTransactionCharacteristics SessionTrackType = 4
	// SessionTrackTransactionState: Value holds the 8-character
	// transaction state.
	SessionTrackTransactionState SessionTrackType = 5
)

// String returns the type's protocol name, e.g. "SESSION_TRACK_SCHEMA".
func (t SessionTrackType) String() string {
	switch t {
	case SessionTrackSystemVariables:
		return "SESSION_TRACK_SYSTEM_VARIABLES"
	case SessionTrackSchema:
		return "SESSION_TRACK_SCHEMA"
	case SessionTrackStateChange:
		return "SESSION_TRACK_STATE_CHANGE"
	case SessionTrackGTIDs:
		return "SESSION_TRACK_GTIDS"
	case SessionTrackTransactionCharacteristics:
		return "SESSION_TRACK_TRANSACTION_CHARACTERISTICS"
	case SessionTrackTransactionState:
		return "SESSION_TRACK_TRANSACTION_STATE"
	}
	return fmt.Sprintf("SessionTrackType(%d)", byte(t))
}

// SessionChange is one entry of the session-state information in an OK
// packet.
type SessionChange struct {
	Type SessionTrackType
	// Name is the variable (SessionTrackSystemVariables) or the schema
	// (SessionTrackSchema).
	Name string
	// Value is the variable's value, or the value of the other known types.
	Value string
	// Data holds the entry's raw bytes for a type this package does not
	// decode (and GTIDs in an encoding other than 0); it is nil otherwise.
	// Encode writes Data as the entry when it is not nil.
	Data []byte
}

// sessionChanges reads the length-encoded block of session-state changes.
func (c *cursor) sessionChanges() []SessionChange {
	lo, hi := c.lenSpan("session state")
	if c.err != nil || lo == hi {
		return nil
	}
	block := cursor{buf: c.buf[:hi], pos: lo, pkt: c.pkt, s: c.s}
	var changes []SessionChange
	for block.more() {
		t := SessionTrackType(block.u8("session state type"))
		elo, ehi := block.lenSpan("session state entry")
		if block.err != nil {
			break
		}
		e := cursor{buf: block.buf[:ehi], pos: elo, pkt: c.pkt, s: c.s}
		ch := SessionChange{Type: t}
		switch t {
		case SessionTrackSystemVariables:
			ch.Name = e.lenStr("system variable name")
			ch.Value = e.lenStr("system variable value")
		case SessionTrackSchema:
			ch.Name = e.lenStr("schema")
		case SessionTrackStateChange:
			ch.Value = e.restStr()
		case SessionTrackGTIDs:
			if e.more() && e.buf[e.pos] == 0 {
				e.u8("GTID encoding")
				ch.Value = e.lenStr("GTIDs")
			} else {
				ch.Data = e.bytesCopy(e.restSpan())
			}
		case SessionTrackTransactionCharacteristics, SessionTrackTransactionState:
			ch.Value = e.lenStr("transaction info")
		default:
			ch.Data = e.bytesCopy(e.restSpan())
		}
		if err := e.finish(); err != nil {
			block.err = err
			break
		}
		changes = append(changes, ch)
	}
	if block.err != nil {
		c.err = block.err
		return nil
	}
	return changes
}

// entrySize returns the size of the change's entry data.
func (ch *SessionChange) entrySize() int {
	if ch.Data != nil {
		return len(ch.Data)
	}
	switch ch.Type {
	case SessionTrackSystemVariables:
		return lenEncStrSize(len(ch.Name)) + lenEncStrSize(len(ch.Value))
	case SessionTrackSchema:
		return lenEncStrSize(len(ch.Name))
	case SessionTrackStateChange:
		return len(ch.Value)
	case SessionTrackGTIDs:
		return 1 + lenEncStrSize(len(ch.Value))
	case SessionTrackTransactionCharacteristics, SessionTrackTransactionState:
		return lenEncStrSize(len(ch.Value))
	}
	return 0
}

// appendSessionChanges appends the length-encoded block of changes.
func appendSessionChanges(dst []byte, changes []SessionChange) []byte {
	total := 0
	for i := range changes {
		n := changes[i].entrySize()
		total += 1 + LenEncIntSize(uint64(n)) + n
	}
	dst = AppendLenEncInt(dst, uint64(total))
	for i := range changes {
		ch := &changes[i]
		dst = append(dst, byte(ch.Type))
		dst = AppendLenEncInt(dst, uint64(ch.entrySize()))
		if ch.Data != nil {
			dst = append(dst, ch.Data...)
			continue
		}
		switch ch.Type {
		case SessionTrackSystemVariables:
			dst = AppendLenEncStr(AppendLenEncStr(dst, ch.Name), ch.Value)
		case SessionTrackSchema:
			dst = AppendLenEncStr(dst, ch.Name)
		case SessionTrackStateChange:
			dst = append(dst, ch.Value...)
		case SessionTrackGTIDs:
			dst = AppendLenEncStr(append(dst, 0), ch.Value)
		case SessionTrackTransactionCharacteristics, SessionTrackTransactionState:
			dst = AppendLenEncStr(dst, ch.Value)
		}
	}
	return dst
}
