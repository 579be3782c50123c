//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package protocol

import "net"

// peekSocket cannot peek on this platform: every connection reads as alive,
// and a dead one is found by the first command (as ErrNotSent when nothing
// reached the server).
func peekSocket(net.Conn) (readable, eof bool, err error) { return false, false, nil }
