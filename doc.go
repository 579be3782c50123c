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
// Every call that can block takes a context first. A context that ends
// during a command interrupts it; the connection, whose state is then
// unknown, is closed, and the error wraps ctx.Err().
package aiomysql
