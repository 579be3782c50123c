package faultproxy

import (
	"context"
	"sync"
)

// defaultRecordLimit is Config.RecordLimit's default.
const defaultRecordLimit = 64 << 20

// signal wakes every goroutine waiting for "something changed". A waiter
// takes the channel, checks its condition, and only then blocks on it, so
// no change is missed. The channel is made only when someone waits.
type signal struct {
	mu sync.Mutex
	ch chan struct{}
}

func (s *signal) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) broadcast() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// recorder keeps what one direction of a link read and forwarded.
type recorder struct {
	mu        sync.Mutex
	limit     int64 // bytes kept per slice; < 0 keeps none
	read      []byte
	forwarded []byte
	nRead     int64
	nFwd      int64
}

func keep(dst, b []byte, limit int64) []byte {
	if limit < 0 {
		return dst
	}
	room := limit - int64(len(dst))
	if room <= 0 {
		return dst
	}
	if int64(len(b)) > room {
		b = b[:room]
	}
	return append(dst, b...)
}

func (r *recorder) addRead(b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nRead += int64(len(b))
	r.read = keep(r.read, b, r.limit)
}

func (r *recorder) addForwarded(b []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nFwd += int64(len(b))
	r.forwarded = keep(r.forwarded, b, r.limit)
}

func (r *recorder) snapshot() (read, fwd []byte, nRead, nFwd int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]byte{}, r.read...), append([]byte{}, r.forwarded...), r.nRead, r.nFwd
}

func (r *recorder) counts() (nRead, nFwd int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.nRead, r.nFwd
}

// Recorded returns a copy of the bytes the proxy read in direction d, before
// any mode or rewrite acted on them: everything the sender sent, up to
// Config.RecordLimit bytes. It is nil for an invalid direction.
func (l *Link) Recorded(d Direction) []byte {
	if !d.valid() {
		return nil
	}
	b, _, _, _ := l.rec[d.index()].snapshot()
	return b
}

// Forwarded returns a copy of the bytes the proxy wrote in direction d, after
// rewrites, without what was dropped, discarded or not yet due, up to
// Config.RecordLimit bytes. Bytes count as written when the write returns,
// so the receiver may see them a moment before they show here; wait with
// WaitForwarded rather than assume. It is nil for an invalid direction.
func (l *Link) Forwarded(d Direction) []byte {
	if !d.valid() {
		return nil
	}
	_, b, _, _ := l.rec[d.index()].snapshot()
	return b
}

// RecordedLen returns how many bytes the proxy has read in direction d; unlike
// Recorded it is never capped.
func (l *Link) RecordedLen(d Direction) int64 {
	if !d.valid() {
		return 0
	}
	n, _ := l.rec[d.index()].counts()
	return n
}

// ForwardedLen returns how many bytes the proxy has written in direction d;
// unlike Forwarded it is never capped.
func (l *Link) ForwardedLen(d Direction) int64 {
	if !d.valid() {
		return 0
	}
	_, n := l.rec[d.index()].counts()
	return n
}

// WaitRecorded blocks until the proxy has read at least n bytes in direction
// d. It returns ctx's error if ctx ends first, and an error wrapping ErrClosed
// if the link ends first.
func (l *Link) WaitRecorded(ctx context.Context, d Direction, n int64) error {
	return l.waitCount(ctx, d, n, false)
}

// WaitForwarded blocks until the proxy has written at least n bytes in
// direction d. It returns ctx's error if ctx ends first, and an error
// wrapping ErrClosed if the link ends first.
func (l *Link) WaitForwarded(ctx context.Context, d Direction, n int64) error {
	return l.waitCount(ctx, d, n, true)
}

func (l *Link) waitCount(ctx context.Context, d Direction, n int64, fwd bool) error {
	if err := checkDirection(d); err != nil {
		return err
	}
	r := &l.rec[d.index()]
	for {
		ch := l.progress.wait()
		nRead, nFwd := r.counts()
		if (fwd && nFwd >= n) || (!fwd && nRead >= n) {
			return nil
		}
		select {
		case <-ch:
		case <-l.done:
			nRead, nFwd = r.counts()
			if (fwd && nFwd >= n) || (!fwd && nRead >= n) {
				return nil
			}
			return l.endedErr(d, fwd, nRead, nFwd, n)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
