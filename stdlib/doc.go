// Package stdlib is a database/sql driver for MySQL and MariaDB over the
// native aiomysql package, a drop-in replacement for go-sql-driver/mysql.
//
// # database/sql
//
// Import the package for its side effect and open a DB with
// go-sql-driver/mysql's DSN; only the import and the driver name change:
//
//	import _ "github.com/aiomysql-go/aiomysql/stdlib"
//
//	db, err := sql.Open("aiomysql", "app:secret@tcp(127.0.0.1:3306)/shop?parseTime=true")
//
// Every go-sql-driver parameter is read with its meaning and default (see
// ParseDSN and aiomysql.ParseDSN). A Config gives the native package's
// settings too, and is the recommended way:
//
//	cfg := aiomysql.NewConfig()
//	cfg.Host, cfg.User, cfg.Password, cfg.Database = "db", "app", secret, "shop"
//	cfg.TLSMode = aiomysql.TLSVerifyIdentity
//	db := stdlib.OpenDB(cfg)
//
// OpenDBFromPool runs database/sql over an aiomysql.Pool: each driver
// connection holds a connection acquired from the pool, released when
// database/sql closes it, so the pool keeps the idle connections and its
// checks, resets and limits apply.
//
// # Statements and arguments
//
// A query with arguments follows Config.DefaultQueryExecMode: by default a
// statement prepared once per connection and kept in its cache (one round
// trip per call, arguments never in the SQL). interpolateParams=true
// (Config.InterpolateParams) writes the arguments into the text instead,
// escaped for the session's character set and sql_mode; it is refused with
// the character sets where no escaping is safe. db.Prepare prepares on the
// server; the statement's Close deallocates it at no round trip.
//
// Arguments are not converted by database/sql (NamedValueChecker): the
// native package takes sized ints and uints, floats, strings, []byte, bool,
// time.Time, time.Duration, json.RawMessage, pointers, driver.Valuer and
// sql.Null types as they are. A slice other than []byte is an IN list
// (IN ? becomes IN (a, b, c)) in every execution mode: in the prepared
// modes such a statement runs as text, escaped as above. sql.Named
// arguments fill @name or :name placeholders; named and positional
// arguments cannot be mixed.
//
// # Values
//
// Scanning into any gives what go-sql-driver/mysql gives: int64 for
// integers (uint64 for a BIGINT UNSIGNED above math.MaxInt64), float32 or float64 (as go-sql-driver's binary protocol
// does; its text protocol gives bytes), []byte for text, DECIMAL, JSON and
// TIME, and for DATE, DATETIME and TIMESTAMP their text as []byte, or a
// time.Time in Config.Location with parseTime=true. A TIMESTAMP's text is
// its instant written in Config.Location (the server's text when the
// session's time_zone is that zone; see "Time zones" in package aiomysql). Column types name the
// types as go-sql-driver does ("INT", "UNSIGNED BIGINT", "VARCHAR",
// "DECIMAL", "ENUM"); ScanType is go-sql-driver's too: a sized int for NOT
// NULL integers, sql.NullInt64 for nullable ones, string or sql.NullString
// for text, []byte for binary strings, sql.NullTime for dates (bool for
// TINYINT(1) only with tinyInt1IsBool=true). Unlike go-sql-driver, Length
// reports the declared length of string columns. On Go 1.27
// the driver implements driver.RowsColumnScanner: typed destinations are
// decoded into directly, without an interface value per column.
//
// # Sessions, retries and cancellation
//
// Before database/sql reuses a connection, ResetSession peeks at its
// socket (no round trip) and reports a dead connection as
// driver.ErrBadConn, so database/sql takes another. A session that
// changed (user variables, temporary tables, an open transaction, a
// changed database) is reset with COM_RESET_CONNECTION, which rolls back;
// statements prepared through database/sql on the connection, which the
// reset deallocates, are prepared again when they next run.
//
// driver.ErrBadConn, which makes database/sql retry on another connection,
// is given only when nothing of the command was written
// (aiomysql.ErrNotSent): a statement whose reply was lost returns
// aiomysql.ErrConnLost and is never run twice. With rejectReadOnly, a
// statement a read-only server refused (1290, 1792, 1836) closes the
// connection and is retried. A cancelled context kills the running
// statement on the server (aiomysql.Config.KillOnCancel).
//
// # Results of a multi-statement Exec
//
// With multiStatements=true, Exec keeps every statement's result. database/sql
// wraps results, so reach them through sql.Conn.Raw:
//
//	err := sqlConn.Raw(func(dc any) error {
//		res, err := dc.(driver.ExecerContext).ExecContext(ctx, "UPDATE a SET x = 1; UPDATE b SET y = 2", nil)
//		if err != nil {
//			return err
//		}
//		fmt.Println(res.(*stdlib.Result).AllRowsAffected()) // [3 1]
//		return nil
//	})
//
// # Reaching the native connection
//
// NativeConn gives the *aiomysql.Conn under a driver connection, inside
// sql.Conn.Raw, for what database/sql has no words for (Batch, CopyFrom,
// LoadData, cursors, FetchSize):
//
//	err := sqlConn.Raw(func(dc any) error {
//		_, err := stdlib.NativeConn(dc).CopyFrom(ctx, "fruit", []string{"id", "name"}, src)
//		return err
//	})
//
// # Errors
//
// A server error is *aiomysql.Error, also named Error here, with
// go-sql-driver's field names Number, SQLState and Message: porting is a
// type rename (*mysql.MySQLError becomes *stdlib.Error). go-sql-driver's
// sentinels (ErrInvalidConn, ErrPktTooLarge, ...) are here under the same
// names, each the native error that means the same.
//
// # Registries
//
// RegisterTLSConfig, RegisterServerPubKey, RegisterLocalFile,
// RegisterReaderHandler and RegisterDialContext (and their Deregister
// functions) work as go-sql-driver's, for drop-in use. They are the
// project's only mutable package state, a mutex-guarded set of maps; the
// Config fields each names are the recommended way. There is no
// allowAllFiles.
//
// The Driver, the Connector and the *sql.DB are safe for concurrent use.
package stdlib
