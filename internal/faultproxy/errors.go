package faultproxy

import "errors"

// ErrInvalid is wrapped by every error about a bad argument: an unknown
// Direction or Side, a negative delay or byte count, a missing predicate, an
// empty upstream address. Test with errors.Is.
var ErrInvalid = errors.New("faultproxy: invalid argument")

// ErrClosed is returned by calls that need a running proxy or a live link
// once it has been closed or has ended, and by waits that can no longer be
// satisfied for that reason.
var ErrClosed = errors.New("faultproxy: closed")
