package faultproxy

import (
	"fmt"
	"time"
)

// Mode is what a direction of a link does with the bytes it reads. The zero
// Mode passes bytes through. Build one with Pass, Delay, Blackhole, Stall,
// CutAfter or Packets; a Mode value is immutable and may be shared.
//
// A direction takes its mode when a read returns, before the bytes show in
// Link.RecordedLen, and applies it to all those bytes: once WaitRecorded has
// seen them, a new mode applies only to later reads. A chunk held by Stall
// takes the mode that ends the stall, and the Packets mode looks again after
// each packet, so a PacketFunc's change applies from the next packet.
type Mode struct {
	s *modeSpec
}

type modeKind uint8

const (
	kindPass modeKind = iota
	kindDelay
	kindBlackhole
	kindStall
	kindCutAfter
	kindPackets
)

// modeSpec is the shared, immutable body of a Mode. Its address identifies
// the Mode, so a link notices when a new one replaces the old.
type modeSpec struct {
	kind  modeKind
	delay time.Duration
	n     int64
	cut   Cut
	fn    PacketFunc
}

func (m Mode) kind() modeKind {
	if m.s == nil {
		return kindPass
	}
	return m.s.kind
}

// String describes the mode, e.g. "delay 50ms".
func (m Mode) String() string {
	switch m.kind() {
	case kindDelay:
		return "delay " + m.s.delay.String()
	case kindBlackhole:
		return "blackhole"
	case kindStall:
		return "stall"
	case kindCutAfter:
		return fmt.Sprintf("cut after %d bytes (%s)", m.s.n, m.s.cut)
	case kindPackets:
		return "packets"
	}
	return "pass"
}

func (m Mode) check() error {
	switch m.kind() {
	case kindDelay:
		if m.s.delay < 0 {
			return fmt.Errorf("%w: negative delay %v", ErrInvalid, m.s.delay)
		}
	case kindCutAfter:
		if m.s.n < 0 {
			return fmt.Errorf("%w: negative byte count %d", ErrInvalid, m.s.n)
		}
		return m.s.cut.check()
	case kindPackets:
		if m.s.fn == nil {
			return fmt.Errorf("%w: nil packet predicate", ErrInvalid)
		}
	}
	return nil
}

// Pass forwards every byte as soon as it is read.
func Pass() Mode { return Mode{&modeSpec{kind: kindPass}} }

// Delay holds each chunk read for d before forwarding it. Chunks keep their
// order; one that arrives while an earlier one waits is due d after its own
// arrival, so the delay behaves like latency rather than adding up.
func Delay(d time.Duration) Mode { return Mode{&modeSpec{kind: kindDelay, delay: d}} }

// Blackhole reads every byte and discards it: the sender's writes succeed,
// the receiver gets nothing, and what was discarded is gone for good even
// after the mode changes back. Both sockets stay open.
func Blackhole() Mode { return Mode{&modeSpec{kind: kindBlackhole}} }

// Stall stops reading: the sender's writes succeed until the kernel buffers
// fill, the receiver gets nothing, and nothing is lost, so when the mode
// changes the held bytes flow on. At most one chunk already read when the
// mode took effect is held inside the proxy. Both sockets stay open.
func Stall() Mode { return Mode{&modeSpec{kind: kindStall}} }

// CutAfter forwards exactly n more bytes (counted from when the link first
// applies this Mode value, before any rewrite) and then carries out c once.
// The cut follows the n-th byte's delivery. With n = 0 the cut happens when
// the next byte arrives, forwarding none. If c stops this direction (any Reset
// or Fin, or a HalfClose of the receiving side), what follows is read and
// discarded; otherwise it passes.
func CutAfter(n int64, c Cut) Mode {
	return Mode{&modeSpec{kind: kindCutAfter, n: n, cut: c}}
}

// Packets frames the stream into MySQL packets (3-byte little-endian payload
// length, 1 sequence byte, payload) and asks fn what to do with each whole
// packet. A packet split across reads is buffered until complete; several
// packets in one read are handled one by one. If the mode takes effect in the
// middle of a packet, the rest of that packet passes unframed and framing
// starts at the next packet; if another mode replaces it, a partly buffered
// packet is handed to the new mode as plain bytes along with the next bytes
// read (or at EOF). A payload of 0xffffff bytes
// is one part of a larger logical packet and is shown to fn as it is.
//
// Framing only makes sense on a plain, uncompressed stream: after a TLS
// upgrade or with protocol compression, switch back to another mode.
func Packets(fn PacketFunc) Mode { return Mode{&modeSpec{kind: kindPackets, fn: fn}} }

// PacketFunc decides the fate of one MySQL packet read in direction dir. It is
// called from the link's reader goroutine for that direction, so the two
// directions may call it concurrently. payload is valid only during the call
// and must not be modified. It may change modes; the change applies from the
// next packet.
type PacketFunc func(dir Direction, seq byte, payload []byte) Action

// RewriteFunc replaces bytes before they are forwarded in direction dir. In
// the Packets mode it gets each whole forwarded packet, header included;
// otherwise each chunk as read (or the part of it a CutAfter forwards). b is
// a fresh copy the function may modify and return; an empty result forwards
// nothing. Recorded shows the bytes before the rewrite and Forwarded after.
type RewriteFunc func(dir Direction, b []byte) []byte

// Verdict is what an Action does with its packet.
type Verdict uint8

const (
	// Forward forwards the packet.
	Forward Verdict = iota
	// Drop discards the packet; the stream goes on.
	Drop
	// ForwardThenCut forwards the packet and, once it has been written,
	// carries out the Action's Cut. The other direction writes nothing in
	// between, so a reply the peer sends at once cannot slip through before
	// the cut.
	ForwardThenCut
	// CutBefore carries out the Action's Cut without forwarding the packet,
	// after every earlier byte has been written.
	CutBefore
)

// Action is a PacketFunc's answer. The zero Action forwards the packet.
type Action struct {
	// Verdict is what to do with the packet.
	Verdict Verdict
	// Cut is carried out for ForwardThenCut and CutBefore.
	Cut Cut
}

// ForwardPacket returns the Action that forwards the packet.
func ForwardPacket() Action { return Action{Verdict: Forward} }

// DropPacket returns the Action that discards the packet.
func DropPacket() Action { return Action{Verdict: Drop} }

// ForwardThen returns the Action that forwards the packet and then carries out c.
func ForwardThen(c Cut) Action { return Action{Verdict: ForwardThenCut, Cut: c} }

// CutInstead returns the Action that carries out c without forwarding the packet.
func CutInstead(c Cut) Action { return Action{Verdict: CutBefore, Cut: c} }
