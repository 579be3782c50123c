// Package replay records what a server sends on a connection and plays it
// back through a fake net.Conn, so that a client's CPU and allocations can
// be measured without the server, the kernel or the scheduler in the way.
//
// A Recorder is a dialer (the shape of aiomysql's Config.Dialer and
// go-sql-driver/mysql's DialFunc) that tees one real connection: what the
// client writes and what the server answers, cut into Steps at each turn
// of the conversation (a Step is the client's writes, then every byte the
// server sent before the client wrote again). Mark notes where the
// repeated part starts; Script returns the recording.
//
// A Script replays through Script.Dial: each dialed Conn serves the
// recorded replies in order, one Step each time the client, having
// written, reads past the end of the previous reply. The client's bytes
// are taken and counted, not compared (a handshake carries a process id
// in its connection attributes), so the replayed client must ask what the
// recorded one asked. The handshake's scramble is in the recording:
// record a user without a password, or the replayed authentication fails.
// After the last Step the Conn starts again at the Script's Loop step, so
// that a benchmark can run the marked part as many times as it likes.
//
// Neither a recorded nor a replayed connection is a syscall.Conn, so the
// drivers skip their socket liveness peeks on both alike.
//
// A Script is a few bytes of framing around the recorded data
// (MarshalBinary, UnmarshalBinary), for testdata files.
//
// A Recorder is safe for concurrent use; a Script is read-only once made
// and may be dialed by several goroutines; a Conn is for one goroutine at
// a time, as a client's connection is.
package replay
