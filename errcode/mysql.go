package errcode

// MySQL-only error numbers. They are written here by hand, apart from the
// generated MariaDB table, because no file Debian ships lists them; the
// values come from MySQL's error reference. Name and SQLState do not know
// them: where MariaDB uses the same number for another error, they answer
// for MariaDB's.
const (
	// ClientInteractionTimeout is MySQL's ER_CLIENT_INTERACTION_TIMEOUT
	// (SQLSTATE HY000), which MySQL 8.0.24 and later send, unasked, just
	// before closing a connection that stayed idle longer than wait_timeout.
	// MariaDB uses 4031 for ER_REFERENCED_TRG_DOES_NOT_EXIST
	// ([ReferencedTrgDoesNotExist]) and never sends it for an idle
	// connection, so check the message or the server flavour before
	// treating 4031 as a timeout.
	ClientInteractionTimeout uint16 = 4031
)
