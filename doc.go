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
// # Execution modes
//
// How Query, QueryRow and Exec send a statement with arguments is its
// execution mode (QueryExecMode): Config.DefaultQueryExecMode, or a mode
// given as the first argument of a call. A statement without arguments is
// one text query in every mode.
//
//   - cache_statement (the default): the statement is prepared once per
//     connection and kept in its statement cache (an LRU of
//     Config.StatementCacheCapacity statements, 64 by default; an evicted
//     statement is closed on the server with the next command, at no round
//     trip). Each later call is one COM_STMT_EXECUTE: one round trip, the
//     arguments sent apart from the SQL in the binary protocol, and on
//     MariaDB without the column definitions (MARIADB_CLIENT_CACHE_METADATA),
//     which the cache holds. A first call prepares too: in the same write as
//     the execute on MariaDB when that is safe (see direct), else in a round
//     trip of its own.
//   - prepare_execute: prepare, execute and close, every call (two round
//     trips; the close rides with the next command). For statements run once.
//   - direct: MariaDB's COM_STMT_PREPARE and COM_STMT_EXECUTE of statement
//     id 0xFFFFFFFF in one write, then the statement closed: one round trip.
//     MariaDB reads that id as the statement prepared last with success,
//     and when the prepare is refused with ER 1461 (max_prepared_stmt_count
//     reached, which any session can cause) it runs that earlier statement
//     with the new arguments. So the two go together only when the
//     connection's last prepared statement is closed (then the id names no
//     statement and the execute fails harmlessly); otherwise the prepare
//     takes a round trip of its own.
//   - text: the arguments are interpolated into the text (see
//     Interpolation) and sent as one COM_QUERY.
//
// Why cache_statement is the default: it costs one round trip for a
// repeated statement, as text does, and unlike text it is safe under every
// character set and sql_mode, because no argument is ever part of the SQL.
// In bench/ (BenchmarkAdhocParam, MariaDB 10.11 on loopback) it runs a
// parameterized point select 2.25× as fast as go-sql-driver/mysql's default
// (prepare, execute, close), level with text and with go-sql-driver's
// interpolateParams, in fewer allocations; direct is 1.3× and
// prepare_execute 0.95×, because the server prepares on every call. A
// statement the server will not prepare (ER_UNSUPPORTED_PS) or whose
// placeholders stand where the grammar wants a literal, and arguments the
// binary protocol cannot carry (a slice for IN ?), run as text: nothing ran
// before, so that is safe, and the connection remembers the statement.
//
// In the cache a statement that DDL has made stale (ER 1615, "needs to be
// re-prepared") is prepared again, once, without the caller seeing it; on
// ER 1461 the least recently used cached statement is closed and the
// prepare tried once more. ResetSession and ChangeUser empty the cache
// (the server has dropped the statements). A tracer that implements
// PrepareTracer sees each prepare, and TraceQueryStartData.Mode says which
// mode ran.
//
// # Prepared statements and server-side cursors
//
// Conn.Prepare gives a *Stmt to run many times (Query, QueryRow, Exec;
// Close costs no round trip). It takes ? placeholders, or aiomysql's %s and
// %(name)s, rewritten to ? before preparing (a %(name)s statement runs with
// one NamedArgs, map or struct argument). Rows come in the binary protocol
// and scan into the same Go values as text rows.
//
// A FetchSize as a leading argument of Stmt.Query, or of Conn.Query in a
// prepared mode, or the FetchSize field of an aiomysql cursor, reads the
// result through a server-side cursor (CURSOR_TYPE_READ_ONLY), that many
// rows per COM_STMT_FETCH:
//
//	rows, err := conn.Query(ctx, "SELECT id, payload FROM events WHERE day = ?", aiomysql.FetchSize(1000), day)
//
// The server materializes the result when the query runs (MariaDB writes
// it to a temporary table; that is the wait before the first row), then
// hands it out batch by batch. Client memory is bounded by one batch: a
// 10-million-row read peaks at a few MiB of Go heap. Each batch is read in
// full before Next returns its first row, so between any two rows the
// connection is free: other statements (queries, inserts, even another
// streaming result read to its end) may run on it while the cursor is open,
// which a streaming result cannot allow. A fetch needs the connection idle
// (ErrBusy while another result is being read). Closing the rows early
// closes the cursor with the next command, at no round trip. Executing the
// same Stmt again, or closing it, closes its open cursor: the old rows then
// end with ErrClosed after the batch in hand. A statement without rows, and
// a CALL, open no cursor and read as usual. In text mode FetchSize is an
// error: a cursor needs a prepared statement.
//
// # Stored procedures
//
// A CALL runs like any statement. Its result sets come one after another:
// read each with Next, move on with NextResultSet, and the last result is
// the CALL's own (no columns: affected rows, warnings).
//
// OUT and INOUT parameters come back through the binary protocol: pass a
// placeholder for each one (nil for a pure OUT parameter) and run the CALL
// as a prepared statement. That is what Query and Exec do with arguments
// in the default execution mode, and what Stmt.Query and Conn.Call always
// do. The server sends the values after the procedure's result sets; Rows
// does not show them as a set but keeps them. Once NextResultSet has passed
// the procedure's last set, or after Close, Rows.OutParams holds them, to
// Scan like a row:
//
//	rows, err := conn.Query(ctx, "CALL top_orders(?, ?)", customerID, nil)
//	// ... read the procedure's sets, then Close ...
//	var count int
//	err = rows.OutParams().Scan(&count) // OUT count
//
// When only the OUT values matter, Conn.Call reads and discards the sets:
//
//	res, err := conn.Call(ctx, "CALL order_total(?, ?, ?)", orderID, nil, "EUR")
//	var total, currency string // DECIMAL, and the INOUT currency
//	err = res.Scan(&total, &currency)
//
// Cursor.CallProc keeps aiomysql's way for the text protocol: arguments go
// through user variables @_name_0, @_name_1, ..., and CallProcOut reads
// the OUT values back with a SELECT.
//
// # Batches
//
// A Batch sends many statements without waiting for each reply (pipelining,
// as pgx's SendBatch): queue them, send, then read the results in order or
// let Close run the callbacks set on them.
//
//	var b aiomysql.Batch
//	for _, e := range events {
//		b.Queue("INSERT INTO events (kind, at) VALUES (?, ?)", e.Kind, e.At)
//	}
//	b.Queue("SELECT COUNT(*) FROM events").QueryRow(func(row *aiomysql.Row) error {
//		return row.Scan(&total)
//	})
//	err := conn.SendBatch(ctx, &b).Close()
//
// A thousand small statements go out in one write and cost one round trip
// (two when some are prepared for the first time: their prepares go
// together first). Commands are written while the unanswered ones fit in a
// 64 KiB window, more as replies are read, so a batch whose replies are
// far larger than the socket buffers cannot leave client and server each
// waiting for the other. The server runs every statement it receives even
// when one fails, so each result has its own error; SendBatchTx makes the
// batch all or nothing (autocommit off, then COMMIT only if every statement
// and callback succeeded, else ROLLBACK). When the context ends with
// results due, the statement being read is interrupted and the connection
// closed; each later result says ErrConnLost (it was sent and may have run)
// or ErrNotSent.
//
// # Bulk loading
//
// Conn.CopyFrom inserts rows from a slice (CopyFromRows, CopyFromSlice), a
// function (CopyFromFunc) or an iterator (CopyFromSeq, CopyFromSeq2):
//
//	res, err := conn.CopyFrom(ctx, "fruit", []string{"id", "name"},
//		aiomysql.CopyFromRows([][]any{{1, "apple"}, {2, "banana"}}))
//
// With Config.LocalInfile on, the rows stream as one LOAD DATA LOCAL INFILE
// statement, encoded as they are read (memory stays bounded, nothing
// touches the file system); for that call the connection answers only the
// file name it made up, once, and every other request is refused as always.
// Without LOCAL INFILE (Config.LocalInfile off, which keeps
// CLIENT_LOCAL_FILES out of the handshake, or a server with local_infile=0)
// the same rows go as multi-row INSERT IGNORE statements in a transaction.
// Either way a copy is all or nothing on a transactional table, and rows
// are handled as LOAD DATA LOCAL handles them: a duplicate key skips the
// row with a warning (CopyFromResult.Rows < Sent). A cancelled or failed
// copy leaves the connection usable or closed, never out of step.
//
// # Bulk execution
//
// Conn.ExecMany(ctx, query, rows) runs a ? statement once per row. On
// MariaDB an INSERT, REPLACE, UPDATE or DELETE (without a subquery or
// RETURNING) is prepared once and sent as COM_STMT_BULK_EXECUTE: all rows
// in one command, or in as few as max_allowed_packet and the rows' types
// allow, each answered before the next is sent. Cursor.ExecuteMany does
// the same for %s and %(name)s statements whose arguments all bind, and
// otherwise keeps its multi-row rewrite. Either way the affected rows are
// summed and the insert id is the first row's, as a multi-row INSERT
// reports it. The server runs each command as one statement: a failing row
// undoes the whole command on InnoDB, as it does a multi-row INSERT. A bulk
// INSERT may leave AUTO_INCREMENT gaps between commands. Elsewhere (MySQL)
// ExecMany sends multi-row INSERTs, or one execute per row for other
// statements.
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
// In text mode (the aiomysql cursors, and Query, QueryRow and Exec with
// QueryExecModeText) arguments are put into the query text on the client
// (one round trip), escaped for the session as the server last described
// it: the
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
// Every call that can block takes a context first, and that context governs
// exactly that call. It is checked before anything is written; it is watched
// only while the call waits for the server; it is forgotten when the call
// returns. What an ended context does, by kind of call:
//
//   - Ended before the call (cancelled, or a deadline already past): nothing
//     is written, the connection is untouched, and the error wraps both
//     ErrNotSent and ctx.Err().
//   - Exec, Ping, Begin, Commit, a buffered cursor's Execute, and Query up
//     to its first row: when the context ends while the call waits, the
//     client sends KILL QUERY on a short-lived side connection
//     (Config.KillOnCancel, on by default) and reads the server's answer
//     within a short grace period. If the answer comes, the connection stays
//     usable and the error wraps ctx.Err() (and the server's answer when it
//     is an error, usually 1317 query interrupted). If it does not, the
//     connection is closed and the error is ErrConnLost (ErrCommitUnknown for
//     COMMIT) wrapping ctx.Err(). A reply that was read in full before the
//     context ended is a success.
//   - Rows.Next: the context given to Query governs the reading of its rows.
//     Rows already received are returned; when Next must wait for more and
//     the context has ended, the statement is killed, the rest discarded,
//     and Err wraps ctx.Err() and ErrResultIncomplete (the statement ran; the
//     rows read so far are right).
//   - A streaming cursor's FetchOne, FetchMany, FetchAll, Scroll and NextSet:
//     each fetch's context governs that fetch only. A context cancelled
//     after a fetch returned does nothing (the usual defer cancel() is
//     safe); a fetch whose context has already ended returns its error and
//     reads nothing, so the next fetch, with another context, goes on.
//   - Rows.Close, Cursor.Close and breaking out of Rows.All take no context:
//     they end what is left in bounded time. The rest is read for up to 20
//     ms (a small remainder keeps the connection and the statement's work);
//     past that the statement is killed and what is in flight drained,
//     within the cancel grace (about 60 ms after the kill). Measured on a
//     2-core machine against a local MariaDB, abandoning a 10-million-row
//     stream after 10 rows that way takes 21–26 ms and keeps the
//     connection, where reading it to the end takes about 6 s; closing the
//     connection instead takes under 0.1 ms but costs a new connection
//     (about 0.2 ms and a server thread) and leaves the server running the
//     statement until it notices. When no kill can be sent, the connection
//     is closed.
//   - Connect: the context (and Config.ConnectTimeout) bounds the dial, TLS,
//     authentication and session set-up.
//
// ReadTimeout and WriteTimeout bound each read and each write on the
// socket, refreshed every time: a slow consumer of a long stream is not a
// timeout, a server that stops sending is.
//
// A kill cannot hurt another command or another session: a kill whose
// command has already finished is not sent; the next command waits (under
// its own context) for a kill already being sent; Close never waits for
// one. Before sending KILL QUERY, the side connection proves it reached this
// connection's thread: it looks the thread up in the server's process list
// and requires this connection's user and, over TCP, the client port this
// connection uses (over a unix socket, a local connection). Through a proxy
// or a NAT that changes the client port, that proof is impossible, so no
// kill is sent and an interrupted connection is closed instead. The proof
// costs one query on the side connection; connecting costs nothing.
//
// # Errors of an interrupted command, and when to retry
//
//   - ErrNotSent: nothing of the command reached the server (the context
//     had ended, or the connection was found dead before writing, with no
//     transaction open). Retrying, on another connection, is safe.
//   - ctx.Err() with a usable connection: the server answered the kill. The
//     statement was interrupted (the error wraps the server's 1317) or had
//     finished; in a transaction, the transaction is still open. Retry only
//     what is idempotent, after checking.
//   - ErrConnLost: the command was written and its reply is lost; it may or
//     may not have run, and an open transaction is lost. The connection is
//     closed. Do not retry blindly: check, or retry only idempotent work.
//   - ErrCommitUnknown (a case of ErrConnLost): COMMIT or XA COMMIT was
//     written and its reply lost: the transaction may or may not be
//     committed. Never retry the transaction without checking.
//   - ErrResultIncomplete: the statement answered and the reading of its
//     rows was interrupted (context, ReadTimeout, a lost connection). The
//     statement ran; the rows read so far are right; run it again to get the
//     rest. The connection is closed unless the error also wraps ctx.Err()
//     after a kill that the server answered.
//
// Each wraps its cause (ctx.Err(), a timeout for which Timeout reports true,
// or the network error). Nothing is retried automatically; the database/sql
// driver turns ErrNotSent into driver.ErrBadConn and nothing else.
//
// # Idle connections
//
// CheckConn tells, without a round trip and without blocking, whether an
// idle connection is still usable (a pool calls it before handing a
// connection out), and SessionChanged whether its session may differ from
// a fresh one (so a pool resets it only then).
//
// # The pool
//
// CreatePool (or CreatePoolDSN, whose DSN also takes minsize, maxsize,
// pool_recycle and the other PoolConfig parameters) is aiomysql's
// create_pool:
//
//	pool, err := aiomysql.CreatePoolDSN(ctx, "app:secret@tcp(127.0.0.1:3306)/shop?maxsize=20")
//	...
//	conn, err := pool.Acquire(ctx) // waits in line while all are in use
//	if err != nil {
//		return err
//	}
//	defer conn.Release()
//	cur, _ := conn.Cursor()
//	...
//	pool.Close()
//	err = pool.WaitClosed(ctx)
//
// Acquire serves waiters first come, first served; one whose context ends
// takes nothing with it. Each checkout peeks at the socket (CheckConn), so
// a connection the server closed (wait_timeout, KILL, a restart, MySQL 8's
// farewell ERR 4031) is replaced with no error and no round trip; one idle
// for longer than PingAfterIdle is pinged too. A connection given back is
// made clean on the releasing goroutine: an open transaction is rolled
// back, a session that changed is reset with COM_RESET_CONNECTION (as
// ResetPolicy says), and one with a result still unread is closed. A
// PoolConn, and a Tx, Stmt or Cursor made on it, returns ErrConnReleased
// after Release, so nothing of a previous user ever runs in the next one's
// session. The Pool's own Query, QueryRow, Exec, Begin, Cursor, SendBatch
// and CopyFrom acquire and release around one call. A background
// maintainer keeps MinSize connections open and closes old (MaxConnLifetime)
// and idle (MaxConnIdleTime) ones; Stat gives the figures, the hooks of
// PoolConfig and the AcquireTracer and ReleaseTracer interfaces observe it.
package aiomysql
