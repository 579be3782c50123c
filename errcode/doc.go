// Package errcode names the error numbers and SQLSTATEs of MySQL and MariaDB
// servers.
//
// Every number MariaDB can send in an ERR packet has a constant here, of type
// uint16 like aiomysql.Error.Number, so a check reads
//
//	var e *aiomysql.Error
//	if errors.As(err, &e) && e.Number == errcode.DupEntry {
//		// the row exists already
//	}
//
// # Names
//
// A constant is named after the server's C macro: the ER_ prefix goes and
// each remaining word is capitalised, so ER_DUP_ENTRY is DupEntry and
// ER_LOCK_DEADLOCK is LockDeadlock. A few initialisms keep their capitals
// (DB, DDL, EOF, FK, GIS, GTID, ID, IO, JSON, PK, SF, SP, SQL, SSL, TTL,
// UDF, XA), so ER_BAD_DB_ERROR is BadDBError. Macros that start with WARN_
// keep that word: WARN_DATA_TRUNCATED is WarnDataTruncated. The comment on
// each constant gives the macro, so searching this package's documentation
// for "ER_DUP_ENTRY" finds DupEntry, and [Name] returns the macro for a
// number.
//
// # Sources
//
// codes_gen.go is generated (see internal/gen/errcodegen) from two files of
// Debian's MariaDB 10.11 packages: mysqld_error.h (libmariadb-dev) gives the
// numbers and errmsg-utf8.txt (mariadb-server) the SQLSTATE of each; the
// generator refuses sources that disagree. To regenerate after installing
// both packages:
//
//	go generate ./errcode/
//
// MySQL and MariaDB share most numbers from 1000 to 1880, inherited from
// MySQL 5.5 and 5.6, and MariaDB keeps a few of MySQL 5.7's from 3000 on.
// Elsewhere (MariaDB's 1900s, and both servers' 3000s and 4000s) they
// assign numbers independently, so the same number can mean different
// errors. The constants and lookups of this package follow MariaDB. The few
// MySQL-only numbers a client must know are written by hand in mysql.go,
// apart from the generated table: see [ClientInteractionTimeout].
//
// The SQLSTATE constants (SQLStateIntegrityConstraint and the rest) name the
// states and classes a client most often tests for.
package errcode
