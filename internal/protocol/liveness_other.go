//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package protocol

import "net"

// peeker cannot peek on this platform.
type peeker struct{}

// peekSocket cannot peek on this platform: every connection reads as alive,
// and a dead one is found by the first command (as ErrNotSent when nothing
// reached the server).
func (*peeker) peekSocket(net.Conn) (readable, eof bool, err error) { return false, false, nil }
