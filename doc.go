// Package aiomysql is a MySQL and MariaDB client written from the wire
// protocol up: what the Python library aiomysql offers, in idiomatic Go.
//
// # Connecting
//
// A Config says where and how to connect; every field documents its default.
// ParseDSN reads go-sql-driver/mysql's DSN form and mysql:// URLs:
//
//	cfg, err := aiomysql.ParseDSN("app:secret@tcp(127.0.0.1:3306)/shop?tls=verify-identity")
//	if err != nil {
//		return err
//	}
//	conn, err := aiomysql.Connect(ctx, cfg)
//	if err != nil {
//		return err // a *ConnectError; errors.As it into *aiomysql.Error for the server's number
//	}
//	defer conn.Close()
//
// # Securely
//
// TLS is preferred by default (as MySQL's own clients do): used when the server
// offers it. Config.TLSMode = TLSRequired refuses a server without TLS before
// sending the user name; TLSVerifyCA and TLSVerifyIdentity also check the
// certificate chain and the host name. Passwords never go in clear on a
// channel that is neither TLS nor a unix socket: mysql_clear_password and the
// PAM dialog need an opt-in and a secure channel; caching_sha2_password's full
// authentication needs TLS, a configured server key, or the explicit
// AllowPublicKeyRetrieval. Config never prints its password (String, %v, %+v,
// %#v and slog all redact it).
//
// # Querying
//
// The pgx-style API streams rows and scans them straight into Go values:
//
//	rows, err := conn.Query(ctx, "SELECT id, name FROM users WHERE age > ?", 30)
//	if err != nil {
//		return err
//	}
//	defer rows.Close()
//	for rows.Next() {
//		var id int64
//		var name string
//		if err := rows.Scan(&id, &name); err != nil {
//			return err
//		}
//	}
//	return rows.Err()
//
// QueryRow, Exec, CollectRows with RowToStructByName, RowToMap and ForEachRow
// cover the common shapes. Scan accepts sized ints and uints (overflow is an
// error matching ErrScanRange), floats, string, []byte, RawBytes (no copy),
// bool, time.Time, time.Duration, json.RawMessage, *any, pointers (nil for
// NULL), sql.Scanner and the sql.Null types. Values returns each value as its
// natural type: int64 or uint64 for integers, float32/float64, string for
// DECIMAL (exact), time.Time (in Config.Location) for dates, time.Duration
// for TIME (negative and beyond 24 h), []byte for binary strings,
// json.RawMessage for JSON.
//
// A zero date ('0000-00-00', every field zero) keeps its policy: it is
// time.Time{} (IsZero reports true), and time.Time{} is written back as one
// (aiomysql gives the text '0000-00-00' there). A date with only some
// fields zero ('2024-00-00', '2024-00-15 10:00:00', stored under a
// permissive sql_mode) or past the end of its month has no time.Time:
// Values, *any and the cursors give its text as a string, as aiomysql does,
// Scan into *string or *[]byte gives the same text, and Scan into
// *time.Time is a *ScanError matching ErrInvalidDate. The rest of the row
// and of the result is read as usual.
//
// # Cursors
//
// aiomysql's cursors are Cursor[[]any] and Cursor[map[string]any]:
// Conn.Cursor and Conn.DictCursor buffer a result, Conn.SSCursor and
// Conn.SSDictCursor stream it. They run %s and %(name)s queries as aiomysql
// does and offer Execute, ExecuteMany (rewritten into multi-row INSERTs),
// CallProc, FetchOne, FetchMany, FetchAll, Scroll, NextSet, Mogrify,
// RowCount, RowNumber, LastRowID, Description and ShowWarnings.
//
// # Interpolation
//
// Arguments are put into the query text on the client (one round trip),
// escaped for the session as the server last described it: the
// NO_BACKSLASH_ESCAPES and ANSI_QUOTES flags of every reply, and the character
// set tracked through session-state changes (so a runtime SET NAMES is seen).
// Query and Exec take ? (or @name / :name with a NamedArgs, map or struct
// argument), found only in code, never inside strings, quoted identifiers
// or comments. A slice becomes a parenthesised list for IN ?.
//
// Cursors take %s and %(name)s and, like aiomysql, apply Python's % to the
// whole text when arguments are given: %% is % everywhere, in strings and
// comments too, and a placeholder inside a string is filled. Without
// arguments the text is sent as written:
//
//	cur.Execute(ctx, "SELECT '100%%', %s", "x") // sends SELECT '100%', 'x'
//	cur.Execute(ctx, "SELECT '100%%'")          // sends SELECT '100%%'
//	cur.Execute(ctx, "SELECT '100%', %s", "x")  // error: a bare % is not a conversion
//
// Unlike aiomysql, a value that would end the string or comment around its
// placeholder is refused (WHERE a = '%s' with a string value: write
// WHERE a = %s, the value arrives quoted).
//
// In a character set where byte 0x5c can end a multibyte character (big5,
// cp932, gbk, sjis, gb18030) nothing is interpolated: the query fails with
// ErrUnsafeInterpolation, because no escaping is safe there.
//
// # Time zones
//
// DATE and DATETIME hold wall-clock times without a zone: they are read as
// times in Config.Location (UTC by default), and time.Time arguments are
// written as wall-clock times in Location (after Config.TimeTruncate), so a
// DATETIME reads back as the time.Time written. TIMESTAMP holds an instant,
// which the server reads and writes as wall-clock text in the session's
// time_zone. When the client knows that zone, a TIMESTAMP is read in it and
// given in Location: the time.Time names the instant stored, whatever the
// two zones, for Scan, Values and the cursors alike.
//
// The client knows the session's zone from the server's session tracking,
// at no extra cost: after Config.TimeZone (applied in the set-up SET at
// connect) or any SET time_zone. Offsets ('+05:30') and named zones
// ('Europe/Paris', in any case, resolved with Go's time zone database) are
// understood. Until the server reports a zone (a session left on the
// server's default time_zone) and for 'SYSTEM', the client cannot know it
// without a query per connection, which it does not make: it reads
// TIMESTAMP in Location, as DATETIME. In the hour a daylight-saving change
// repeats, two instants print alike; both read as the earlier, as the server
// itself reads that text.
//
// Interpolation cannot tell which column a value is for, so a time.Time
// argument is always written in Location, the zone a DATETIME wants; for a
// TIMESTAMP the server reads it in the session's zone. So for TIMESTAMP
// columns keep the session's zone equal to Location — with the default UTC,
// set Config.TimeZone = "+00:00", which also has no daylight-saving
// ambiguity — or pass the instant's text in the session's zone:
//
//	cfg.TimeZone = "+00:00" // TIMESTAMP and DATETIME both exact with Location UTC
//
// # Errors
//
// A server error is a *Error with the server's Number, SQLState and Message.
// errors.Is matches it by number against another *Error and against the
// PEP-249 categories: ErrIntegrity (duplicate key), ErrProgramming (syntax,
// unknown table), ErrOperational (deadlock, lost connection), ErrData,
// ErrNotSupported, ErrInternal, ErrInterface. Timeout(err) tells a timeout.
//
// # Context support
//
// Every call that can block takes a context first. When a context ends
// during a command, the client sends KILL QUERY for it on a short-lived side
// connection (Config.KillOnCancel, on by default) and reads the server's
// answer within a short grace period: the connection then stays usable, and
// the next command waits until the kill is done, so a late kill never hits
// it. When the answer does not come in time, the connection is closed. Either
// way the error wraps ctx.Err().
//
// Errors after a connection failed say what the server may have done:
// ErrNotSent (nothing was written and no transaction was open: safe to retry
// elsewhere), ErrConnLost (the command may or may not have run), and
// ErrCommitUnknown (a COMMIT whose reply was lost). Nothing is retried
// automatically.
package aiomysql
