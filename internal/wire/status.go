package wire

// StatusFlag is the server status sent in OK and EOF packets and in the
// greeting (SERVER_STATUS_* and friends).
type StatusFlag uint16

// The server status flags.
const (
	// ServerStatusInTrans: a transaction is open.
	ServerStatusInTrans StatusFlag = 1 << 0
	// ServerStatusAutocommit: autocommit is on.
	ServerStatusAutocommit StatusFlag = 1 << 1
	// ServerMoreResultsExists: another result follows this one.
	ServerMoreResultsExists StatusFlag = 1 << 3
	// ServerQueryNoGoodIndexUsed: the query used no good index.
	ServerQueryNoGoodIndexUsed StatusFlag = 1 << 4
	// ServerQueryNoIndexUsed: the query used no index.
	ServerQueryNoIndexUsed StatusFlag = 1 << 5
	// ServerStatusCursorExists: a cursor is open (COM_STMT_FETCH).
	ServerStatusCursorExists StatusFlag = 1 << 6
	// ServerStatusLastRowSent: the cursor has sent its last row.
	ServerStatusLastRowSent StatusFlag = 1 << 7
	// ServerStatusDBDropped: a database was dropped.
	ServerStatusDBDropped StatusFlag = 1 << 8
	// ServerStatusNoBackslashEscapes: NO_BACKSLASH_ESCAPES is in sql_mode, so
	// backslash is not an escape character in string literals.
	ServerStatusNoBackslashEscapes StatusFlag = 1 << 9
	// ServerStatusMetadataChanged: a prepared statement's metadata changed.
	ServerStatusMetadataChanged StatusFlag = 1 << 10
	// ServerQueryWasSlow: the query was logged as slow.
	ServerQueryWasSlow StatusFlag = 1 << 11
	// ServerPSOutParams: this result holds a procedure's OUT parameters.
	ServerPSOutParams StatusFlag = 1 << 12
	// ServerStatusInTransReadonly: the open transaction is read-only.
	ServerStatusInTransReadonly StatusFlag = 1 << 13
	// ServerSessionStateChanged: session state changed; with
	// ClientSessionTrack, the OK packet lists the changes.
	ServerSessionStateChanged StatusFlag = 1 << 14
	// ServerStatusAnsiQuotes: ANSI_QUOTES is in sql_mode (MariaDB only).
	ServerStatusAnsiQuotes StatusFlag = 1 << 15
)

// statusName returns the protocol name of a flag bit, or "" if it has none.
func statusName(bit int) string {
	switch bit {
	case 0:
		return "SERVER_STATUS_IN_TRANS"
	case 1:
		return "SERVER_STATUS_AUTOCOMMIT"
	case 3:
		return "SERVER_MORE_RESULTS_EXISTS"
	case 4:
		return "SERVER_QUERY_NO_GOOD_INDEX_USED"
	case 5:
		return "SERVER_QUERY_NO_INDEX_USED"
	case 6:
		return "SERVER_STATUS_CURSOR_EXISTS"
	case 7:
		return "SERVER_STATUS_LAST_ROW_SENT"
	case 8:
		return "SERVER_STATUS_DB_DROPPED"
	case 9:
		return "SERVER_STATUS_NO_BACKSLASH_ESCAPES"
	case 10:
		return "SERVER_STATUS_METADATA_CHANGED"
	case 11:
		return "SERVER_QUERY_WAS_SLOW"
	case 12:
		return "SERVER_PS_OUT_PARAMS"
	case 13:
		return "SERVER_STATUS_IN_TRANS_READONLY"
	case 14:
		return "SERVER_SESSION_STATE_CHANGED"
	case 15:
		return "SERVER_STATUS_ANSI_QUOTES"
	}
	return ""
}

// String lists the set flags by their protocol names, joined by '|'.
func (s StatusFlag) String() string {
	if s == 0 {
		return "0"
	}
	return flagString(uint64(s), statusName)
}
