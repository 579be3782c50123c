package faultproxy

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// readBufLen is the most a direction reads at once.
const readBufLen = 32 << 10

// readState is one direction reader's private state.
type readState struct {
	d           Direction
	i           int
	f           framer
	spec        *modeSpec // the Mode last applied, by identity
	count       int64     // bytes forwarded under the current CutAfter
	fired       bool      // the current CutAfter has cut
	discarding  bool      // forwarding is over: read and drop
	queueClosed bool
}

// readLoop reads direction d's source, records every byte and hands it to
// the current mode. It owns the direction's queue and closes it when
// forwarding ends, so the writer knows nothing more comes.
func (l *Link) readLoop(d Direction) {
	defer l.goroutineDone()
	st := &readState{d: d, i: d.index()}
	defer l.closeQueue(st)
	src := l.conns[d.source()]
	buf := make([]byte, readBufLen)
	for {
		if !st.discarding {
			l.holdWhileStalled(st)
		}
		n, err := src.Read(buf)
		if n > 0 {
			// The mode is taken before the bytes show as recorded, so a
			// test that waits for them and then changes the mode knows
			// they were read under the old one.
			m, rw := l.effective(st.i)
			chunk := append([]byte(nil), buf[:n]...)
			l.rec[st.i].addRead(chunk)
			l.progress.broadcast()
			l.process(st, chunk, m, rw)
		}
		if err == nil {
			continue
		}
		if errors.Is(err, io.EOF) {
			// The sender shut down its side: pass on any partial packet,
			// then the writer passes the FIN on.
			if st.f.framing && !st.discarding {
				l.emit(st, nil, st.f.take(), time.Time{}, nil)
			}
			return
		}
		if !l.closedByProxy(d.source()) {
			// The peer reset, or the network failed: pass it on as a reset.
			l.closeAll(true)
		}
		return
	}
}

// closeQueue closes the direction's queue once.
func (l *Link) closeQueue(st *readState) {
	if !st.queueClosed {
		st.queueClosed = true
		close(l.queue[st.i])
	}
}

func (l *Link) stoppedDir(i int) bool {
	select {
	case <-l.stop[i]:
		return true
	default:
		return false
	}
}

// holdWhileStalled blocks while direction st.i is in the Stall mode and not
// stopped.
func (l *Link) holdWhileStalled(st *readState) {
	for {
		ch := l.p.modeSig.wait()
		if m, _ := l.effective(st.i); m.kind() != kindStall {
			return
		}
		select {
		case <-ch:
		case <-l.stop[st.i]:
			return
		}
	}
}

// process applies mode m and rewrite hook rw, in effect when b was read, to
// b. It looks at the mode again only after a stall, which waits for a change,
// and after each packet given to a PacketFunc, which may make one.
func (l *Link) process(st *readState, b []byte, m Mode, rw RewriteFunc) {
	for len(b) > 0 {
		if st.discarding || l.stoppedDir(st.i) {
			st.discarding = true
			l.closeQueue(st)
			return
		}
		if m.s != st.spec {
			st.spec, st.count, st.fired = m.s, 0, false
		}
		switch m.kind() {
		case kindStall:
			l.holdWhileStalled(st)
			m, rw = l.effective(st.i)
		case kindPackets:
			var asked bool
			if b, asked = l.packetStep(st, m, rw, b); asked {
				m, rw = l.effective(st.i)
			}
		default:
			if st.f.framing {
				// Framing stopped inside a packet: its buffered start goes
				// on as plain bytes.
				b = append(st.f.take(), b...)
			}
			b = l.byteStep(st, m, rw, b)
		}
	}
}

// byteStep applies a mode other than Packets and Stall to b and returns
// what is left of it.
func (l *Link) byteStep(st *readState, m Mode, rw RewriteFunc, b []byte) []byte {
	switch m.kind() {
	case kindDelay:
		l.emit(st, rw, b, time.Now().Add(m.s.delay), nil)
	case kindBlackhole:
	case kindCutAfter:
		if st.fired {
			l.emit(st, rw, b, time.Time{}, nil)
			break
		}
		take := int(min(m.s.n-st.count, int64(len(b))))
		st.count += int64(take)
		var cut *Cut
		if st.count == m.s.n {
			st.fired = true
			cut = &m.s.cut
		}
		l.emit(st, rw, b[:take:take], time.Time{}, cut)
		st.f.skip(b[:take])
		return b[take:]
	default:
		l.emit(st, rw, b, time.Time{}, nil)
	}
	st.f.skip(b)
	return nil
}

// packetStep applies the Packets mode to the start of b: one whole packet,
// the unframed rest of a packet, or the start of a packet to complete later.
// It returns what is left of b and whether the PacketFunc was called.
func (l *Link) packetStep(st *readState, m Mode, rw RewriteFunc, b []byte) (rest []byte, asked bool) {
	pkt, raw, rest := st.f.next(b)
	if raw != nil {
		l.emit(st, rw, raw[:len(raw):len(raw)], time.Time{}, nil)
		return rest, false
	}
	if pkt == nil {
		return rest, false
	}
	act := m.s.fn(st.d, pkt[headerLen-1], pkt[headerLen:])
	if err := act.check(); err != nil {
		l.fail(fmt.Errorf("faultproxy: link %d, %s packet: %w", l.id, st.d, err))
		st.discarding = true
		return nil, true
	}
	switch act.Verdict {
	case Forward:
		l.emit(st, rw, pkt, time.Time{}, nil)
	case ForwardThenCut:
		l.emit(st, rw, pkt, time.Time{}, &act.Cut)
	case CutBefore:
		l.emit(st, nil, nil, time.Time{}, &act.Cut)
	}
	return rest, true
}

func (a Action) check() error {
	switch a.Verdict {
	case Forward, Drop:
		return nil
	case ForwardThenCut, CutBefore:
		return a.Cut.check()
	}
	return fmt.Errorf("%w: verdict %d", ErrInvalid, uint8(a.Verdict))
}

// emit queues data for the writer, rewritten by rw if set, to be written no
// earlier than due, and then cut, if set, to be carried out. If cut stops
// this direction, what the reader gets from now on is discarded.
func (l *Link) emit(st *readState, rw RewriteFunc, data []byte, due time.Time, cut *Cut) {
	if st.discarding {
		return
	}
	if rw != nil && len(data) > 0 {
		data = rw(st.d, data)
	}
	if len(data) == 0 && cut == nil {
		return
	}
	l.send(st, item{data: data, due: due, cut: cut})
	if cut != nil && cut.stops(st.d) {
		st.discarding = true
		l.closeQueue(st)
	}
}

func (l *Link) send(st *readState, it item) {
	select {
	case l.queue[st.i] <- it:
	case <-l.stop[st.i]:
		st.discarding = true
		l.closeQueue(st)
	}
}
