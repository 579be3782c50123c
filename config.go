package aiomysql

import (
	"context"
	"crypto/rsa"
	"crypto/tls"
	"log/slog"
	"net"
	"time"
)

// Config says where and how to connect. Every field states its default (the
// value NewConfig and ParseDSN start from) and its DSN parameter names; see
// ParseDSN for the DSN forms. Create a Config with NewConfig or ParseDSN: a
// zero Config is usable but has the booleans whose default is true
// (AllowNativePasswords, CheckConnLiveness, KillOnCancel) off, TLS disabled and no connect timeout.
//
// A Config is a plain value: Connect and the pool read it and never change it,
// so one Config may be shared by goroutines as long as none of them writes
// to it. Clone gives an independent copy to modify.
//
// The password is never printed: String, GoString, Format (%v, %+v, %#v, %s,
// %q, ...) and LogValue (slog) all show "xxxxx" instead; FormatDSN is the one
// method whose result contains it.
//
// # aiomysql's connect() keywords
//
// host, port, unix_socket, user, password, db, charset, sql_mode,
// init_command, connect_timeout, autocommit, client_flag, local_infile,
// auth_plugin, program_name, server_public_key (a PEM string: see
// ParseServerPublicKey), read_default_file, read_default_group, echo (Logger),
// cursorclass (DefaultCursor) and ssl (an SSLContext: TLSConfig, or the SSL*
// file fields with TLSMode) all have a field. conv (decoder map) has none:
// values are converted by the Scan destination's Go type. loop has no
// meaning in Go. no_delay is accepted in a DSN and ignored: Go sockets
// already disable Nagle's algorithm. use_unicode is accepted in a DSN and
// ignored: text is always decoded, and a []byte destination gets raw bytes.
//
// # go-sql-driver/mysql's DSN parameters
//
// All are accepted, with these differences:
//   - tls=<registered name> and serverPubKey=<registered name> are errors
//     here: the native package has no global registry; set TLSConfig or
//     ServerPublicKey (or server-public-key-file) instead. The database/sql
//     driver (package stdlib) resolves them from its registries.
//   - allowAllFiles=true is an error: there is no "any file" mode; list the
//     files or directories in LocalInfileAllow (DSN local_infile_allow).
//     allowAllFiles=false is accepted and changes nothing.
//   - allowFallbackToPlaintext=true turns an unverified mode (tls=skip-verify,
//     required) into TLSPreferred and is an error with a verifying mode;
//     false changes nothing.
//   - strict is an error, as it has been in go-sql-driver/mysql for years.
//   - Unknown parameters are session variables (Params), as there, but their
//     names must be plain identifiers and their values are quoted by the
//     connection code instead of being pasted into SQL. sql_mode, time_zone
//     and autocommit set their own fields.
//   - Defaults differ: TLS is preferred (not off), ConnectTimeout is 10s
//     (not the OS's), the collation is the server's default for Charset
//     (not utf8mb4_general_ci).
type Config struct {
	// Net is the network: "tcp", "tcp4", "tcp6" or "unix". Default "" picks
	// "unix" when UnixSocket is set and "tcp" otherwise; see Network. Another
	// name is allowed only with a Dialer, which gets it. DSN: the net in
	// net(addr), or the network parameter.
	Net string
	// Host is the server's host name or IP address. Default "127.0.0.1" (as
	// go-sql-driver/mysql; aiomysql's "localhost" may resolve to ::1 first).
	// "localhost" means TCP to localhost, not the unix socket. DSN: the addr
	// in tcp(addr), or the URL's host.
	Host string
	// Port is the server's TCP port. Default 3306 (0 also means 3306).
	// DSN: the addr in tcp(addr), or the URL's port.
	Port int
	// Hosts, when set, are the servers to connect to, each "host",
	// "host:port" or "[ipv6]:port" (an entry without a port takes Port):
	// Connect tries them as HostOrder says, each attempt bounded by
	// ConnectTimeout, until one accepts and is of TargetRole; Host is then
	// not used. A DSN with a list sets it: tcp(h1:3306,h2:3306), or
	// mysql://user@h1:3306,h2:3306/db (Host and Port then hold the first).
	// Default none: Host and Port.
	Hosts []string
	// HostOrder is the order in which Hosts are tried. Default
	// HostsInOrder. DSN: hostOrder (in-order, random).
	HostOrder HostOrder
	// TargetRole is which servers a connection may end on (a primary or a
	// replica, by read_only), checked after connecting with one query
	// (SELECT @@read_only) unless it is RoleAny; a server of another role is
	// left for the next host, and none gives ErrTargetRole. On MariaDB
	// Galera the same query also skips a node not ready for applications
	// (wsrep_ready OFF, or wsrep_reject_queries set), which would answer
	// 1047: use RolePrimary there. It applies to a single Host too. Default RoleAny. DSN: targetRole (any, primary,
	// replica, prefer-replica; pgx's read-write, read-only, standby,
	// prefer-standby too).
	TargetRole TargetRole
	// UnixSocket is the path of the server's unix socket; when set (and Net
	// is "" or "unix") the connection uses it instead of Host and Port.
	// Default "" (DSN unix without an address means /tmp/mysql.sock).
	// aiomysql: unix_socket. DSN: unix(path), or socket=path.
	UnixSocket string
	// Dialer opens the raw connection. Default nil: a net.Dialer. Not in the
	// DSN.
	Dialer func(ctx context.Context, network, addr string) (net.Conn, error)
	// ConnectTimeout bounds dialing, the TLS handshake, authentication and
	// session set-up, on top of the context. Default 10s; 0 means no bound
	// beyond the context. aiomysql: connect_timeout. DSN: timeout,
	// connect_timeout (a Go duration such as 30s, or bare seconds).
	ConnectTimeout time.Duration
	// ReadTimeout bounds each read from the socket. Default 0: none.
	// DSN: readTimeout, read_timeout.
	ReadTimeout time.Duration
	// WriteTimeout bounds each write to the socket. Default 0: none.
	// DSN: writeTimeout, write_timeout.
	WriteTimeout time.Duration

	// User is the account's user name. Default "". DSN: before the ':' or '@'.
	User string
	// Password is the account's password. Default "". It is never printed
	// (see Config). DSN: after the ':' of user:password@.
	Password string
	// Database is the default database. Default "": none.
	// aiomysql: db. DSN: the path after '/'.
	Database string

	// Charset is the connection character set (SET NAMES). Default "utf8mb4".
	// aiomysql: charset. DSN: charset.
	Charset string
	// CharsetFallbacks are character sets tried in turn, each with SET NAMES
	// at connect (one round trip more), when the server does not know
	// Charset (ER_UNKNOWN_CHARACTER_SET): go-sql-driver/mysql's
	// charset=a,b,... list, whose names after the first land here. Each must
	// be one this client knows; Collation must then be empty. Default none.
	CharsetFallbacks []string
	// Collation is the connection collation. Default "": the server's default
	// collation for Charset. DSN: collation.
	Collation string
	// SQLMode, when set, is the session's sql_mode. Default "": the server's.
	// aiomysql: sql_mode. DSN: sql_mode (a value in SQL quotes is unquoted).
	SQLMode string
	// TimeZone, when set, is the session's time_zone, e.g. "+00:00" or
	// "Europe/Paris". Default "": the server's. TIMESTAMP values are read in
	// the session's zone as the server reports it through session tracking;
	// from a server without it (TiDB, vtgate) in TimeZone, and a later
	// SET time_zone goes unseen there. DSN: time_zone (a value in SQL
	// quotes is unquoted).
	TimeZone string
	// Location is the zone in which DATETIME values are read into time.Time and
	// time.Time arguments are written. Default time.UTC; nil means UTC.
	// It does not change the server's time_zone (see TimeZone).
	// DSN: loc (a zone name, or Local).
	Location *time.Location
	// ParseTime makes the database/sql driver return DATE and DATETIME as
	// time.Time instead of their text as bytes. Default false. DSN:
	// parseTime. It is for the database/sql driver (package stdlib) only: the
	// native API ignores it and always gives time.Time.
	ParseTime bool
	// TimeTruncate truncates time.Time arguments to a multiple of this
	// duration (time.Time.Truncate) before they are interpolated, for Query,
	// Exec and the cursors alike. Default 0: none (beyond microseconds, which
	// is all the server keeps). DSN: timeTruncate.
	TimeTruncate time.Duration
	// TinyInt1IsBool makes the database/sql driver report TINYINT(1) columns
	// as bool (ColumnTypeScanType; the values stay int64, which database/sql
	// scans into a bool). Default false: go-sql-driver/mysql reports int8, and
	// the driver is a drop-in for it. DSN: tinyInt1IsBool. It is for the
	// database/sql driver (package stdlib) only: the native API ignores it.
	TinyInt1IsBool bool
	// Autocommit, when set, is the session's autocommit after connect. Default
	// nil: the server's (normally on). aiomysql defaults to off (False); set
	// it to a pointer to false for that behaviour. DSN: autocommit.
	Autocommit *bool
	// InitCommands are statements run in order after connecting (and after a
	// session reset). Default none. aiomysql: init_command. DSN: init_command,
	// repeated for several.
	InitCommands []string
	// Params are other session variables, set after connecting: name to
	// value. Names are plain identifiers (optionally @@ or @@session.); values
	// are kept as given and quoted by the connection code. Default none.
	// DSN: any parameter that is not one of Config's.
	Params map[string]string
	// ProgramName is sent as the program_name connection attribute (it wins
	// over a program_name key in ConnectAttributes). Default "".
	// aiomysql: program_name. DSN: program_name.
	ProgramName string
	// ConnectAttributes are extra connection attributes (performance_schema
	// session_connect_attrs). Keys must not start with '_', which the client's
	// own attributes use, nor contain ',' or ':'; values must not contain ','.
	// Default none. DSN: connectionAttributes=key:value,key:value.
	ConnectAttributes map[string]string

	// TLSMode says whether to encrypt and what to verify. Default
	// TLSPreferred. DSN: tls or ssl-mode (the names TLSMode.UnmarshalText
	// reads).
	TLSMode TLSMode
	// TLSConfig is a custom TLS configuration, the base of the one each
	// connection uses; it is ignored with TLSDisabled. Connect clones it,
	// raises MinVersion to TLS 1.2, sets an empty ServerName (TLSServerName,
	// else Host) and adds SSLCA and SSLCert/SSLKey. With TLSPreferred or
	// TLSRequired a TLSConfig that verifies (InsecureSkipVerify false) is
	// kept as it is; TLSVerifyCA runs its VerifyConnection after the chain
	// check; TLSVerifyIdentity refuses one with InsecureSkipVerify. Default
	// nil. Not in the DSN. aiomysql: ssl (an SSLContext).
	TLSConfig *tls.Config
	// SSLCA is a PEM file of CA certificates to verify the server with; with
	// TLSPreferred or TLSRequired it also turns on chain verification. Default
	// "": the system's roots. Read at each connect. DSN: ssl-ca.
	SSLCA string
	// SSLCert and SSLKey are PEM files of the client certificate and its key,
	// for accounts that REQUIRE X509. Both or neither. Default "". Read at
	// each connect. DSN: ssl-cert, ssl-key.
	SSLCert, SSLKey string
	// TLSServerName is the name the certificate must carry with
	// TLSVerifyIdentity, and the SNI sent. Default "": Host.
	// DSN: tls-server-name.
	TLSServerName string

	// AuthPlugins is the allow-list of authentication plugins. Default nil:
	// mysql_native_password (if AllowNativePasswords), caching_sha2_password,
	// sha256_password and client_ed25519, plus mysql_clear_password and dialog
	// with AllowCleartextPasswords and mysql_old_password with
	// AllowOldPasswords, preferred in the order caching_sha2_password,
	// client_ed25519, sha256_password, mysql_native_password. When set, it is
	// the order of preference, and a plugin must be listed and, for those
	// three, opted into too. DSN: auth_plugins=a,b.
	AuthPlugins []string
	// AuthPlugin is the plugin used for the first handshake response. Default
	// "": the one the server proposes. aiomysql: auth_plugin. DSN: auth_plugin.
	AuthPlugin string
	// AllowCleartextPasswords allows mysql_clear_password and dialog, which
	// send the password itself; they are still refused on a channel that is
	// neither TLS nor a unix socket. Default false. DSN: allowCleartextPasswords.
	AllowCleartextPasswords bool
	// AllowNativePasswords allows mysql_native_password. Default true.
	// DSN: allowNativePasswords.
	AllowNativePasswords bool
	// AllowOldPasswords allows the pre-4.1 mysql_old_password. Default false.
	// DSN: allowOldPasswords.
	AllowOldPasswords bool
	// AllowPublicKeyRetrieval lets caching_sha2_password and sha256_password
	// ask the server for its RSA key over a channel without TLS (a
	// man-in-the-middle could answer). Default false.
	// DSN: allowPublicKeyRetrieval, get-server-public-key.
	AllowPublicKeyRetrieval bool
	// ServerPublicKey is the server's RSA key for caching_sha2_password and
	// sha256_password without TLS; it wins over ServerPublicKeyFile.
	// Default nil. aiomysql: server_public_key (see ParseServerPublicKey).
	ServerPublicKey *rsa.PublicKey
	// ServerPublicKeyFile is a PEM file with the server's RSA key, read at
	// each connect. Default "". DSN: server-public-key-file,
	// server-public-key-path.
	ServerPublicKeyFile string

	// MaxAllowedPacket is the server's max_allowed_packet as the client
	// assumes it, in bytes: a command must be smaller than it (a larger one
	// is refused with ErrPacketTooLarge before anything is written), and no
	// reply may be larger, except an error: an ERR packet over it is the
	// server's *Error with its message cut to fit, and the connection stays
	// usable. Default 64 MiB (67108864); set it to the server's
	// value, or 0 to read the server's value after connecting (one more round
	// trip). DSN: maxAllowedPacket.
	MaxAllowedPacket int
	// MultiStatements allows several statements in one query. Default false.
	// DSN: multiStatements.
	MultiStatements bool
	// ClientFoundRows makes UPDATE report matched rather than changed rows.
	// Default false. DSN: clientFoundRows.
	ClientFoundRows bool
	// TrackGTID makes the server report, in the OK of each write, the GTID
	// the write got (MariaDB's last_gtid, MySQL's session_track_gtids =
	// OWN_GTID): Conn.LastGTID gives it, at no extra round trip, as the
	// token of a read-your-writes read on a replica (Conn.WaitGTID). The
	// tracking SET goes out with the first command. Default false.
	// DSN: trackGTID.
	TrackGTID bool
	// Compress asks for the compressed protocol (zlib), used when the
	// server offers it (Conn.Compressed tells): it trades CPU for fewer
	// bytes on slow links. Default false. DSN: compress.
	Compress bool
	// ColumnsWithAlias makes the database/sql driver name columns table.column.
	// Default false. DSN: columnsWithAlias. It is for the database/sql driver
	// (package stdlib) only: the native API ignores it.
	ColumnsWithAlias bool
	// InterpolateParams is for the database/sql driver (package stdlib): it
	// makes that driver send queries with arguments as one text query, the
	// arguments written into it (QueryExecModeText), instead of following
	// DefaultQueryExecMode (by default a cached server-side statement, also
	// one round trip). Default false, as in go-sql-driver/mysql. The native
	// API ignores the field: Query, QueryRow and Exec follow
	// DefaultQueryExecMode, and the aiomysql cursors interpolate. Literals
	// are written so that they read the same in either NO_BACKSLASH_ESCAPES
	// state, and in character sets
	// where a backslash can hide inside a multibyte character (gbk, sjis,
	// big5, cp932, gb18030) nothing is interpolated: the query fails with
	// ErrUnsafeInterpolation. DSN: interpolateParams.
	InterpolateParams bool
	// RejectReadOnly drops a connection that gets an error saying the server
	// is read-only (1290, 1792, 1836), e.g. a primary demoted by a failover,
	// so that the next connection finds the promoted one (with Hosts and
	// TargetRole RolePrimary): a Pool closes such a connection when it is
	// given back, the database/sql driver at once (and database/sql
	// retries). A plain Conn stays open. Default false. DSN: rejectReadOnly.
	RejectReadOnly bool
	// CheckConnLiveness makes the database/sql driver check an idle connection
	// before reusing it (a peek at the socket, no round trip). Default true.
	// DSN: checkConnLiveness. It is for the database/sql driver (package
	// stdlib) only: the native API ignores it.
	CheckConnLiveness bool
	// ClientFlag holds extra capability bits ORed into the client's flags.
	// Default 0. aiomysql: client_flag. DSN: client_flag (decimal or 0x hex).
	ClientFlag uint64
	// DefaultCursor is the kind Conn.Cursor makes when none is named. Default
	// CursorBuffered. aiomysql: cursorclass. DSN: cursorclass.
	DefaultCursor CursorKind
	// DefaultQueryExecMode is how Query, QueryRow and Exec send a statement
	// with arguments when the call names no mode (see QueryExecMode and the
	// package documentation's "Execution modes"). Default
	// QueryExecModeDefault, which is QueryExecModeCacheStatement. Cursors
	// (Execute, ExecuteMany, Mogrify) always interpolate, as aiomysql does.
	// DSN: defaultQueryExecMode (cache_statement, prepare_execute, direct,
	// text).
	DefaultQueryExecMode QueryExecMode
	// StatementCacheCapacity is how many prepared statements each connection
	// keeps for QueryExecModeCacheStatement, least recently used evicted
	// (and closed on the server) first. Default 64; 0 also means 64. A
	// prepared statement costs the server about 32 KiB of the connection's
	// memory (MariaDB 10.11, measured by TestStatementCacheFootprint), and
	// the server caps statements across all connections with
	// max_prepared_stmt_count (16,382 by default): 64 per connection keeps
	// 2 MiB per connection and lets 255 connections fill their caches.
	// DSN: statementCacheCapacity.
	StatementCacheCapacity int
	// LongDataThreshold is the size in bytes above which a prepared
	// statement's string or []byte argument is sent ahead of the execute
	// with COM_STMT_SEND_LONG_DATA, in pieces of at most 4 MiB (and below
	// MaxAllowedPacket), instead of inside COM_STMT_EXECUTE; a value of
	// exactly LongDataThreshold bytes still goes inside. The pieces go out in
	// the same write as the execute and cost no round trip; they spare the
	// server one packet as large as the value, which it would have to hold
	// whole. The value's total size is still bounded by the server's
	// max_allowed_packet. Default 1 MiB (1048576); 0 also means 1 MiB; a
	// negative value never sends long data. DSN: longDataThreshold.
	LongDataThreshold int
	// Logger, when set, logs each query when it ends: its SQL as written
	// (arguments are counted, never logged), duration, rows and error, at
	// Info (Error when it failed). Default nil: silent.
	// aiomysql: echo. DSN: echo=true sets slog.Default().
	Logger *slog.Logger
	// Tracer observes each query's start and end. Default nil. Not in the DSN.
	Tracer QueryTracer
	// LocalInfile allows LOAD DATA LOCAL INFILE, from the files and directories
	// in LocalInfileAllow or from per-call readers only. Default false.
	// aiomysql: local_infile. DSN: local_infile.
	LocalInfile bool
	// LocalInfileAllow lists the absolute paths of the files, and of the
	// directories whose files, LOAD DATA LOCAL INFILE may send. Default none.
	// DSN: local_infile_allow, repeated for several.
	LocalInfileAllow []string
	// KillOnCancel sends KILL QUERY on a side connection when a context ends
	// while a call waits for the server (and when Rows.Close abandons a long
	// result), so the server stops working and the connection can be kept.
	// The kill is sent only after the side connection proves, in the process
	// list, that it reached this connection's thread (its user and client
	// port); through a proxy that changes the client port it cannot, and the
	// connection is closed instead. Off, an interrupted connection is always
	// closed. Default true. DSN: kill_on_cancel.
	KillOnCancel bool
	// KillDelay waits this long after the context ends before sending the
	// KILL QUERY, giving a query about to finish a chance to. Default 0.
	// DSN: kill_delay.
	KillDelay time.Duration
	// ReadDefaultFile is a my.cnf-style option file whose settings fill the
	// unset fields when connecting, as ApplyOptionFile(ReadDefaultFile,
	// ReadDefaultGroup) does; ParseDSN does not read it. Default "": none.
	// aiomysql: read_default_file. DSN: read_default_file.
	ReadDefaultFile string
	// ReadDefaultGroup is the option-file group read after [client] (whose
	// values win). Without ReadDefaultFile nothing is read (aiomysql would
	// read /etc/my.cnf). Default "". aiomysql: read_default_group.
	// DSN: read_default_group.
	ReadDefaultGroup string
}
