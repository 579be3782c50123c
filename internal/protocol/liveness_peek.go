//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package protocol

import (
	"errors"
	"net"
	"syscall"
)

// peekSocket looks at the socket without consuming anything or blocking:
// readable when bytes wait, eof when the peer closed it. A connection that
// does not expose its file descriptor (a custom Dialer's) reads as alive.
func peekSocket(nc net.Conn) (readable, eof bool, err error) {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return false, false, nil
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return false, false, nil
	}
	var n int
	var perr error
	err = rc.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, perr = syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		return true // never wait for readiness
	})
	switch {
	case err != nil:
		return false, false, err
	case errors.Is(perr, syscall.EAGAIN) || errors.Is(perr, syscall.EWOULDBLOCK) || errors.Is(perr, syscall.EINTR):
		return false, false, nil
	case errors.Is(perr, syscall.ECONNRESET):
		return false, true, nil
	case perr != nil:
		return false, false, perr
	case n == 0:
		return false, true, nil
	}
	return true, false, nil
}
