//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package protocol

import (
	"errors"
	"net"
	"syscall"
)

// peeker peeks at one socket. It is set up on the first peek and kept, so
// that a peek (a pool makes one per checkout) allocates nothing: the raw
// connection, the callback and its results live here.
type peeker struct {
	rc   syscall.RawConn
	fn   func(fd uintptr) bool
	n    int
	err  error
	none bool // the connection exposes no file descriptor
}

// peekSocket looks at the socket without consuming anything or blocking:
// readable when bytes wait, eof when the peer closed it. A connection that
// does not expose its file descriptor (a custom Dialer's) reads as alive.
func (p *peeker) peekSocket(nc net.Conn) (readable, eof bool, err error) {
	if p.none {
		return false, false, nil
	}
	if p.rc == nil {
		sc, ok := nc.(syscall.Conn)
		if !ok {
			p.none = true
			return false, false, nil
		}
		rc, err := sc.SyscallConn()
		if err != nil {
			p.none = true
			return false, false, nil
		}
		p.rc, p.fn = rc, p.recv
	}
	p.n, p.err = 0, nil
	err = p.rc.Read(p.fn)
	n, perr := p.n, p.err
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

// recv is the callback of RawConn.Read: one non-blocking peek.
func (p *peeker) recv(fd uintptr) bool {
	var b [1]byte
	p.n, _, p.err = syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
	return true // never wait for readiness
}
