package aiomysql

import (
	"context"
	"errors"
	"os"
)

// Timeout reports whether err was caused by a time limit running out on the
// client's side: context.DeadlineExceeded, os.ErrDeadlineExceeded, or any
// error in err's tree with a Timeout method that returns true (a net.Error
// timeout). It is false for nil and for any err whose tree holds
// context.Canceled: a cancelled context can surface as an I/O timeout,
// because the connection interrupts a blocked read by setting a deadline in
// the past, and that is a cancellation, not a timeout. Errors the server
// reports (*Error), such as 1205 lock wait timeout or 1969 statement
// timeout, are not client timeouts either: test their Number.
func Timeout(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	return anyInTree(err, func(e error) bool {
		t, ok := e.(interface{ Timeout() bool })
		return ok && t.Timeout()
	})
}

// anyInTree reports whether f is true for err or any error it wraps,
// following both Unwrap() error and Unwrap() []error. Unlike errors.As with
// an interface target, it does not stop at the first error that has the
// method.
func anyInTree(err error, f func(error) bool) bool {
	for err != nil {
		if f(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if anyInTree(e, f) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}
