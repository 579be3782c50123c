// Package protocol is one client connection to a MySQL or MariaDB server:
// dialing, the TLS upgrade, the handshake and authentication, and the
// command engine.
//
// It sits above internal/wire (packets and framing), internal/auth (plugins)
// and internal/types (the row codecs), and below the public package, which
// turns its Options from a Config and its errors into the public error
// types. A Conn is not safe for concurrent use: one goroutine uses it at a
// time; only Close, and the connection's own watch and kill goroutines, act
// from another goroutine.
//
// The command engine (command.go, queue.go, result.go): commands are
// appended to a pending output and written in one flush; their replies are
// read in order from a FIFO, each starting its own packet sequence; the
// result reader hands rows to a row codec. A context governs exactly the
// call it is passed to (watch.go): checked before anything is written,
// watched only while the call blocks on the socket (sock.go), forgotten
// when it returns. An ended context interrupts the call with a kill that
// proves its target (cancel.go, kill.go). Errors say what the server may
// have done, by the phase the exchange failed in (outcome.go). An I/O error,
// a desynchronised stream or an interruption that could not end cleanly
// marks the connection broken and closes it: a broken Conn is never used
// again. Idle connections can be checked without a round trip (liveness.go)
// and know whether their session changed (session_state.go).
package protocol
