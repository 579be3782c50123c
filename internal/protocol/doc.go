// Package protocol is one client connection to a MySQL or MariaDB server:
// dialing, the TLS upgrade, the handshake and authentication, and the
// command/response exchange of simple commands.
//
// It sits above internal/wire (packets) and internal/auth (plugins) and below
// the public package, which turns its Options from a Config and its errors
// into the public error types. A Conn is not safe for concurrent use: one
// goroutine uses it at a time; only Close and the context watcher may act
// from another goroutine.
//
// Every call that can block takes a context. When the context can end, the
// socket's deadline follows it (a cancelled context sets a deadline in the
// past, which wakes a blocked read or write); when it cannot, no deadline
// syscall is made. An I/O error, a desynchronised stream or a cancelled
// exchange marks the connection broken and closes it: a broken Conn is never
// used again.
package protocol
